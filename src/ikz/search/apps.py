from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Full-text search over everything a visitor may read (see docs/search.md)."""

    name = "ikz.search"
    verbose_name = _("Suche")

    def ready(self) -> None:
        from ikz.search import indexing

        indexing.connect_signals()
