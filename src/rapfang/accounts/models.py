"""Users, agencies (the organisers) and the roles that tie them together."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from rapfang.core.i18n import localized
from rapfang.core.models import TimeStampedModel


class User(AbstractUser):
    """A staff member or a registered participant. Administrators are superusers."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Agency(TimeStampedModel):
    """A government agency that organises consultations, with its public channels."""

    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    abbr_th = models.CharField(_("abbreviation (Thai)"), max_length=40, blank=True)
    abbr_en = models.CharField(_("abbreviation (English)"), max_length=40, blank=True)
    phone = models.CharField(_("telephone"), max_length=60, blank=True)
    fax = models.CharField(_("fax"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("succeeded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name_th"]

    def __str__(self) -> str:
        return localized(self, "name")

    @property
    def audit_scope(self) -> tuple[int | None, int | None]:
        return None, self.pk


class AgencyContact(models.Model):
    """A person the public may ask about an agency's consultations."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="contacts")
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    position_th = models.CharField(_("position (Thai)"), max_length=200, blank=True)
    position_en = models.CharField(_("position (English)"), max_length=200, blank=True)
    phone = models.CharField(_("telephone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return localized(self, "name")


class StakeholderType(models.TextChoices):
    """Who a participant speaks for: the same values for registrations, comments and the API."""

    GOVERNMENT = "government", _("Government agency")
    STATE_ENTERPRISE = "state_enterprise", _("State enterprise")
    PRIVATE = "private", _("Private sector")
    ACADEMIC = "academic", _("Academic")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    CITIZEN = "citizen", _("Citizen")


class Role(models.TextChoices):
    ORGANISER = "organiser", _("organiser")
    MODERATOR = "moderator", _("moderator")


class Membership(models.Model):
    """A staff member's role in an agency: organisers run its consultations, moderators review."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("role in an agency")
        verbose_name_plural = _("roles in agencies")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="membership_unique_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.agency}"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    ACCEPTED = "accepted", _("accepted")
    WITHDRAWN = "withdrawn", _("withdrawn")
    REPLACED = "replaced", _("replaced by a newer invitation")


class Invitation(models.Model):
    """An invitation by e-mail to take a role in an agency.

    The link in the mail is signed and names the invitation and its `nonce`: it works once, until `expires_at`, and
    only while the invitation is pending; sending it again issues a new nonce, so the earlier link stops working.
    """

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    language = models.CharField(_("language of the e-mail"), max_length=8, default="th")
    invited_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    issued_at = models.DateTimeField(_("link issued at"))
    expires_at = models.DateTimeField(_("link expires at"))
    nonce = models.CharField(max_length=32)
    status = models.CharField(
        _("status"), max_length=20, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    ended_at = models.DateTimeField(_("accepted, withdrawn or replaced at"), null=True, blank=True)
    accepted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    mailed_at = models.DateTimeField(_("handed to the mail server at"), null=True, blank=True)
    mail_error = models.CharField(_("mail error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "email"],
                condition=models.Q(status="pending"),
                name="invitation_one_pending_per_address",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} · {self.get_role_display()} · {self.agency}"


class ApiKey(models.Model):
    """A key that staff issue to an API client; only its hash is kept."""

    name = models.CharField(_("name"), max_length=120)
    prefix = models.CharField(_("key begins with"), max_length=12, db_index=True)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    requests_per_minute = models.PositiveIntegerField(_("requests per minute"), null=True, blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class SecondFactor(models.Model):
    """A staff member's authenticator app (TOTP): its secret, when it was confirmed, the last time step used."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="second_factor")
    secret = models.CharField(_("secret"), max_length=64)
    confirmed_at = models.DateTimeField(_("confirmed at"))
    last_step = models.BigIntegerField(_("last time step used"), default=-1)

    class Meta:
        verbose_name = _("second factor")
        verbose_name_plural = _("second factors")

    def __str__(self) -> str:
        return f"{self.user} · TOTP"


class RecoveryCode(models.Model):
    """A one-time code for when the authenticator app is lost; only its hash is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(_("code hash"), max_length=64)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")

    def __str__(self) -> str:
        return f"{self.user} · {'used' if self.used_at else 'unused'}"


class LoginOrigin(models.Model):
    """An address (keyed hash of its network) from which a staff member logged in successfully: a flood of wrong
    passwords against the account does not hold back logins from it (decision 11)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="login_origins")
    address_key = models.CharField(_("address key"), max_length=64)
    last_success_at = models.DateTimeField(_("last successful login"))

    class Meta:
        verbose_name = _("login origin")
        verbose_name_plural = _("login origins")
        constraints = [models.UniqueConstraint(fields=["user", "address_key"], name="login_origin_once")]

    def __str__(self) -> str:
        return f"{self.user} · {self.last_success_at:%Y-%m-%d}"
