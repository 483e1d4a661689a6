from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "rapfang.participation"
    verbose_name = _("Following and my participation")
