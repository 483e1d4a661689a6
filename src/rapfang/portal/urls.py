from django.urls import path

from rapfang.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("consultations/<slug:slug>/", views.consultation_detail, name="consultation"),
]
