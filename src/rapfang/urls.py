"""The site's addresses. Public pages are Thai at / and English at /en/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from rapfang.accounts import views as account_views
from rapfang.api.urls import api
from rapfang.documents.views import attachment_download
from rapfang.reports.views.reports_public import open_data, report_file

handler404 = "rapfang.core.errorpages.not_found"
handler500 = "rapfang.core.errorpages.server_error"

urlpatterns = [
    path("api/v1/", api.urls),
    path(
        "consultations/<slug:slug>/files/<int:pk>/<str:filename>",
        attachment_download,
        name="attachment_download",
    ),
    path("consultations/<slug:slug>/reports/<int:number>/<str:filename>", report_file, name="report_file"),
    path("consultations/<slug:slug>/open-data.zip", open_data, name="open_data"),
]
urlpatterns += i18n_patterns(
    path("", include("rapfang.portal.urls")),
    path("", include("rapfang.hearings.urls")),
    path("", include("rapfang.comments.urls")),
    path("", include("rapfang.questionnaires.urls")),
    path("", include("rapfang.documents.urls")),
    path("", include("rapfang.analysis.urls")),
    path("", include("rapfang.reports.urls")),
    path("", include("rapfang.participation.urls")),
    path("", include("rapfang.workspace.urls")),
    path("accounts/login/", account_views.login_view, name="login"),
    path("accounts/login/code/", account_views.login_code_view, name="login_code"),
    path("accounts/two-factor/", account_views.two_factor_view, name="two_factor"),
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),  # one login, throttled
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
