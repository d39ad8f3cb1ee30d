from django.urls import path

from ikz.ui import views

app_name = "ui"
urlpatterns = [
    path("", views.home, name="home"),
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
]
