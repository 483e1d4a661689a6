"""Addresses of issues and responses: staff pages and the public \"what we heard and what we did\" page."""

from django.urls import URLPattern, path

from rapfang.reports.views import issues_staff, responses_public

STAFF = "staff/consultations/<slug:slug>/responses/"
ISSUE = STAFF + "<int:number>/"

urlpatterns: list[URLPattern] = [
    path("consultations/<slug:slug>/responses/", responses_public.responses, name="responses"),
    path(STAFF, issues_staff.issue_list_staff, name="issues_staff"),
    path(STAFF + "from-campaign/<int:group_id>/", issues_staff.issue_from_group, name="issue_from_group"),
    path(STAFF + "from-topic/<int:cluster_id>/", issues_staff.issue_from_topic, name="issue_from_topic"),
    path(ISSUE, issues_staff.issue_detail_staff, name="issue_staff"),
    path(ISSUE + "comments/", issues_staff.issue_comments_add_view, name="issue_comments_add"),
    path(
        ISSUE + "comments/<int:comment_id>/remove/", issues_staff.issue_comment_remove_view, name="issue_comment_remove"
    ),
    path(ISSUE + "response/", issues_staff.response_save_view, name="response_save"),
    path(ISSUE + "response/publication/", issues_staff.response_publish_view, name="response_publish"),
    path(ISSUE + "delete/", issues_staff.issue_delete_view, name="issue_delete"),
]
