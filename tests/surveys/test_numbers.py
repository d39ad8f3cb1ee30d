"""German number input: the parser and the formatter (ikz.surveys.numbers)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ikz.surveys.numbers import NumberError, format_german_number, parse_german_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234", "1234"),
        ("1.234", "1234"),  # a dot before exactly three digits separates thousands
        ("1.234,5", "1234.5"),
        ("1234,5", "1234.5"),
        ("1234.5", "1234.5"),  # any other single dot is a decimal point
        ("3.14", "3.14"),
        ("0.500", "0.5"),  # no thousands group starts with 0
        ("12.500.000", "12500000"),
        ("12.500.000,25", "12500000.25"),
        ("-3", "-3"),
        ("−3,5", "-3.5"),  # the typographic minus
        ("+7", "7"),
        (" 1 234,5 ", "1234.5"),
        ("1\u202f234", "1234"),
        (",5", "0.5"),
        ("0", "0"),
    ],
)
def test_accepted_notations(text: str, expected: str) -> None:
    assert parse_german_number(text) == Decimal(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  ",
        "abc",
        "1,2,3",
        "1.23.4",
        "1.2345,6",
        "12,34.5",
        "1e5",
        "NaN",
        "inf",
        "--1",
        "1-",
        "12 km",
        "1.234.5",
        "1234567890123456789",
    ],
)
def test_refused_with_a_german_message(text: str) -> None:
    with pytest.raises(NumberError) as caught:
        parse_german_number(text)
    message = str(caught.value)
    assert message
    assert any(word in message.lower() for word in ("zahl", "stellen", "komma"))


def test_formatting() -> None:
    assert format_german_number(1234.5) == "1.234,5"
    assert format_german_number(1234567) == "1.234.567"
    assert format_german_number(Decimal("0.25"), 1) in ("0,2", "0,3")
    assert format_german_number(-0.0) == "0"
    assert format_german_number(None) == ""


decimals = st.decimals(
    min_value=Decimal("-999999999999"),
    max_value=Decimal("999999999999"),
    places=3,
    allow_nan=False,
    allow_infinity=False,
)


@given(decimals)
def test_formatted_numbers_read_back(value: Decimal) -> None:
    assert parse_german_number(format_german_number(value)) == value


@given(decimals)
def test_plain_comma_notation_reads_back(value: Decimal) -> None:
    text = format(value, "f").replace(".", ",")
    assert parse_german_number(text) == value


@given(st.text(max_size=30))
def test_any_text_is_a_number_or_a_german_message(text: str) -> None:
    try:
        result = parse_german_number(text)
    except NumberError as error:
        message = str(error)
        result = None
    else:
        message = ""
    assert message or (result is not None and result.is_finite())
