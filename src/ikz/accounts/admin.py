from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from ikz.accounts.models import CooperationRole, User


class CooperationRoleInline(admin.TabularInline[CooperationRole, User]):
    model = CooperationRole
    extra = 0


@admin.register(User)
class IkzUserAdmin(UserAdmin[User]):
    inlines = [CooperationRoleInline]
