"""Export and import of a whole cooperation in the versioned JSON exchange format."""

from ikz.exchange.protocol import ExchangeError, ExportIds, ImportRefs

__all__ = ["ExchangeError", "ExportIds", "ImportRefs"]
