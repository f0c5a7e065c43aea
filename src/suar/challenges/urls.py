from django.urls import path

from suar.challenges import views

app_name = "challenges"

urlpatterns = [
    path("", views.challenge_list, name="challenge_list"),
    path("baru/", views.challenge_create, name="challenge_create"),
    path("<int:pk>/", views.challenge_detail, name="challenge_detail"),
    path("<int:pk>/ikut/", views.join, name="join"),
    path("<int:pk>/lapor/", views.check_in, name="check_in"),
    path("<int:pk>/papan-peringkat/", views.leaderboard_opt_in, name="leaderboard_opt_in"),
    path("<int:pk>/kartu/<int:days>/", views.card, name="card"),
]
