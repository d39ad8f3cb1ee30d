"""The page behind an invitation link; mounted at ``konto/einladung/``."""

from django.urls import path

from ikz.access import views

app_name = "invitation"
urlpatterns = [path("<str:token>/", views.accept, name="accept")]
