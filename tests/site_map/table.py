"""The shape of a site-map entry and the outcome tables the per-app modules share.

An entry names, for one URL, how to fill in its arguments from the site scene
(``tests/site_map/scene.py``), what a GET gives each role, which arguments are objects of the
cooperation (swapped for another cooperation's in the isolation crawl) and whether the view
takes a POST at all. The outcomes are written by hand, per app, from the app's documentation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ROLES = ("anonymous", "outsider", "member", "coordinator")
LOGIN = "302 → Anmeldung"
HOME = "302 → Start"
REDIRECT = "302"  # any other redirect (e.g. a download to its file, a form to its page)

Expectation = dict[str, int | str]
Kwargs = Callable[[Any], dict[str, Any]]


def who(
    anonymous: int | str, outsider: int | str, member: int | str, coordinator: int | str
) -> Expectation:
    return dict(zip(ROLES, (anonymous, outsider, member, coordinator), strict=True))


def everyone(outcome: int | str) -> Expectation:
    return dict.fromkeys(ROLES, outcome)


PUBLIC = everyone(200)
MEMBERS = who(LOGIN, 403, 200, 200)
COORDINATOR = who(LOGIN, 403, 403, 200)
INTERNAL = who(404, 404, 200, 200)  # an internal object the member's body holds
LOGGED_IN = who(LOGIN, 200, 200, 200)
# POST-only views: a GET is 405 for whoever may get that far.
COORDINATOR_POST = who(LOGIN, 403, 403, 405)
MEMBERS_POST = who(LOGIN, 403, 405, 405)
LOGGED_IN_POST = who(LOGIN, 405, 405, 405)
GET_REFUSED = everyone(405)
# The API: without a key 401; a key of someone without a role sees what the public sees.
API_PUBLIC = who(401, 200, 200, 200)
API_MEMBERS = who(401, 403, 200, 200)
API_INTERNAL = who(401, 404, 200, 200)
API_COORDINATION = who(401, 404, 404, 200)  # drafts
MEMBERS_HIDDEN = who(LOGIN, 403, 404, 200)  # members may come in, but this one is a draft


@dataclass(frozen=True)
class Entry:
    kwargs: Kwargs
    get: Expectation
    # Arguments that name an object of the cooperation (URL kwargs).
    objects: tuple[str, ...] = ()
    # False: the view refuses a POST before it looks anything up (405); the crawl expects that.
    post: bool = True
    # The body of the crawl's POST (JSON for the API: it checks the body before the object).
    data: dict[str, Any] = field(default_factory=dict)
    query: str = ""
    # "key": the role calls with its API key (Authorization header), not a session.
    auth: str = "session"


def slug(scene: Any) -> dict[str, Any]:
    return {"slug": scene.slug}


def nothing(scene: Any) -> dict[str, Any]:
    return {}


def k(**getters: Callable[[Any], Any]) -> Kwargs:
    """The slug and the given arguments, each read from the scene."""
    return lambda scene: {"slug": scene.slug} | {key: get(scene) for key, get in getters.items()}
