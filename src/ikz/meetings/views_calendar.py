"""Calendar files and feeds, the subscribe page and the invitation page.

Public feeds carry only public meetings. The personal feed (``privat/<token>.ics``) needs no
log-in, since calendar apps cannot log in: the token in the URL stands for its user and the feed
shows what that user may read right now. Meetings known only to the month are not in any
calendar (see ``ikz.meetings.ical``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from ikz.accounts.access import Access, Level
from ikz.cooperation import selectors as cooperation_selectors
from ikz.cooperation.guards import CooperationView, coordinator_only, members_only, public
from ikz.cooperation.models import Cooperation
from ikz.meetings import calendar_tokens, feeds, ical, invitations, selectors
from ikz.meetings.models import Meeting

P = ParamSpec("P")


def _ics(data: bytes, *, filename: str, private: bool, download: bool = False) -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    if private:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, public=True, max_age=600)
    response["X-Robots-Tag"] = "noindex"
    return response


def _public(access: Access) -> Access:
    """The anonymous view of the same cooperation: public feeds are the same for everyone."""
    return Access(cooperation=access.cooperation, level=Level.PUBLIC)


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _webcal(url: str) -> str:
    return "webcal://" + url.split("://", 1)[1]


# --- Files and feeds ---------------------------------------------------------------------------


@public
def meeting_ics(_request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    """One meeting as a file to import; 404 where the meeting page would be 404."""
    meeting = selectors.calendar_meeting_get(access=access, pk=pk)
    data = ical.calendar_for([meeting], name=meeting.heading, site_url=settings.SITE_URL)
    filename = f"{slugify(meeting.heading) or 'sitzung'}-{meeting.date:%Y-%m-%d}.ics"
    private = not meeting.is_public
    return _ics(data, filename=filename, private=private, download=True)


def public_feed(
    view: CooperationView[P],
) -> Callable[Concatenate[HttpRequest, str, P], HttpResponse]:
    """Like ``@public``, but without looking at the visitor at all.

    A public feed is the same for everyone, so it must not read the session: a read would add
    ``Vary: Cookie`` and make every subscriber's copy a different one for caches.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        cooperation = get_object_or_404(Cooperation, slug=slug)
        return view(request, Access(cooperation=cooperation, level=Level.PUBLIC), *args, **kwargs)

    return wrapper  # type: ignore[return-value]  # functools.wraps loses the ParamSpec


def _renderer(name: str) -> Callable[[QuerySet[Meeting]], bytes]:
    def render_feed(meetings: QuerySet[Meeting]) -> bytes:
        rows = selectors.calendar_rows(meetings=meetings)
        return ical.calendar_for(rows, name=name, site_url=settings.SITE_URL)

    return render_feed


@public_feed
def cooperation_feed(request: HttpRequest, access: Access) -> HttpResponse:
    cooperation = access.cooperation
    name = _("%(cooperation)s: öffentliche Sitzungen") % {"cooperation": cooperation.name}
    return feeds.feed_response(
        request,
        meetings=selectors.calendar_meetings(access=access),
        cooperation=cooperation,
        scope="public",
        render=_renderer(name),
        filename=f"{cooperation.slug}.ics",
        private=False,
    )


@public_feed
def body_feed(request: HttpRequest, access: Access, body_pk: int) -> HttpResponse:
    body = cooperation_selectors.body_get(access=access, pk=body_pk)  # 404 if internal
    meetings = selectors.calendar_meetings(access=access, body=body)
    return feeds.feed_response(
        request,
        meetings=meetings,
        cooperation=access.cooperation,
        scope=f"body:{body.pk}:{body.name}",
        render=_renderer(f"{access.cooperation.name}: {body.name}"),
        filename=f"{access.cooperation.slug}-{slugify(body.label) or body.pk}.ics",
        private=False,
    )


@public_feed
def private_feed(request: HttpRequest, access: Access, token: str) -> HttpResponse:
    """The token's owner's view (the visitor is not looked at: calendar apps do not log in)."""
    owner = calendar_tokens.access_for_token(cooperation=access.cooperation, token=token)
    if owner is None:
        raise Http404(_("Unbekannte Kalenderadresse."))
    name = _("%(cooperation)s: meine Sitzungen") % {"cooperation": access.cooperation.name}
    return feeds.feed_response(
        request,
        meetings=selectors.calendar_meetings(access=owner),
        cooperation=access.cooperation,
        scope=f"token:{token}:{owner.level}",
        render=_renderer(name),
        filename=f"{access.cooperation.slug}-privat.ics",
        private=True,
    )


# --- Pages -------------------------------------------------------------------------------------


@members_only
@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest, access: Access) -> HttpResponse:
    slug = access.cooperation.slug
    if request.method == "POST":
        had_token = calendar_tokens.calendar_token_get(access=access) is not None
        calendar_tokens.calendar_token_renew(access=access)
        messages.success(
            request,
            _(
                "Ihre persönliche Kalenderadresse wurde erneuert. "
                "Die bisherige Adresse gilt nicht mehr."
            )
            if had_token
            else _("Ihre persönliche Kalenderadresse wurde angelegt."),
        )
        return redirect("meetings_calendar:subscribe", slug)
    token = calendar_tokens.calendar_token_get(access=access)
    public_url = _absolute(reverse("meetings_calendar:cooperation_feed", args=[slug]))
    bodies = cooperation_selectors.visible_bodies(access=_public(access)).order_by("name")
    body_feeds = []
    for body in bodies:
        url = _absolute(reverse("meetings_calendar:body_feed", args=[slug, body.pk]))
        body_feeds.append({"body": body, "url": url, "webcal": _webcal(url)})
    private_url = ""
    if token is not None:
        private_url = _absolute(reverse("meetings_calendar:private_feed", args=[slug, token.token]))
    context = {
        "public_url": public_url,
        "public_webcal": _webcal(public_url),
        "body_feeds": body_feeds,
        "token": token,
        "private_url": private_url,
        "private_webcal": _webcal(private_url) if private_url else "",
    }
    return render(request, "meetings/calendar_subscribe.html", context)


@coordinator_only
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    """Confirm (with the recipients listed), then send the invitation of one meeting."""
    meeting = selectors.meeting_get(access=access, pk=pk)  # 404 outside the cooperation
    meeting_page = ical.meeting_url(meeting, site_url="")
    error = ""
    if request.method == "POST":
        try:
            count = invitations.send_invitation(meeting=meeting, actor_id=request.user.pk)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            text = ngettext(
                "Die Einladung wird an %(count)d Person versendet.",
                "Die Einladung wird an %(count)d Personen versendet.",
                count,
            )
            messages.success(request, text % {"count": count})
            return redirect(meeting_page)
    recipients = invitations.invitation_recipients(meeting=meeting)
    context = {
        "meeting": meeting,
        "recipients": recipients,
        "problem": error or invitations.invitation_problem(meeting=meeting),
        "subject": invitations.subject_for(meeting),
        "cancel_url": meeting_page,
    }
    return render(
        request, "meetings/invitation_confirm.html", context, status=400 if error else 200
    )
