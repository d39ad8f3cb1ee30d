from django.contrib import admin

from ikz.cooperation.models import Body, Cooperation, Location, Membership, Municipality, Person


@admin.register(Cooperation)
class CooperationAdmin(admin.ModelAdmin[Cooperation]):
    list_display = ["name", "slug", "region", "coordinating_organisation"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin[Municipality]):
    list_display = ["name", "cooperation", "ags", "population", "area_km2"]
    list_filter = ["cooperation"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin[Body]):
    list_display = ["name", "cooperation", "kind", "is_public"]
    list_filter = ["cooperation", "kind"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin[Person]):
    list_display = ["family_name", "given_name", "cooperation", "function", "municipality"]
    list_filter = ["cooperation"]
    raw_id_fields = ["user"]


admin.site.register(Membership)
admin.site.register(Location)
