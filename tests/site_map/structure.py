"""Site map: the start, accounts, the cooperation's structure and its settings, access,
profile, platform, history, attachments, branding, search and the data exchange."""

from __future__ import annotations

from ikz.api.models import ApiToken
from tests.site_map import SITE_MAP, Case
from tests.site_map.table import (
    COORDINATOR,
    COORDINATOR_POST,
    INTERNAL,
    LOGGED_IN,
    LOGGED_IN_POST,
    LOGIN,
    PUBLIC,
    REDIRECT,
    Entry,
    everyone,
    k,
    nothing,
    slug,
    who,
)

PK = ("pk",)
OPERATOR = who(LOGIN, 403, 403, 403)  # the platform operator's pages (not a cooperation role)
OPERATOR_POST = OPERATOR

role = k(pk=lambda s: s.role.pk)
invitation = k(pk=lambda s: s.invitation.pk)
attachment = k(pk=lambda s: s.attachment.pk)


def _from_case(case: Case) -> Entry:
    # The site scene holds the structure scene the detailed cases are written for.
    # SITE_MAP writes any other redirect as its status (302), the site map as REDIRECT.
    get = {role: REDIRECT if value == 302 else value for role, value in case.get.items()}
    return Entry(lambda site: case.kwargs(site.structure), get, case.object_args)


ENTRIES: dict[str, Entry] = {
    # ui, accounts, cooperation: the first case of each URL in SITE_MAP (tests/site_map/__init__.py)
    **{name: _from_case(cases[0]) for name, cases in SITE_MAP.items()},
    "sitemap": Entry(nothing, PUBLIC),
    "operations:healthz": Entry(nothing, PUBLIC),
    "cooperation_settings:edit": Entry(slug, COORDINATOR),
    # --- access ---
    "access:page": Entry(slug, COORDINATOR),
    "access:invite": Entry(slug, COORDINATOR),
    "access:invitation_resend": Entry(invitation, COORDINATOR_POST, PK),
    "access:invitation_revoke": Entry(invitation, COORDINATOR_POST, PK),
    "access:role_change": Entry(role, COORDINATOR_POST, PK),
    "access:remove": Entry(role, COORDINATOR, PK),
    "access:person_export": Entry(
        k(pk=lambda s: s.world.member_person.pk), COORDINATOR, PK, post=False
    ),
    "access:person_erase": Entry(k(pk=lambda s: s.world.member_person.pk), COORDINATOR, PK),
    "invitation:accept": Entry(lambda s: {"token": "kein-gueltiger-link"}, everyone(404)),
    # --- the platform operator's pages ---
    "platform:list": Entry(nothing, OPERATOR),
    "platform:create": Entry(nothing, OPERATOR),
    "platform:archive": Entry(lambda s: {"pk": s.world.cooperation.pk}, OPERATOR_POST),
    "platform:reactivate": Entry(lambda s: {"pk": s.world.cooperation.pk}, OPERATOR_POST),
    # --- one's own account ---
    "profile:overview": Entry(nothing, LOGGED_IN),
    "profile:name": Entry(nothing, LOGGED_IN),
    "profile:email": Entry(nothing, LOGGED_IN),
    "profile:email_confirm": Entry(lambda s: {"token": "ungueltig"}, who(LOGIN, 400, 400, 400)),
    "profile:password": Entry(nothing, LOGGED_IN),
    "profile:sessions": Entry(nothing, LOGGED_IN),
    "profile:two_factor": Entry(nothing, LOGGED_IN),
    "profile:two_factor_setup": Entry(nothing, LOGGED_IN),
    "profile:recovery_codes": Entry(nothing, LOGGED_IN_POST),
    "profile:two_factor_disable": Entry(nothing, LOGGED_IN),
    "profile:calendars": Entry(nothing, LOGGED_IN),
    "profile:calendar_renew": Entry(slug, LOGGED_IN_POST),
    "profile:notifications": Entry(nothing, LOGGED_IN),
    "api_tokens:list": Entry(nothing, LOGGED_IN),
    "api_tokens:revoke": Entry(
        lambda s: {"pk": ApiToken.objects.filter(user=s.world.coordinator).get().pk},
        LOGGED_IN_POST,
    ),
    # --- history ---
    "history:cooperation": Entry(slug, COORDINATOR, post=False),
    "history:object": Entry(
        k(label=lambda s: "cooperation.municipality", pk=lambda s: s.world.municipality.pk),
        COORDINATOR,
        PK,
        post=False,
    ),
    "history:restore": Entry(
        k(label=lambda s: "cooperation.municipality", history_id=lambda s: s.history_id),
        COORDINATOR_POST,
        ("history_id",),
    ),
    # --- attachments (of a meeting of the member's internal body) ---
    "attachments:create": Entry(slug, COORDINATOR, query="?sitzung={meeting}", objects=()),
    "attachments:download": Entry(attachment, INTERNAL, PK, post=False),
    "attachments:download_version": Entry(
        k(pk=lambda s: s.attachment.pk, number=lambda s: 1), INTERNAL, PK, post=False
    ),
    "attachments:replace": Entry(attachment, COORDINATOR, PK),
    "attachments:delete": Entry(attachment, COORDINATOR, PK),
    # --- branding, search, data exchange ---
    "branding:edit": Entry(slug, COORDINATOR),
    "branding:stylesheet": Entry(slug, PUBLIC, post=False),
    "branding:logo": Entry(slug, everyone(404), post=False),
    "search:page": Entry(slug, PUBLIC, post=False),
    "exchange:page": Entry(slug, COORDINATOR),
    "exchange:download": Entry(slug, COORDINATOR, post=False),
    "exchange:download_bundle": Entry(slug, COORDINATOR, post=False),
}
