from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from ikz.portal.sitemaps import SITEMAPS

urlpatterns = [
    path("admin/", admin.site.urls),
    path("konto/api-schluessel/", include("ikz.api.urls_tokens")),
    path("betrieb/", include("ikz.platform.urls")),
    path("konto/einladung/", include("ikz.access.urls_public")),
    path("konto/", include("ikz.profile.urls")),
    path("konto/", include("ikz.accounts.urls")),
    path("oparl/v1/", include("ikz.oparl.urls")),
    path("api/v1/", include("ikz.api.urls")),
    path("", include("ikz.ui.urls")),
    path("", include("ikz.operations.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("<slug:slug>/datenaustausch/", include("ikz.exchange.urls")),
    path("<slug:slug>/kalender/", include("ikz.meetings.urls_calendar")),
    path("<slug:slug>/sitzungen/", include("ikz.meetings.urls")),
    path("<slug:slug>/aufgaben/", include("ikz.meetings.urls_tasks")),
    path("<slug:slug>/umfragen/", include("ikz.surveys.urls")),
    path("<slug:slug>/vorhaben/", include("ikz.projects.urls")),
    path("<slug:slug>/vereinbarungen/", include("ikz.agreements.urls")),
    path("<slug:slug>/berichte/", include("ikz.reports.urls")),
    path("<slug:slug>/zugaenge/", include("ikz.access.urls")),
    path("<slug:slug>/einstellungen/", include("ikz.platform.urls_settings")),
    path("<slug:slug>/verlauf/", include("ikz.history.urls")),
    path("<slug:slug>/anhaenge/", include("ikz.attachments.urls")),
    path("<slug:slug>/erscheinungsbild/", include("ikz.branding.urls")),
    path("<slug:slug>/suche/", include("ikz.search.urls")),
    path("<slug:slug>/portal/", include("ikz.portal.urls")),
    path("<slug:slug>/", include("ikz.cooperation.urls")),
]

# A lock timeout anywhere answers 503 "bitte gleich noch einmal" instead of 500.
handler500 = "ikz.operations.busy.server_error"
