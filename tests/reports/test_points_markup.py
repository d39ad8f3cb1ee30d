"""The read-only report writes its points in Python (ikz_reports.points_markup): the same
markup as the template the editable page includes, escaped."""

from __future__ import annotations

import re

from django.template.loader import render_to_string

from ikz.dates import PartialDate
from ikz.reports.content import PointItem
from ikz.reports.templatetags.ikz_reports import points_markup
from tests.markup import squash

POINTS = (
    PointItem(
        key="point:1",
        text="Bauhof <gemeinsam> & günstig",
        kind="decision",
        children=(
            PointItem(
                key="point:2",
                text="Kleinroda legt vor",
                kind="task",
                owner="Kleinroda",
                due=PartialDate.day(2024, 8, 15),
            ),
        ),
    ),
    PointItem(key="point:3", text="Bericht", kind="information"),
)

EXPECTED = (
    '<ul class="ikz-report__points">'
    '<li class="ikz-report__point ikz-report__point--decision">'
    "Bauhof &lt;gemeinsam&gt; &amp; günstig"
    ' <span class="ikz-report__marker">Beschluss</span>'
    '<ul class="ikz-report__points">'
    '<li class="ikz-report__point ikz-report__point--task ikz-report--hidden">Kleinroda legt vor'
    ' <span class="ikz-report__marker">Aufgabe – Kleinroda, bis 15.08.2024</span></li>'
    "</ul></li>"
    '<li class="ikz-report__point ikz-report__point--information">Bericht</li>'
    "</ul>"
)


def _between_tags(html: str) -> str:
    return re.sub(r"\s+</", "</", re.sub(r">\s+<", "><", squash(html)))


def test_points_markup_is_the_expected_escaped_list() -> None:
    assert points_markup(POINTS, {"point:2"}) == EXPECTED


def test_points_markup_equals_the_template_of_the_editable_page() -> None:
    context = {"points": POINTS, "hidden_keys": {"point:2"}, "editable": False}
    # The template file ends in a newline, which every nested include repeats, and its long
    # lines are broken between attributes: compare with whitespace squashed, none between tags
    # or before a closing tag.
    rendered = render_to_string("reports/_points.html", context)
    assert _between_tags(rendered) == _between_tags(EXPECTED)
    assert points_markup((), ()) == ""
