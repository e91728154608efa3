"""Calendar arithmetic for resolving date expressions against a publication date.

Every function is pure. "Back" functions give the latest matching day on or before
the reference (or strictly before, with ``strict``); "ahead" functions the earliest
on or after it (or strictly after).
"""

from __future__ import annotations

from datetime import date, timedelta


def week_start(day: date) -> date:
    """The Monday of ``day``'s Monday–Sunday week."""
    return day - timedelta(days=day.weekday())


def month_start(year: int, month: int, shift: int = 0) -> date:
    """The first day of ``month`` of ``year`` moved by ``shift`` months."""
    index = year * 12 + (month - 1) + shift
    return date(index // 12, index % 12 + 1, 1)


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist (30 February, 29 February 2019)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def weekday_back(reference: date, weekday: int, *, strict: bool = False) -> date:
    """The latest ``weekday`` (0 = Monday) on or before ``reference``."""
    back = (reference.weekday() - weekday) % 7
    if strict and back == 0:
        back = 7
    return reference - timedelta(days=back)


def weekday_ahead(reference: date, weekday: int, *, strict: bool = False) -> date:
    """The earliest ``weekday`` (0 = Monday) on or after ``reference``."""
    ahead = (weekday - reference.weekday()) % 7
    if strict and ahead == 0:
        ahead = 7
    return reference + timedelta(days=ahead)


def month_day_back(reference: date, month: int, day: int) -> date | None:
    """The latest ``month``/``day`` on or before ``reference`` (29 Feb finds a leap year)."""
    for year in range(reference.year, reference.year - 9, -1):
        found = safe_date(year, month, day)
        if found is not None and found <= reference:
            return found
    return None


def month_day_ahead(reference: date, month: int, day: int) -> date | None:
    """The earliest ``month``/``day`` on or after ``reference``."""
    for year in range(reference.year, reference.year + 9):
        found = safe_date(year, month, day)
        if found is not None and found >= reference:
            return found
    return None


def month_back(reference: date, month: int, *, strict: bool = False) -> date:
    """The first day of the latest ``month`` on or before ``reference``'s month."""
    year = reference.year
    if month > reference.month or (strict and month == reference.month):
        year -= 1
    return date(year, month, 1)


def month_ahead(reference: date, month: int, *, strict: bool = False) -> date:
    """The first day of the earliest ``month`` on or after ``reference``'s month."""
    year = reference.year
    if month < reference.month or (strict and month == reference.month):
        year += 1
    return date(year, month, 1)


def day_of_month_back(reference: date, day: int) -> date | None:
    """The latest day numbered ``day`` on or before ``reference`` ("on the 3rd")."""
    for shift in range(0, -12, -1):
        first = month_start(reference.year, reference.month, shift)
        found = safe_date(first.year, first.month, day)
        if found is not None and found <= reference:
            return found
    return None


def day_of_month_ahead(reference: date, day: int) -> date | None:
    """The earliest day numbered ``day`` on or after ``reference``."""
    for shift in range(12):
        first = month_start(reference.year, reference.month, shift)
        found = safe_date(first.year, first.month, day)
        if found is not None and found >= reference:
            return found
    return None


def weekend_back(reference: date) -> date:
    """The Monday of the week holding the latest weekend that has begun by ``reference``."""
    if reference.weekday() >= 5:
        return week_start(reference)
    return week_start(reference) - timedelta(days=7)
