from django.urls import URLPattern, URLResolver

app_name = "studio"

urlpatterns: list[URLPattern | URLResolver] = []
