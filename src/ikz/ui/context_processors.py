from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "site_name": "IKZ-Cockpit",
        "dev_mode": settings.DEV_MODE,
        "access": getattr(request, "access", None),
    }
