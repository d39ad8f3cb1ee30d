"""``ikz serve``: the production web server (gunicorn) with settings from the environment."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _


def default_workers() -> int:
    # SQLite has one writer at a time: a few workers are enough and keep lock waits short.
    return min(2 * (os.cpu_count() or 1) + 1, 8)


class Command(BaseCommand):
    help = (
        "Startet den Webserver für den Betrieb (gunicorn). Statische Dateien vorher mit "
        "`ikz collectstatic --noinput` sammeln; siehe docs/operations.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind",
            default=os.environ.get("IKZ_BIND", "127.0.0.1:8000"),
            help=_("Adresse:Port oder unix:/pfad (Vorgabe IKZ_BIND oder 127.0.0.1:8000)"),
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("IKZ_WORKERS", default_workers())),
            help=_("Anzahl der Arbeitsprozesse (Vorgabe IKZ_WORKERS)"),
        )
        parser.add_argument("--timeout", type=int, default=60, help=_("Sekunden je Anfrage"))

    def handle(self, *args: Any, **options: Any) -> None:
        from gunicorn.app.base import BaseApplication

        from ikz.wsgi import application

        config = {
            "bind": options["bind"],
            "workers": options["workers"],
            "timeout": options["timeout"],
            "graceful_timeout": 30,
            "accesslog": "-",
            "errorlog": "-",
            # Headers from a reverse proxy are read by Django (IKZ_TRUSTED_PROXIES).
            "forwarded_allow_ips": os.environ.get("IKZ_TRUSTED_PROXIES") or "127.0.0.1",
            "access_log_format": (
                '{"remote": "%(h)s", "request": "%(r)s", "status": %(s)s, '
                '"bytes": "%(B)s", "duration_us": %(D)s}'
            ),
        }

        class Server(BaseApplication):  # type: ignore[misc]  # gunicorn has no type hints
            def load_config(self) -> None:
                for key, value in config.items():
                    self.cfg.set(key, value)

            def load(self) -> Any:
                return application

        Server().run()
