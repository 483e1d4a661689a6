from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "rapfang.accounts"
    label = "accounts"
    verbose_name = _("Users and agencies")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from rapfang.accounts.login import factor_state_on_login

        # Every way of logging in (the login page, an accepted invitation, tests' force_login) records at once what
        # the new session owes for the second factor, so that staff pages never look it up (accounts.middleware).
        user_logged_in.connect(factor_state_on_login, dispatch_uid="rapfang.accounts.factor_state")
