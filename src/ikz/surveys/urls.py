from django.urls import path

from ikz.surveys import views, views_answers

app_name = "surveys"
urlpatterns = [
    path("", views.survey_list, name="list"),
    path("neu/", views.survey_create, name="create"),
    path("<int:pk>/", views.survey_detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.survey_edit, name="edit"),
    path("<int:pk>/loeschen/", views.survey_delete, name="delete"),
    path("<int:pk>/status/", views.survey_status, name="status"),
    path("<int:pk>/kopieren/", views.survey_copy, name="copy"),
    path("<int:pk>/abschnitte/neu/", views.section_edit, name="section_create"),
    path("<int:pk>/abschnitte/<int:section_pk>/", views.section_edit, name="section_edit"),
    path(
        "<int:pk>/abschnitte/<int:section_pk>/loeschen/",
        views.section_delete,
        name="section_delete",
    ),
    path("<int:pk>/fragen/neu/", views.question_edit, name="question_create"),
    path("<int:pk>/fragen/<int:question_pk>/", views.question_edit, name="question_edit"),
    path(
        "<int:pk>/fragen/<int:question_pk>/loeschen/",
        views.question_delete,
        name="question_delete",
    ),
    path(
        "<int:pk>/fragen/<int:question_pk>/verschieben/",
        views.question_move,
        name="question_move",
    ),
    path("<int:pk>/kennzahlen/neu/", views.indicator_edit, name="indicator_create"),
    path("<int:pk>/kennzahlen/<int:indicator_pk>/", views.indicator_edit, name="indicator_edit"),
    path(
        "<int:pk>/kennzahlen/<int:indicator_pk>/loeschen/",
        views.indicator_delete,
        name="indicator_delete",
    ),
    path("<int:pk>/antwort/", views_answers.my_response, name="my_response"),
    path(
        "<int:pk>/antworten/<int:municipality_pk>/",
        views_answers.response_edit,
        name="response",
    ),
    path(
        "<int:pk>/antworten/<int:municipality_pk>/wieder-oeffnen/",
        views_answers.response_reopen,
        name="response_reopen",
    ),
    path("<int:pk>/auswertung/", views_answers.evaluation, name="evaluation"),
    path(
        "<int:pk>/auswertung/tagesordnung/",
        views_answers.evaluation_agenda,
        name="evaluation_agenda",
    ),
    path(
        "<int:pk>/auswertung/export.<str:fmt>",
        views_answers.evaluation_export,
        name="evaluation_export",
    ),
    path("<int:pk>/auswertung/<str:key>/", views_answers.evaluation_detail, name="figure"),
    path("<int:pk>/antworten.<str:fmt>", views_answers.answers_export, name="answers_export"),
    path("<int:pk>/import/", views_answers.answers_import, name="import"),
]
