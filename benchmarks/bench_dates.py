"""Parsing and formatting partial dates (ikz.dates) over 100,000 values."""

from __future__ import annotations

import datetime as dt
import random

from ikz.dates import MONTH_NAMES, PartialDate, format_partial_date, parse_partial_date

from . import Result, best_of

COUNT = 100_000


def sample_texts(count: int = COUNT, seed: int = 2019) -> list[str]:
    """Every notation the parser accepts, in a fixed pseudo-random mix."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        day = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(365 * 40))
        texts.append(
            rng.choice(
                (
                    day.strftime("%d.%m.%Y"),
                    day.isoformat(),
                    f"{day.month:02d}/{day.year}",
                    f"{day.year}-{day.month:02d}",
                    f"{day.month}.{day.year}",
                    f"{MONTH_NAMES[day.month - 1]} {day.year}",
                )
            )
        )
    return texts


def run() -> list[Result]:
    texts = sample_texts()
    values: list[PartialDate] = [parse_partial_date(text) for text in texts]
    # The formatted text must read back as the same value: the benchmark measures real work.
    assert all(parse_partial_date(format_partial_date(v)) == v for v in values[:1000])

    per_value = f"{COUNT:,} values"
    parse = best_of(lambda: [parse_partial_date(text) for text in texts])
    short = best_of(lambda: [format_partial_date(value) for value in values])
    long = best_of(lambda: [format_partial_date(value, long_month=True) for value in values])
    return [
        ("parse_partial_date", parse, f"{per_value}, {parse / COUNT * 1e6:.2f} µs each"),
        ("format_partial_date", short, f"{per_value}, {short / COUNT * 1e6:.2f} µs each"),
        ("format_partial_date_long", long, f"{per_value}, {long / COUNT * 1e6:.2f} µs each"),
    ]
