"""The agreement's lifecycle and the dates that follow from its term (pure rules, no queries)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ikz.agreements.models import Agreement, Partner, State

S = State
# From each state, the states an agreement may move to (forward, or one step back while the
# council resolutions are collected; a notice can be withdrawn).
TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.RESOLUTIONS}),
    S.RESOLUTIONS: frozenset({S.SIGNED, S.DRAFT}),
    S.SIGNED: frozenset({S.APPROVED}),
    S.APPROVED: frozenset({S.PUBLISHED}),
    S.PUBLISHED: frozenset({S.EFFECTIVE}),
    S.EFFECTIVE: frozenset({S.TERMINATED, S.ENDED}),
    S.TERMINATED: frozenset({S.ENDED, S.EFFECTIVE}),
    S.ENDED: frozenset(),
}


def allowed_targets(state: str) -> list[str]:
    targets = TRANSITIONS.get(state, frozenset())
    return [value for value in State.values if value in targets]


def transition_errors(
    agreement: Agreement, partners: Sequence[Partner], target: str
) -> dict[str, list[str]]:
    """German messages (by form field) why ``agreement`` may not move to ``target`` now."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if target not in TRANSITIONS.get(agreement.state, frozenset()):
        add(
            "to_state",
            _("Von „%(old)s“ geht es nicht nach „%(new)s“.")
            % {"old": State(agreement.state).label, "new": _label(target)},
        )
        return errors
    if target == S.RESOLUTIONS and not partners:
        add("to_state", _("Die Vereinbarung hat noch keine Partnerkommunen."))
    if target == S.SIGNED:
        names = [p.municipality.name for p in partners if p.resolution_date is None]
        if names:
            add(
                "to_state",
                _("Es fehlt noch der Ratsbeschluss von: %(names)s.") % {"names": ", ".join(names)},
            )
        unsigned = [p.municipality.name for p in partners if p.signed_on is None]
        if unsigned:
            add(
                "to_state",
                _("Es fehlt noch die Unterschrift von: %(names)s.")
                % {"names": ", ".join(unsigned)},
            )
    if target == S.APPROVED:
        if agreement.approval_date is None:
            add("approval_date", _("Bitte das Datum der Genehmigung angeben."))
        if not agreement.approval_reference.strip():
            add("approval_reference", _("Bitte das Aktenzeichen der Rechtsaufsicht angeben."))
    if target == S.PUBLISHED:
        if agreement.publication_date is None:
            add("publication_date", _("Bitte das Datum der Bekanntmachung angeben."))
        if not agreement.publication_place.strip():
            add("publication_place", _("Bitte angeben, wo die Vereinbarung bekanntgemacht wurde."))
    if target == S.EFFECTIVE and not any(p.joined_on for p in partners):
        add("to_state", _("Keine Partnerkommune hat ein Datum „wirksam ab“."))
    return errors


def _label(state: str) -> str:
    return str(State(state).label) if state in State.values else state


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` (negative: back); the 31st becomes the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = (following - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


@dataclass(frozen=True)
class NoticeDate:
    ends_on: dt.date  # the day the agreement would end
    notice_by: dt.date  # the last day to give notice for that end


def next_notice(agreement: Agreement, *, today: dt.date) -> NoticeDate | None:
    """The next date by which notice must be given, from the term and the notice period.

    A fixed term: notice by ``term_end`` minus the period. Without an end: the agreement can be
    ended at the end of a year, with notice given the period before that year end.
    """
    months = agreement.notice_months
    if months is None or agreement.state in (S.TERMINATED, S.ENDED):
        return None
    if agreement.term_end is not None:
        return NoticeDate(agreement.term_end, add_months(agreement.term_end, -months))
    year = max(today.year, agreement.term_start.year if agreement.term_start else today.year)
    while True:
        end = dt.date(year, 12, 31)
        notice_by = add_months(end, -months)
        if notice_by >= today:
            return NoticeDate(end, notice_by)
        year += 1
