"""collectstatic without the htmx files the pages never load.

django-htmx ships htmx 2 and 4, minified and not, and a set of extensions; the pages load only
``django_htmx/htmx-2.min.js`` (and ``django-htmx.js`` in DEBUG). Collecting the rest would
hash and compress (gzip and brotli) some forty unused scripts on every deployment.
"""

from __future__ import annotations

from django.contrib.staticfiles.apps import StaticFilesConfig as BaseStaticFilesConfig

UNUSED_HTMX = [
    "django_htmx/htmx-4*",
    "django_htmx/htmax-*",
    "django_htmx/htmx-2.js",
    "django_htmx/ext/*",
]


class StaticFilesConfig(BaseStaticFilesConfig):
    ignore_patterns = [*BaseStaticFilesConfig.ignore_patterns, *UNUSED_HTMX]
