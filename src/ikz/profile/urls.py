"""“Mein Konto”, mounted at ``konto/`` beside the log-in pages of ikz.accounts."""

from django.urls import path

from ikz.profile import views

app_name = "profile"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("name/", views.name, name="name"),
    path("e-mail/", views.email, name="email"),
    path("e-mail/bestaetigen/<str:token>/", views.email_confirm, name="email_confirm"),
    path("passwort/", views.password, name="password"),
    path("geraete/", views.sessions, name="sessions"),
    path("zwei-faktor/", views.two_factor, name="two_factor"),
    path("zwei-faktor/einrichten/", views.two_factor_setup, name="two_factor_setup"),
    path("zwei-faktor/codes/", views.recovery_codes, name="recovery_codes"),
    path("zwei-faktor/abschalten/", views.two_factor_disable, name="two_factor_disable"),
    path("kalender/", views.calendars, name="calendars"),
    path("kalender/<slug:slug>/erneuern/", views.calendar_renew, name="calendar_renew"),
    path("benachrichtigungen/", views.notifications, name="notifications"),
]
