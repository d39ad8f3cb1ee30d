from django.urls import path

from ikz.exchange import views

app_name = "exchange"
urlpatterns = [
    path("", views.exchange_page, name="page"),
    path("export.json", views.download, name="download"),
    path("export.zip", views.download_bundle, name="download_bundle"),
]
