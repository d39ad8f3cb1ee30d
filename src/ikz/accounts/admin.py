from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from ikz.accounts.models import CooperationRole, User


class CooperationRoleInline(admin.TabularInline):
    model = CooperationRole
    extra = 0


@admin.register(User)
class IkzUserAdmin(UserAdmin):
    inlines = [CooperationRoleInline]
