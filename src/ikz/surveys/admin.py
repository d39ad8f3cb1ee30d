"""Admin views for inspection. Changes go through the pages (and their services)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ikz.surveys.models import Indicator, Question, Reminder, Response, Section, Survey


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:  # noqa: ARG002 - Django's ModelAdmin signature
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:  # noqa: ARG002 - Django's ModelAdmin signature
        return False


@admin.register(Survey)
class SurveyAdmin(ReadOnlyAdmin):
    list_display = ["title", "cooperation", "status", "deadline", "is_template"]
    list_filter = ["cooperation", "status", "is_template"]


@admin.register(Section)
class SectionAdmin(ReadOnlyAdmin):
    list_display = ["title", "survey", "position"]
    list_filter = ["cooperation"]


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    list_display = ["key", "text", "kind", "survey"]
    list_filter = ["cooperation", "kind"]


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ["key", "name", "formula", "survey"]
    list_filter = ["cooperation"]


@admin.register(Response)
class ResponseAdmin(ReadOnlyAdmin):
    list_display = ["survey", "municipality", "status", "updated_at", "submitted_at"]
    list_filter = ["cooperation", "status"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["survey", "municipality", "sent_on"]
    list_filter = ["cooperation"]
