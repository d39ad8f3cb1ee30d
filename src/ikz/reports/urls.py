"""Status report pages; mounted at ``<slug>/berichte/``."""

from django.urls import path

from ikz.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("neu/", views.report_create, name="create"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/texte/", views.report_texts, name="texts"),
    path("<int:pk>/eintrag/", views.toggle_item, name="toggle_item"),
    path("<int:pk>/abschnitt/", views.toggle_section, name="toggle_section"),
    path("<int:pk>/abschnitt/verschieben/", views.move_section, name="move_section"),
    path("<int:pk>/gremium/<int:body_pk>/", views.body_status, name="body_status"),
    path("<int:pk>/veroeffentlichen/", views.publish, name="publish"),
    path("<int:pk>/loeschen/", views.report_delete, name="delete"),
    path("<int:pk>/entwurf.<str:fmt>", views.draft_download, name="draft_download"),
    path("<int:pk>/v<int:number>/", views.version_detail, name="version"),
    path("<int:pk>/v<int:number>/bericht.<str:fmt>", views.version_download, name="download"),
]
