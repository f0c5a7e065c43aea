from django.urls import URLPattern, URLResolver

app_name = "polls"

urlpatterns: list[URLPattern | URLResolver] = []
