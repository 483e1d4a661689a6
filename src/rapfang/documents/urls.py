"""Staff addresses of a consultation's drafts and files, under /staff/ (Thai) and /en/staff/ (English).

The download of a file stays outside the language prefix (`attachment_download` in the site's urls).
"""

from django.urls import path

from rapfang.documents import views_staff, views_staff_files

app_name = "documents"
DRAFTS = "staff/consultations/<slug:slug>/drafts/"
DRAFT = DRAFTS + "<slug:document>/"
FILES = "staff/consultations/<slug:slug>/files/"
urlpatterns = [
    path(DRAFTS, views_staff.drafts, name="staff_drafts"),
    path(DRAFTS + "new/", views_staff.document_new, name="staff_document_new"),
    path(DRAFTS + "new/confirm/<str:token>/", views_staff.document_confirm, name="staff_document_confirm"),
    path(DRAFT + "edit/", views_staff.document_edit, name="staff_document_edit"),
    path(DRAFT + "remove/", views_staff.document_remove, name="staff_document_remove"),
    path(DRAFT + "versions/new/", views_staff.version_new, name="staff_version_new"),
    path(DRAFT + "versions/confirm/<str:token>/", views_staff.version_confirm, name="staff_version_confirm"),
    path(DRAFT + "versions/<int:number>/", views_staff.version_detail, name="staff_version"),
    path(DRAFT + "versions/<int:number>/remove/", views_staff.version_delete, name="staff_version_remove"),
    path(FILES + "new/", views_staff_files.attachment_new, name="staff_attachment_new"),
    path(FILES + "<int:pk>/", views_staff_files.attachment_edit, name="staff_attachment_edit"),
    path(FILES + "<int:pk>/remove/", views_staff_files.attachment_delete, name="staff_attachment_remove"),
]
