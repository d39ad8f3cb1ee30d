from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("konto/", include("ikz.accounts.urls")),
    path("", include("ikz.ui.urls")),
    path("<slug:slug>/datenaustausch/", include("ikz.exchange.urls")),
    path("<slug:slug>/", include("ikz.cooperation.urls")),
]
