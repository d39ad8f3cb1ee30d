"""PartialDate: German input forms, German output, and parse(format(x)) == x."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from ikz.dates import (
    PartialDate,
    PartialDateError,
    Precision,
    format_partial_date,
    parse_partial_date,
)
from ikz.ui.forms import PartialDateField

DEC_5 = PartialDate.day(2019, 12, 5)
JAN_2020 = PartialDate.month(2020, 1)
DEC_2019 = PartialDate.month(2019, 12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05.12.2019", DEC_5),
        ("5.12.2019", DEC_5),
        ("5.12. 2019", DEC_5),
        ("  05.12.2019  ", DEC_5),
        ("2019-12-05", DEC_5),
        ("01/2020", JAN_2020),
        ("1/2020", JAN_2020),
        ("1 / 2020", JAN_2020),
        ("2020-01", JAN_2020),
        ("01.2020", JAN_2020),
        ("Januar 2020", JAN_2020),
        ("januar 2020", JAN_2020),
        ("JANUAR 2020", JAN_2020),
        ("Jan. 2020", JAN_2020),
        ("Jan 2020", JAN_2020),
        ("Dez. 2019", DEC_2019),
        ("Dezember 2019", DEC_2019),
        ("März 2020", PartialDate.month(2020, 3)),
        ("Mär. 2020", PartialDate.month(2020, 3)),
        ("Maerz 2020", PartialDate.month(2020, 3)),
        ("Sept. 2020", PartialDate.month(2020, 9)),
        ("Sep. 2020", PartialDate.month(2020, 9)),
        ("29.02.2020", PartialDate.day(2020, 2, 29)),
    ],
)
def test_parse_german_forms(text: str, expected: PartialDate) -> None:
    parsed = parse_partial_date(text)
    assert parsed == expected
    assert parsed.precision == expected.precision


@pytest.mark.parametrize(
    ("text", "message_part"),
    [
        ("", "ist kein Datum"),
        ("morgen", "ist kein Datum"),
        ("05.12.19", "ist kein Datum"),
        ("31.02.2020", "kein gültiges Datum"),
        ("29.02.2019", "kein gültiges Datum"),
        ("13/2020", "kein gültiges Datum"),
        ("0/2020", "kein gültiges Datum"),
        ("2020-13", "kein gültiges Datum"),
        ("Brumaire 2020", "„Brumaire“ ist kein Monatsname"),
        ("12/2019/1", "ist kein Datum"),
    ],
)
def test_invalid_input_raises_german_message(text: str, message_part: str) -> None:
    with pytest.raises(PartialDateError) as caught:
        parse_partial_date(text)
    assert message_part in str(caught.value)


def test_error_message_names_the_allowed_forms() -> None:
    with pytest.raises(PartialDateError, match=r"TT\.MM\.JJJJ.*MM/JJJJ"):
        parse_partial_date("irgendwann")


def test_format_german() -> None:
    assert format_partial_date(DEC_5) == "05.12.2019"
    assert format_partial_date(JAN_2020) == "01/2020"
    assert format_partial_date(JAN_2020, long_month=True) == "Januar 2020"
    assert format_partial_date(PartialDate.month(2020, 3), long_month=True) == "März 2020"
    # A day keeps its numeric form even when long months are asked for.
    assert format_partial_date(DEC_5, long_month=True) == "05.12.2019"
    assert format_partial_date(None) == ""
    assert str(DEC_5) == "05.12.2019"


def test_month_precision_normalises_to_first_day() -> None:
    value = PartialDate(dt.date(2020, 1, 17), Precision.MONTH)
    assert value.value == dt.date(2020, 1, 1)
    assert value == JAN_2020


def test_sorting_puts_month_before_days_of_that_month() -> None:
    # The outlook of the seed report: "01/2020: Workshop", then "14.01.2020: Lenkungsgruppe".
    assert sorted([PartialDate.day(2020, 1, 14), JAN_2020]) == [
        JAN_2020,
        PartialDate.day(2020, 1, 14),
    ]


@pytest.mark.parametrize(
    ("value", "last"),
    [
        (PartialDate.month(2020, 2), dt.date(2020, 2, 29)),
        (PartialDate.month(2019, 2), dt.date(2019, 2, 28)),
        (PartialDate.month(2019, 12), dt.date(2019, 12, 31)),
        (PartialDate.month(2020, 4), dt.date(2020, 4, 30)),
        (DEC_5, dt.date(2019, 12, 5)),
    ],
)
def test_last_day(value: PartialDate, last: dt.date) -> None:
    assert value.last_day == last
    assert value.first_day <= value.last_day


def test_is_past_for_a_day() -> None:
    assert DEC_5.is_past(dt.date(2019, 12, 6))
    assert not DEC_5.is_past(dt.date(2019, 12, 5))
    assert not DEC_5.is_past(dt.date(2019, 12, 4))


def test_is_past_for_a_month_only_after_its_end() -> None:
    assert not JAN_2020.is_past(dt.date(2020, 1, 1))
    assert not JAN_2020.is_past(dt.date(2020, 1, 31))
    assert JAN_2020.is_past(dt.date(2020, 2, 1))


def test_iso_round_trip() -> None:
    assert DEC_5.iso() == "2019-12-05"
    assert JAN_2020.iso() == "2020-01"
    assert PartialDate.from_iso("2019-12-05") == DEC_5
    assert PartialDate.from_iso("2020-01") == JAN_2020


def test_from_fields() -> None:
    assert PartialDate.from_fields(None, Precision.MONTH) is None
    assert PartialDate.from_fields(dt.date(2020, 1, 9), Precision.MONTH) == JAN_2020
    assert PartialDate.from_fields(dt.date(2019, 12, 5), None) == DEC_5


# --- Property-based ---------------------------------------------------------------------------

# Typed dates are accepted for the years 1900 to 2100 (ikz.dates.MIN_YEAR … MAX_YEAR).
days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)).map(
    lambda d: PartialDate(d, Precision.DAY)
)
months = st.builds(
    PartialDate.month, st.integers(min_value=1900, max_value=2100), st.integers(1, 12)
)
any_days = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(
    lambda d: PartialDate(d, Precision.DAY)
)


@given(days | months)
def test_round_trip_numeric(value: PartialDate) -> None:
    assert parse_partial_date(format_partial_date(value)) == value


@given(
    st.one_of(st.integers(1000, 1899), st.integers(2101, 9999)).flatmap(
        lambda year: st.sampled_from([f"31.12.{year}", f"01/{year}", f"{year}-06-15"])
    )
)
def test_years_outside_1900_to_2100_are_refused(text: str) -> None:
    with pytest.raises(PartialDateError, match="außerhalb des erlaubten Bereichs 1900 bis 2100"):
        parse_partial_date(text)


@pytest.mark.parametrize("text", ["31.12.1900", "01/1900", "31.12.2100", "12/2100"])
def test_the_bounds_themselves_are_accepted(text: str) -> None:
    assert parse_partial_date(text).value.year in {1900, 2100}


@given(st.builds(PartialDate.month, st.integers(1900, 2100), st.integers(1, 12)))
def test_round_trip_long_month(value: PartialDate) -> None:
    assert parse_partial_date(format_partial_date(value, long_month=True)) == value


@given(any_days | months)
def test_round_trip_iso(value: PartialDate) -> None:
    assert PartialDate.from_iso(value.iso()) == value


@given(st.text(max_size=30))
def test_parser_never_raises_anything_but_partial_date_error(text: str) -> None:
    message = ""
    try:
        result = parse_partial_date(text)
    except PartialDateError as error:
        message = str(error)
        result = None
    assert isinstance(result, PartialDate) or message


# --- The form field ---------------------------------------------------------------------------


def test_form_field_cleans_and_shows_german_error() -> None:
    field = PartialDateField(required=False)
    assert field.clean("01/2020") == JAN_2020
    assert field.clean("") is None
    assert field.prepare_value(JAN_2020) == "01/2020"
    with pytest.raises(ValidationError, match="kein gültiges Datum"):
        field.clean("31.02.2020")
