"""``is_operator`` for every template: the navigation's "Betrieb" link, the empty start page.

ikz.ui (the page shell) sits below this app and so cannot ask the permission itself; the
platform offers the check as its own context processor, as branding offers the header.
"""

from __future__ import annotations

from functools import partial

from django.http import HttpRequest

from ikz.platform.guards import is_operator


def operator(request: HttpRequest) -> dict[str, object]:
    # Called only where a template asks (outside a cooperation's pages): a permission check
    # costs queries that the cooperation pages' budgets leave no room for.
    user = getattr(request, "user", None)
    return {"is_operator": partial(is_operator, user) if user is not None else False}
