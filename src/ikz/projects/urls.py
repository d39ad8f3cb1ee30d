"""Project pages; mounted at ``<slug>/vorhaben/``."""

from django.urls import path

from ikz.projects import views, views_goals, views_plan

app_name = "projects"
urlpatterns = [
    path("", views.board, name="board"),
    path("spalte/<str:stage>/", views.board_column, name="board_column"),
    path("liste/", views.project_list, name="list"),
    path("fristen/", views.deadlines, name="deadlines"),
    path("neu/", views.project_edit, name="create"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.project_edit, name="edit"),
    path("<int:pk>/loeschen/", views.project_delete, name="delete"),
    path("<int:pk>/phase/", views.stage_change, name="stage"),
    path(
        "<int:pk>/beteiligung/<int:municipality_pk>/",
        views_plan.participation_row,
        name="participation",
    ),
    path(
        "<int:pk>/beteiligung/<int:municipality_pk>/zeile/",
        views_plan.participation_show,
        name="participation_show",
    ),
    path("<int:pk>/meilensteine/neu/", views_plan.milestone_edit, name="milestone_create"),
    path(
        "<int:pk>/meilensteine/<int:milestone_pk>/bearbeiten/",
        views_plan.milestone_edit,
        name="milestone_edit",
    ),
    path(
        "<int:pk>/meilensteine/<int:milestone_pk>/erledigt/",
        views_plan.milestone_done,
        name="milestone_done",
    ),
    path(
        "<int:pk>/meilensteine/<int:milestone_pk>/loeschen/",
        views_plan.milestone_delete,
        name="milestone_delete",
    ),
    path("<int:pk>/foerderung/neu/", views_plan.funding_edit, name="funding_create"),
    path(
        "<int:pk>/foerderung/<int:application_pk>/bearbeiten/",
        views_plan.funding_edit,
        name="funding_edit",
    ),
    path(
        "<int:pk>/foerderung/<int:application_pk>/loeschen/",
        views_plan.funding_delete,
        name="funding_delete",
    ),
    path("ziele/", views_goals.goals, name="goals"),
    path("ziele/neu/", views_goals.goal_edit, name="goal_create"),
    path("ziele/<int:pk>/bearbeiten/", views_goals.goal_edit, name="goal_edit"),
    path("ziele/<int:pk>/loeschen/", views_goals.goal_delete, name="goal_delete"),
    path("handlungsfelder/", views_goals.field_list, name="fields"),
    path("handlungsfelder/<int:pk>/bearbeiten/", views_goals.field_list, name="field_edit"),
    path("handlungsfelder/<int:pk>/loeschen/", views_goals.field_delete, name="field_delete"),
    path(
        "protokollpunkt/<int:point_pk>/verknuepfen/",
        views_goals.point_link,
        name="point_link",
    ),
]
