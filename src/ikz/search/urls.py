"""The search page; mounted at ``<slug>/suche/``."""

from django.urls import path

from ikz.search import views

app_name = "search"
urlpatterns = [
    path("", views.search_page, name="page"),
]
