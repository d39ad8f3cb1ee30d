"""What is due in the agreements: notice dates, pending approvals, missing resolutions.

One list for the dashboard card, the deadline list and the report's outlook, in a fixed number
of queries (two), whatever the number of agreements or partners.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from ikz.accounts.access import Access
from ikz.agreements.lifecycle import next_notice
from ikz.agreements.models import Agreement, Partner, State
from ikz.agreements.selectors import visible_agreements
from ikz.dates import PartialDate

DUE_SOON_DAYS = 30
PENDING_RESOLUTION_STATES = (State.DRAFT, State.RESOLUTIONS)


@dataclass
class AgreementDeadline:
    kind: str  # "notice", "approval", "resolution"
    agreement: Agreement
    text: str
    when: PartialDate | None
    overdue: bool = False
    due_soon: bool = False

    @property
    def key(self) -> str:
        return f"agreement:{self.kind}:{self.agreement.pk}:{self.when.iso() if self.when else ''}"


def deadlines(*, access: Access, today: dt.date) -> list[AgreementDeadline]:
    """Open deadlines of the visible agreements: dated ones by date, then the undated."""
    agreements = list(
        visible_agreements(access=access)
        .filter(
            Q(state=State.EFFECTIVE, notice_months__isnull=False)
            | Q(state=State.SIGNED)
            | Q(state__in=PENDING_RESOLUTION_STATES)
        )
        .order_by("title", "pk")
    )
    pending = [a.pk for a in agreements if a.state in PENDING_RESOLUTION_STATES]
    missing: dict[int, list[str]] = defaultdict(list)
    # The partner query only when an agreement awaits resolutions (the dashboard's budget).
    for agreement_id, name in (
        []
        if not pending
        else Partner.objects.filter(
            cooperation=access.cooperation, agreement_id__in=pending, resolution_date__isnull=True
        )
        .order_by("municipality__name")
        .values_list("agreement_id", "municipality__name")
    ):
        missing[agreement_id].append(name)
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    rows: list[AgreementDeadline] = []
    for agreement in agreements:
        if agreement.state == State.EFFECTIVE:
            notice = next_notice(agreement, today=today)
            if notice is not None:
                rows.append(
                    AgreementDeadline(
                        "notice",
                        agreement,
                        _("Kündigung spätestens zum Laufzeitende %(end)s")
                        % {"end": PartialDate(notice.ends_on)},
                        PartialDate(notice.notice_by),
                        overdue=notice.notice_by < today,
                        due_soon=today <= notice.notice_by <= soon,
                    )
                )
        elif agreement.state == State.SIGNED:
            rows.append(
                AgreementDeadline(
                    "approval", agreement, _("Genehmigung der Rechtsaufsicht ausstehend"), None
                )
            )
        elif missing.get(agreement.pk):
            rows.append(
                AgreementDeadline(
                    "resolution",
                    agreement,
                    _("Ratsbeschluss fehlt: %(names)s")
                    % {"names": ", ".join(missing[agreement.pk])},
                    None,
                )
            )
    rows.sort(key=lambda row: (row.when is None, row.when.value if row.when else dt.date.max))
    return rows
