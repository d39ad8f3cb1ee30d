"""Django's admin is a tool for superusers only; coordinators work in the product's own pages."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest


class SuperuserAdminSite(admin.AdminSite):
    site_header = "IKZ-Cockpit – Administration"
    site_title = "IKZ-Cockpit"

    def has_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)


class IkzAdminConfig(AdminConfig):
    default_site = "ikz.admin_site.SuperuserAdminSite"
