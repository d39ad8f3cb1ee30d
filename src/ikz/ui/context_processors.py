from functools import partial

from django.conf import settings
from django.http import HttpRequest

from ikz.platform.guards import is_operator


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "site_name": "IKZ-Cockpit",
        # base.html uses this one: Django's LoginView overwrites "site_name" with the host name.
        "product_name": "IKZ-Cockpit",
        "dev_mode": settings.DEV_MODE,
        "access": getattr(request, "access", None),
        # Called only where a template asks (outside a cooperation's pages): a permission
        # check costs queries that the cooperation pages' budgets leave no room for.
        "is_operator": partial(is_operator, request.user) if hasattr(request, "user") else False,
    }
