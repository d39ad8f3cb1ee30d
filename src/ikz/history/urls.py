from django.urls import path

from ikz.history import views

app_name = "history"

urlpatterns = [
    path("", views.cooperation_history, name="cooperation"),
    path("<str:label>/<int:pk>/", views.object_history, name="object"),
    path(
        "<str:label>/fassung/<int:history_id>/wiederherstellen/",
        views.restore,
        name="restore",
    ),
]
