from django.urls import path

from rapfang.comments import endorse_views, staff_views, views

app_name = "comments"
urlpatterns = [
    path("consultations/<slug:slug>/drafts/<slug:document>/", views.draft_read, name="draft_read"),
    path("consultations/<slug:slug>/drafts/<slug:document>/compare/", views.draft_compare, name="draft_compare"),
    path("consultations/<slug:slug>/comment/", views.comment_new, name="new"),
    path("consultations/<slug:slug>/comments/", views.comment_list, name="list"),
    path("consultations/<slug:slug>/comments/<int:pk>/flag/", views.comment_flag_view, name="flag"),
    path("consultations/<slug:slug>/comments/<int:pk>/endorse/", endorse_views.comment_endorse, name="endorse"),
    path("consultations/<slug:slug>/comments/<int:pk>/attachment/", views.comment_attachment, name="attachment"),
    path("comments/receipts/<str:receipt>/", views.comment_receipt, name="receipt"),
    path("privacy/comments/", views.comment_privacy, name="privacy"),
    path("staff/consultations/<slug:slug>/comments/new/", staff_views.offline_new, name="offline_new"),
    path("staff/consultations/<slug:slug>/comments/<int:pk>/erase/", staff_views.comment_erase_view, name="erase"),
    path(
        "staff/consultations/<slug:slug>/comments/<int:pk>/attachment/",
        staff_views.comment_attachment_staff,
        name="staff_attachment",
    ),
]
