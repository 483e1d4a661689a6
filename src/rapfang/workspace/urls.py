"""Addresses of the staff workspace, under /staff/ (Thai) and /en/staff/ (English)."""

from django.urls import path

from rapfang.workspace.views import (
    activity,
    agencies,
    consultation,
    home,
    invitation,
    moderation,
    publish,
    team,
    timeline,
    topics,
)

app_name = "workspace"
urlpatterns = [
    path("staff/", home.home, name="home"),
    # Agencies, their team and invitations
    path("staff/agencies/", agencies.agency_list, name="agencies"),
    path("staff/agencies/new/", agencies.agency_new, name="agency_new"),
    path("staff/agencies/<slug:slug>/", agencies.agency_detail, name="agency"),
    path("staff/agencies/<slug:slug>/details/", agencies.agency_edit, name="agency_edit"),
    path("staff/agencies/<slug:slug>/contacts/", agencies.agency_contacts, name="agency_contacts"),
    path("staff/agencies/<slug:slug>/invite/", team.invitation_new, name="invitation_new"),
    path(
        "staff/agencies/<slug:slug>/invitations/<int:pk>/resend/", team.invitation_resend_view, name="invitation_resend"
    ),
    path(
        "staff/agencies/<slug:slug>/invitations/<int:pk>/withdraw/",
        team.invitation_withdraw_view,
        name="invitation_withdraw",
    ),
    path("staff/agencies/<slug:slug>/team/<int:user_id>/role/", team.member_role, name="member_role"),
    path("staff/agencies/<slug:slug>/team/<int:user_id>/remove/", team.member_remove, name="member_remove"),
    path("staff/join/<str:token>/", invitation.invitation_accept_view, name="invitation_accept"),
    # End of agencies, team and invitations
    # Moderation and the activity log
    path("staff/consultations/<slug:slug>/moderation/", moderation.moderation, name="moderation"),
    path("staff/consultations/<slug:slug>/activity/", activity.consultation_activity, name="consultation_activity"),
    path("staff/agencies/<slug:slug>/activity/", activity.agency_activity, name="agency_activity"),
    # A consultation from nothing: new or copied, overview and checks, details, timeline, topics, going live
    path("staff/consultations/new/", consultation.consultation_new, name="consultation_new"),
    path("staff/consultations/<slug:slug>/", consultation.consultation, name="consultation"),
    path("staff/consultations/<slug:slug>/details/", consultation.consultation_edit, name="consultation_edit"),
    path("staff/consultations/<slug:slug>/timeline/", timeline.timeline, name="timeline"),
    path("staff/consultations/<slug:slug>/timeline/add/", timeline.timeline_add, name="timeline_add"),
    path("staff/consultations/<slug:slug>/timeline/period/", timeline.timeline_period, name="timeline_period"),
    path("staff/consultations/<slug:slug>/timeline/<str:kind>/", timeline.timeline_step, name="timeline_step"),
    path(
        "staff/consultations/<slug:slug>/timeline/<str:kind>/remove/",
        timeline.timeline_step_remove,
        name="timeline_step_remove",
    ),
    path("staff/consultations/<slug:slug>/topics/", topics.topics, name="topics"),
    path("staff/consultations/<slug:slug>/topics/copy/", topics.topics_copy_view, name="topics_copy"),
    path("staff/consultations/<slug:slug>/topics/<slug:key>/edit/", topics.topic_edit, name="topic_edit"),
    path("staff/consultations/<slug:slug>/topics/<slug:key>/remove/", topics.topic_remove, name="topic_remove"),
    path("staff/consultations/<slug:slug>/topics/<slug:key>/move/", topics.topic_move, name="topic_move"),
    path("staff/consultations/<slug:slug>/publish/", publish.publish, name="publish"),
    path("staff/consultations/<slug:slug>/unpublish/", publish.unpublish, name="unpublish"),
    # End of a consultation from nothing
]
