from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("konto/api-schluessel/", include("ikz.api.urls_tokens")),
    path("konto/", include("ikz.accounts.urls")),
    path("oparl/v1/", include("ikz.oparl.urls")),
    path("api/v1/", include("ikz.api.urls")),
    path("", include("ikz.ui.urls")),
    path("<slug:slug>/datenaustausch/", include("ikz.exchange.urls")),
    path("<slug:slug>/kalender/", include("ikz.meetings.urls_calendar")),
    path("<slug:slug>/sitzungen/", include("ikz.meetings.urls")),
    path("<slug:slug>/aufgaben/", include("ikz.meetings.urls_tasks")),
    path("<slug:slug>/umfragen/", include("ikz.surveys.urls")),
    path("<slug:slug>/vorhaben/", include("ikz.projects.urls")),
    path("<slug:slug>/berichte/", include("ikz.reports.urls")),
    path("<slug:slug>/", include("ikz.cooperation.urls")),
]
