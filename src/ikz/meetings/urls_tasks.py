"""Task lists and task actions; mounted at ``<slug>/aufgaben/``."""

from django.urls import path

from ikz.meetings import views_tasks as views

app_name = "tasks"
urlpatterns = [
    path("", views.task_list, name="list"),
    path("meine/", views.my_tasks, name="mine"),
    path("neu/", views.task_edit, name="create"),
    path("<int:pk>/bearbeiten/", views.task_edit, name="edit"),
    path("<int:pk>/zeile/", views.task_row, name="row"),
    path("<int:pk>/status/", views.task_state, name="state"),
    path("<int:pk>/uebergeben/", views.task_move, name="move"),
]
