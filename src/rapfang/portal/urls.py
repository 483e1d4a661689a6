from django.urls import path

from rapfang.portal import views
from rapfang.portal.feeds import ConsultationFeed, TimelineFeed

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("consultations/<slug:slug>/", views.consultation_detail, name="consultation"),
    path("feeds/consultations.atom", ConsultationFeed(), name="feed_consultations"),
    path("feeds/timeline.atom", TimelineFeed(), name="feed_timeline"),
]
