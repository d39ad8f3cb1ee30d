from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from ikz.portal.sitemaps import SITEMAPS

urlpatterns = [
    path("admin/", admin.site.urls),
    path("konto/", include("ikz.accounts.urls")),
    path("", include("ikz.ui.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("<slug:slug>/datenaustausch/", include("ikz.exchange.urls")),
    path("<slug:slug>/kalender/", include("ikz.meetings.urls_calendar")),
    path("<slug:slug>/sitzungen/", include("ikz.meetings.urls")),
    path("<slug:slug>/aufgaben/", include("ikz.meetings.urls_tasks")),
    path("<slug:slug>/umfragen/", include("ikz.surveys.urls")),
    path("<slug:slug>/vorhaben/", include("ikz.projects.urls")),
    path("<slug:slug>/berichte/", include("ikz.reports.urls")),
    path("<slug:slug>/suche/", include("ikz.search.urls")),
    path("<slug:slug>/portal/", include("ikz.portal.urls")),
    path("<slug:slug>/", include("ikz.cooperation.urls")),
]
