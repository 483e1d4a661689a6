from django.urls import path

from rapfang.participation import feeds, views

app_name = "participation"
urlpatterns = [
    path("consultations/<slug:slug>/follow/", views.follow_new, name="follow"),
    path("consultations/<slug:slug>/follow/sent/", views.follow_sent, name="follow_sent"),
    path("consultations/<slug:slug>/news.atom", feeds.ConsultationNewsFeed(), name="news"),
    path("consultations/<slug:slug>/calendar.ics", feeds.consultation_calendar, name="calendar"),
    path("follows/<str:token>/confirm/", views.follow_confirm_view, name="confirm"),
    path("follows/<str:token>/unsubscribe/", views.unsubscribe, name="unsubscribe"),
    path("my-participation/", views.mine_ask, name="mine_ask"),
    path("my-participation/sent/", views.mine_sent, name="mine_sent"),
    path("my-participation/<str:token>/", views.mine, name="mine"),
    path("my-participation/<str:token>/comments/<int:comment_id>/withdraw/", views.mine_withdraw, name="withdraw"),
]
