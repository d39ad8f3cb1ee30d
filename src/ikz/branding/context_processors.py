"""The cooperation's branding for the pages' header (base.html and the portal's layout).

The guard loads the cooperation with its branding (``select_related``), so this costs no query.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpRequest
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class HeaderBranding:
    accent: str
    has_logo: bool
    logo_alt: str
    version: str


def header(request: HttpRequest) -> dict[str, object]:
    access = getattr(request, "access", None)
    if access is None:
        return {}
    cooperation = access.cooperation
    try:
        row = cooperation.branding
    except ObjectDoesNotExist:
        return {}
    return {
        "header_branding": HeaderBranding(
            accent=row.accent,
            has_logo=bool(row.logo),
            logo_alt=row.logo_alt or _("Logo von %(name)s") % {"name": cooperation.name},
            version=row.version,
        )
    }
