from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "site_name": "IKZ-Cockpit",
        # base.html uses this one: Django's LoginView overwrites "site_name" with the host name.
        "product_name": "IKZ-Cockpit",
        "dev_mode": settings.DEV_MODE,
        "access": getattr(request, "access", None),
        # "is_operator" comes from ikz.platform.context_processors.operator (platform sits above).
    }
