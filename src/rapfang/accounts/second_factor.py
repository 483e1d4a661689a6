"""The second factor of staff logins: an authenticator app (TOTP) and one-time recovery codes.

Staff may enrol; administrators must when the site runs in production (`settings.ADMIN_SECOND_FACTOR`, on with
RAPFANG_HTTPS=1). An app's code is good once (the last time step used is kept); a recovery code once. Each write
runs in one transaction with one audit entry.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapfang.accounts.models import RecoveryCode, SecondFactor, User
from rapfang.accounts.totp import totp_match
from rapfang.core.audit import audit_log
from rapfang.core.codes import random_code
from rapfang.core.errors import InvalidInput, PermissionDenied

RECOVERY_COUNT = 10
RECOVERY_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O or 1/I
WRONG_CODE = _("This code is not right. Type the six digits your app shows now, or a recovery code.")


def second_factor_required(user: User) -> bool:
    return bool(settings.ADMIN_SECOND_FACTOR and user.is_superuser)


def second_factor_of(user: User) -> SecondFactor | None:
    return SecondFactor.objects.filter(user=user).first()


def recovery_hash(code: str) -> str:
    cleaned = "".join(char for char in code.upper() if char.isalnum())
    return hashlib.sha256(cleaned.encode()).hexdigest()


def _recovery_codes_new(user: User) -> list[str]:
    """Ten fresh codes of 80 bits, shown once; the earlier ones stop working."""
    user.recovery_codes.all().delete()
    codes = [random_code(RECOVERY_ALPHABET, 16) for _ in range(RECOVERY_COUNT)]
    RecoveryCode.objects.bulk_create(RecoveryCode(user=user, code_hash=recovery_hash(code)) for code in codes)
    return ["-".join(code[i : i + 4] for i in range(0, 16, 4)) for code in codes]


def _wrong_code() -> InvalidInput:
    return InvalidInput(code="wrong_code", errors={"code": [str(WRONG_CODE)]})


@transaction.atomic
def second_factor_enrol(*, actor: User, secret: str, code: str, now: float | None = None) -> list[str]:
    """Confirm the app with a code it shows now; the recovery codes to show once."""
    step = totp_match(secret, code, time.time() if now is None else now)
    if step is None:
        raise _wrong_code()
    SecondFactor.objects.update_or_create(
        user=actor, defaults={"secret": secret, "confirmed_at": timezone.now(), "last_step": step}
    )
    codes = _recovery_codes_new(actor)
    audit_log(actor=actor, action="accounts.second_factor.enrol", target=actor)
    return codes


@transaction.atomic
def second_factor_verify(*, user: User, code: str, now: float | None = None) -> bool:
    """Whether `code` is the app's code now (not used before) or an unused recovery code; uses it up."""
    factor = SecondFactor.objects.select_for_update().filter(user=user).first()
    if factor is None:
        return False
    step = totp_match(factor.secret, code, time.time() if now is None else now, after_step=factor.last_step)
    if step is not None:
        factor.last_step = step
        factor.save(update_fields=["last_step"])
        return True
    used = RecoveryCode.objects.filter(user=user, code_hash=recovery_hash(code), used_at__isnull=True)
    if not used.update(used_at=timezone.now()):
        return False
    audit_log(actor=user, action="accounts.second_factor.recovery_use", target=user,
              data={"left": user.recovery_codes.filter(used_at__isnull=True).count()})  # fmt: skip
    return True


@transaction.atomic
def recovery_codes_renew(*, actor: User, code: str) -> list[str]:
    """New recovery codes, after a code from the app or a recovery code."""
    if not second_factor_verify(user=actor, code=code):
        raise _wrong_code()
    codes = _recovery_codes_new(actor)
    audit_log(actor=actor, action="accounts.second_factor.recovery_renew", target=actor)
    return codes


@transaction.atomic
def second_factor_remove(*, actor: User, code: str) -> None:
    """Turn the second factor off (not for those who must use one), after a code."""
    if second_factor_required(actor):
        raise PermissionDenied(_("Administrators must use a second factor on this site."))
    if not second_factor_verify(user=actor, code=code):
        raise _wrong_code()
    SecondFactor.objects.filter(user=actor).delete()
    actor.recovery_codes.all().delete()
    audit_log(actor=actor, action="accounts.second_factor.remove", target=actor)
