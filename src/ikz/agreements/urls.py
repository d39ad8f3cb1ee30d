"""Agreement pages; mounted at ``<slug>/vereinbarungen/``."""

from django.urls import path

from ikz.agreements import views, views_statements

app_name = "agreements"
urlpatterns = [
    path("", views.agreement_list, name="list"),
    path("neu/", views.agreement_edit, name="create"),
    path("<int:pk>/", views.agreement_detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.agreement_edit, name="edit"),
    path("<int:pk>/loeschen/", views.agreement_delete, name="delete"),
    path("<int:pk>/stand/", views.state_change, name="state"),
    path("<int:pk>/partner/neu/", views.partner_edit, name="partner_create"),
    path("<int:pk>/partner/<int:partner_pk>/", views.partner_edit, name="partner_edit"),
    path(
        "<int:pk>/partner/<int:partner_pk>/loeschen/",
        views.partner_delete,
        name="partner_delete",
    ),
    path("<int:pk>/schluessel/neu/", views_statements.key_edit, name="key_create"),
    path("<int:pk>/schluessel/<int:key_pk>/", views_statements.key_edit, name="key_edit"),
    path("<int:pk>/kennzahlen/<int:year>/", views_statements.measures, name="measures"),
    path("<int:pk>/abrechnungen/neu/", views_statements.statement_edit, name="statement_create"),
    path(
        "<int:pk>/abrechnungen/<int:statement_pk>/",
        views_statements.statement_detail,
        name="statement",
    ),
    path(
        "<int:pk>/abrechnungen/<int:statement_pk>/bearbeiten/",
        views_statements.statement_edit,
        name="statement_edit",
    ),
    path(
        "<int:pk>/abrechnungen/<int:statement_pk>/ausstellen/",
        views_statements.statement_issue,
        name="statement_issue",
    ),
    path(
        "<int:pk>/abrechnungen/<int:statement_pk>/korrigieren/",
        views_statements.statement_correct,
        name="statement_correct",
    ),
    path(
        "<int:pk>/abrechnungen/<int:statement_pk>/loeschen/",
        views_statements.statement_delete,
        name="statement_delete",
    ),
    path(
        "<int:pk>/abrechnungen/<int:statement_pk>/pdf/",
        views_statements.statement_pdf,
        name="statement_pdf",
    ),
    path(
        "<int:pk>/abrechnungen/<int:statement_pk>/xlsx/",
        views_statements.statement_xlsx,
        name="statement_xlsx",
    ),
]
