from django.urls import path

from rapfang.analysis import views

app_name = "analysis"
PREFIX = "staff/consultations/<slug:slug>/analysis/"
urlpatterns = [
    path(PREFIX, views.dashboard, name="dashboard"),
    path(PREFIX + "runs/", views.run_start, name="run_start"),
    path(PREFIX + "runs/<int:run_id>/", views.run_detail, name="run"),
    path(PREFIX + "runs/<int:run_id>/progress/", views.run_progress, name="run_progress"),
    path(PREFIX + "groups/<int:group_id>/", views.group_detail, name="group"),
    path(PREFIX + "comments/", views.comment_list, name="comments"),
    path(PREFIX + "comments/<int:comment_id>/move/", views.comment_move, name="comment_move"),
    path(PREFIX + "questionnaire/", views.questionnaire_reasons, name="questionnaire_reasons"),
]
