from django.urls import path

from suar.qa import views

app_name = "qa"

urlpatterns = [
    path("", views.session_list, name="session_list"),
    path("baru/", views.session_create, name="session_create"),
    path("<int:pk>/", views.session_detail, name="session_detail"),
    path("<int:pk>/langsung/", views.live_fragment, name="live_fragment"),
    path("<int:pk>/arsip/", views.archive, name="archive"),
    path("<int:pk>/tanya/", views.ask, name="ask"),
    path("<int:pk>/status/", views.set_status, name="set_status"),
    path("<int:pk>/moderasi/", views.moderation, name="moderation"),
    path("<int:pk>/pertanyaan/<int:question_pk>/dukung/", views.vote, name="vote"),
    path("<int:pk>/pertanyaan/<int:question_pk>/jawab/", views.answer, name="answer"),
    path("<int:pk>/pertanyaan/<int:question_pk>/moderasi/", views.moderate, name="moderate"),
]
