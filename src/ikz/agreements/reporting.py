"""The agreements' part of the status report (hook ``report_contribution``, see
``ikz.reports.contributions``): what changed in the period and what is ahead.

Section "Vereinbarungen und Kostenabrechnungen": state changes in the period, partners whose
resolution, signature, joining or leaving falls in it, and (internal audience only) statements
issued in it. Outlook: notice dates up to the horizon, partners joining or leaving after the
period, pending approvals and missing resolutions. The reader decides what is visible (the
public audience reads only published agreements). Four queries, whatever the size.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from ikz.accounts.access import Access
from ikz.agreements.deadlines import deadlines
from ikz.agreements.models import Partner, State, StateChange, Statement
from ikz.agreements.money import format_cents
from ikz.agreements.selectors import visible_agreements
from ikz.dates import PartialDate

PARTNER_EVENTS = (
    ("resolution_date", "resolution"),
    ("signed_on", "signed"),
    ("joined_on", "joined"),
    ("left_on", "left"),
)


def _partner_text(event: str, partner: Partner) -> str:
    name = partner.municipality.name
    if event == "resolution":
        reference = partner.resolution_reference
        return (
            _("%(name)s: Ratsbeschluss (%(reference)s)") % {"name": name, "reference": reference}
            if reference
            else _("%(name)s: Ratsbeschluss") % {"name": name}
        )
    if event == "signed":
        return _("%(name)s: unterzeichnet") % {"name": name}
    if event == "joined":
        return _("%(name)s: wirksam beigetreten") % {"name": name}
    return _("%(name)s: ausgeschieden") % {"name": name}


def contribution(
    *, access: Access, start: dt.date, end: dt.date, horizon: dt.date
) -> dict[str, Any]:
    agreements = visible_agreements(access=access)
    items: list[tuple[tuple[object, ...], dict[str, Any]]] = []
    changes = (
        StateChange.objects.filter(
            cooperation=access.cooperation,
            agreement__in=agreements,
            date__gte=start,
            date__lte=end,
        )
        .select_related("agreement")
        .order_by("date", "pk")
    )
    for change in changes:
        if change.from_state:
            text = _("%(old)s → %(new)s") % {
                "old": State(change.from_state).label,
                "new": State(change.to_state).label,
            }
        else:
            text = _("neue Vereinbarung (%(state)s)") % {"state": State(change.to_state).label}
        if change.reason and change.from_state:
            text += f" ({change.reason})"
        items.append(
            (
                (change.date, 0, change.agreement.title),
                {
                    "key": f"agreement-state:{change.pk}",
                    "date": PartialDate(change.date),
                    "title": change.agreement.title,
                    "text": text,
                },
            )
        )
    partner_q = Q()
    for field, _event in PARTNER_EVENTS:
        partner_q |= Q(**{f"{field}__gte": start, f"{field}__lte": horizon})
    partners = list(
        Partner.objects.filter(partner_q, cooperation=access.cooperation, agreement__in=agreements)
        .select_related("agreement", "municipality")
        .order_by("agreement__title", "municipality__name")
    )
    outlook: list[dict[str, Any]] = []
    for partner in partners:
        for field, event in PARTNER_EVENTS:
            day = getattr(partner, field)
            if day is None or not start <= day <= horizon:
                continue
            entry = {
                "key": f"agreement-partner:{partner.pk}:{event}",
                "date": PartialDate(day),
                "title": partner.agreement.title,
                "text": _partner_text(event, partner),
            }
            if day <= end:
                items.append(((day, 1, partner.agreement.title), entry))
            elif event in ("joined", "left"):
                outlook.append(
                    {
                        "key": entry["key"],
                        "when": entry["date"],
                        "text": f"{partner.agreement.title}: {entry['text']}",
                    }
                )
    if access.is_coordinator:
        issued = (
            Statement.objects.filter(
                cooperation=access.cooperation,
                agreement__in=agreements,
                status=Statement.Status.ISSUED,
                issued_on__gte=start,
                issued_on__lte=end,
            )
            .select_related("agreement")
            .order_by("issued_on", "pk")
        )
        for statement in issued:
            assert statement.issued_on is not None
            items.append(
                (
                    (statement.issued_on, 2, statement.agreement.title),
                    {
                        "key": f"agreement-statement:{statement.pk}",
                        "date": PartialDate(statement.issued_on),
                        "title": statement.agreement.title,
                        "text": _(
                            "Kostenabrechnung %(year)s (%(basis)s, Fassung %(version)s) "
                            "ausgestellt: %(amount)s verteilt"
                        )
                        % {
                            "year": statement.year,
                            "basis": statement.get_basis_display(),
                            "version": statement.version,
                            "amount": format_cents(statement.distributable_cents),
                        },
                    },
                )
            )
    after = end + dt.timedelta(days=1)
    for row in deadlines(access=access, today=after):
        if row.when is not None and not (after <= row.when.value <= horizon):
            continue
        outlook.append(
            {"key": row.key, "when": row.when, "text": f"{row.agreement.title}: {row.text}"}
        )
    items.sort(key=lambda pair: pair[0])
    sections = []
    if items:
        sections.append(
            {
                "kind": "agreements",
                "heading": _("Vereinbarungen und Kostenabrechnungen"),
                "items": [item for _key, item in items],
            }
        )
    return {"sections": sections, "outlook": outlook}
