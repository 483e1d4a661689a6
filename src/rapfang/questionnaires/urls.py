from django.urls import path

from rapfang.questionnaires import staff_views, views

app_name = "questionnaires"
STAFF = "staff/consultations/<slug:slug>/questionnaire/"
urlpatterns = [
    path("consultations/<slug:slug>/questionnaire/", views.questionnaire_answer, name="answer"),
    path("consultations/<slug:slug>/questionnaire/results/", views.questionnaire_results_public, name="results"),
    path("questionnaires/receipts/<str:receipt>/", views.answer_receipt, name="receipt"),
    path(STAFF, staff_views.questionnaire_editor, name="editor"),
    path(f"{STAFF}<int:pk>/edit/", staff_views.question_edit, name="question_edit"),
    path(f"{STAFF}<int:pk>/remove/", staff_views.question_remove, name="question_remove"),
    path(f"{STAFF}<int:pk>/move/", staff_views.question_move, name="question_move"),
    path(f"{STAFF}results/", staff_views.results_staff, name="results_staff"),
    path(f"{STAFF}answers/", staff_views.answers, name="answers"),
    path(f"{STAFF}answers/new/", staff_views.answer_offline, name="offline"),
    path(f"{STAFF}answers/<int:pk>/erase/", staff_views.answer_erase_view, name="erase"),
]
