"""Shared pieces of the ``ikz`` commands' parsers.

Flags are English (``--days``, ``--dry-run``), help texts German through gettext. A flag that
used to be German keeps working for one release as a hidden alias (docs/operations.md), so
that cron jobs and scripts written for the old spelling do not break.
"""

from __future__ import annotations

import argparse
from typing import Any


def hidden_alias(parser: argparse.ArgumentParser, *old: str, dest: str, **kwargs: Any) -> None:
    """Accept ``old`` spellings for the option stored in ``dest``, without listing them in
    ``--help``. The English option must be added first: it sets the default, the alias has
    none (``SUPPRESS``), so an alias left out never overwrites the English value."""
    parser.add_argument(
        *old, dest=dest, help=argparse.SUPPRESS, default=argparse.SUPPRESS, **kwargs
    )
