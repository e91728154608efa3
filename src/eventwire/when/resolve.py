"""Turn one match of the scanner into the dates it can mean.

Each kind has a reader returning a :class:`Reading`: the past and future readings,
the precision, the basis, and the tense the words themselves fix ("last", "ago",
"tomorrow"), or None when the clause must decide. A reader returns None when the
words name no real date (31 February) or need a publication date that is missing.

The rules (``published`` is the publication date, weeks run Monday to Sunday):

* a day without a year: the latest such day on or before publication; for a future
  event the earliest on or after it ("Dec. 30" published 2020-01-02 is 2019-12-30);
* a weekday: the latest on or before publication, so a weekday equal to the
  publication's is the publication day; for a future event the earliest on or after;
* "last Friday": the latest Friday strictly before publication (published on a
  Saturday, the day before; published on a Friday, a week before);
  "next Friday": the earliest strictly after; "this Friday": the Friday of the
  publication's week; "Friday last week": the Friday of the week before;
* "last/this/next week|month|year" and "earlier this month", "late last month":
  the period, with its precision, dated by its first day (a week by its Monday);
* "N days/weeks/months/years ago": the day N days back (day precision), the week
  holding the day 7N days back, the month N months back, the year N years back;
  vague counts ("a few", "several") are read as three with one step less precision;
* a month without a year ("in March"): the latest March up to the publication month,
  or for a future event the earliest from it on; "last March" strictly before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from . import arithmetic as cal
from .lexicon import date_words
from .mention import Basis, Precision, Tense


@dataclass(frozen=True, slots=True)
class Reading:
    past: date
    future: date
    precision: Precision
    basis: Basis
    tense: Tense | None = None


_DIRECTION: dict[str, Tense] = {"last": "past", "next": "future"}


def _fixed(day: date, precision: Precision, basis: Basis, tense: Tense | None = None) -> Reading:
    return Reading(day, day, precision, basis, tense)


def _month(name: str) -> int:
    return date_words().months[name.rstrip(".").title()]


def _day(token: str) -> int:
    words = date_words().ordinal_words
    lowered = token.lower()
    if lowered in words:
        return words[lowered]
    return int(re.sub(r"\D", "", token))


def _norm(phrase: str | None) -> str:
    return " ".join(phrase.lower().split()) if phrase else ""


def _day_month(year: str | None, month: int, day: int, published: date | None) -> Reading | None:
    if year is not None:
        found = cal.safe_date(int(year), month, day)
        return _fixed(found, "day", "explicit") if found else None
    if published is None:
        return None
    past = cal.month_day_back(published, month, day)
    future = cal.month_day_ahead(published, month, day)
    if past is None or future is None:
        return None
    return Reading(past, future, "day", "explicit")


def read_iso(m: re.Match[str], published: date | None) -> Reading | None:
    return _day_month(m["iso_y"], int(m["iso_m"]), int(m["iso_d"]), published)


def read_mdy(m: re.Match[str], published: date | None) -> Reading | None:
    return _day_month(m["mdy_y"], _month(m["mdy_m"]), _day(m["mdy_d"]), published)


def read_dmy(m: re.Match[str], published: date | None) -> Reading | None:
    day = _day(m["dmy_of"] or m["dmy_d"])
    return _day_month(m["dmy_y"], _month(m["dmy_m"]), day, published)


def read_month_year(m: re.Match[str], published: date | None) -> Reading | None:
    return _fixed(date(int(m["month_year_y"]), _month(m["month_year_m"]), 1), "month", "explicit")


def read_month(m: re.Match[str], published: date | None) -> Reading | None:
    mod = _norm(m["month_mod"])
    if not mod and not m["month_prep"]:
        return None  # a bare capitalised "March" or "May" is too often not a date
    if published is None:
        return None
    month = _month(m["month_m"])
    suffix = _norm(m["month_suf"])
    if suffix:
        shift = {"last": -1, "this": 0, "next": 1}[suffix]
        tense = _DIRECTION.get(suffix)
        return _fixed(date(published.year + shift, month, 1), "month", "relative", tense)
    if mod in ("last", "this past"):
        return _fixed(cal.month_back(published, month, strict=True), "month", "relative", "past")
    if mod in ("next", "this coming"):
        day = cal.month_ahead(published, month, strict=True)
        return _fixed(day, "month", "relative", "future")
    if mod == "this":
        return _fixed(date(published.year, month, 1), "month", "relative")
    past = cal.month_back(published, month)
    return Reading(past, cal.month_ahead(published, month), "month", "explicit")


def read_year(m: re.Match[str], published: date | None) -> Reading | None:
    if not m["year_prep"] and not m["year_mod"]:
        return None  # a bare four-digit number may be a count
    return _fixed(date(int(m["year_y"]), 1, 1), "year", "explicit")


def read_the_year(m: re.Match[str], published: date | None) -> Reading | None:
    return _fixed(date(int(m["the_year_e"]), 1, 1), "year", "explicit")


_PREVIOUS_WORD = re.compile(r"(\w+)\W*$")


def _after_holiday_word(m: re.Match[str]) -> bool:
    """True for "Good Friday", "Easter Monday", "Bloody Sunday": names, not dates."""
    previous = _PREVIOUS_WORD.search(m.string, max(0, m.start() - 20), m.start())
    return previous is not None and previous.group(1) in date_words().holiday_words


def read_weekday(m: re.Match[str], published: date | None) -> Reading | None:
    if published is None or (not m["weekday_mod"] and _after_holiday_word(m)):
        return None
    weekday = date_words().weekdays[m["weekday_d"].title()]
    mod = _norm(m["weekday_mod"])
    week = _norm(m["weekday_wk"])
    if week:
        shift = {"last": -7, "this": 0, "next": 7}[week]
        day = cal.week_start(published) + timedelta(days=shift + weekday)
        tense = _DIRECTION.get(week)
        return _fixed(day, "day", "weekday", tense)
    if mod in ("last", "past", "this past"):
        return _fixed(cal.weekday_back(published, weekday, strict=True), "day", "weekday", "past")
    if mod in ("next", "coming", "this coming"):
        day = cal.weekday_ahead(published, weekday, strict=True)
        return _fixed(day, "day", "weekday", "future")
    if mod == "this":
        return _fixed(cal.week_start(published) + timedelta(days=weekday), "day", "weekday")
    past = cal.weekday_back(published, weekday)
    return Reading(past, cal.weekday_ahead(published, weekday), "day", "weekday")


def read_day_word(m: re.Match[str], published: date | None) -> Reading | None:
    if published is None:
        return None
    offset = date_words().day_words[_norm(m["day_word_w"])]
    tense: Tense | None = "past" if offset < 0 else "future" if offset > 0 else None
    word = _norm(m["day_word_w"])
    if word == "later today":
        tense = "future"
    return _fixed(published + timedelta(days=offset), "day", "relative", tense)


_PRECISION: dict[str, Precision] = {"day": "day", "week": "week", "month": "month", "year": "year"}
_COARSER: dict[str, Precision] = {"day": "week", "week": "month", "month": "year", "year": "year"}


def read_ago(m: re.Match[str], published: date | None) -> Reading | None:
    if published is None:
        return None
    words = date_words()
    count_word = _norm(m["ago_n"])
    count = int(count_word) if count_word.isdigit() else words.counts[count_word]
    unit = words.units[_norm(m["ago_u"])]
    sign = 1 if _norm(m["ago_w"]) == "from now" else -1
    if unit == "fortnight":
        unit, count = "week", count * 2
    precision = _COARSER[unit] if count_word in words.vague_counts else _PRECISION[unit]
    if unit in ("day", "week"):
        target = published + timedelta(days=sign * count * (7 if unit == "week" else 1))
    elif unit == "month":
        target = cal.month_start(published.year, published.month, sign * count)
    else:
        target = date(published.year + sign * count, 1, 1)
    day = _truncate(target, precision)
    return _fixed(day, precision, "relative", "future" if sign > 0 else "past")


def _truncate(day: date, precision: Precision) -> date:
    if precision == "week":
        return cal.week_start(day)
    if precision == "month":
        return day.replace(day=1)
    if precision == "year":
        return date(day.year, 1, 1)
    return day


def read_period(m: re.Match[str], published: date | None) -> Reading | None:
    if published is None:
        return None
    rel = _norm(m["period_rel"])
    unit = _norm(m["period_u"])
    shift = {"last": -1, "this past": -1, "this": 0, "next": 1, "coming": 1, "this coming": 1}[rel]
    tense: Tense | None = "past" if shift < 0 else "future" if shift > 0 else None
    if _norm(m["period_mod"]) == "later" and shift == 0:
        tense = "future"
    if _norm(m["period_mod"]) == "earlier" and shift == 0:
        tense = "past"
    if unit == "weekend":
        if shift == 0:
            past = cal.weekend_back(published)
            return Reading(past, cal.week_start(published), "week", "relative", tense)
        day = cal.week_start(published) + timedelta(days=7 * shift)
        return _fixed(day, "week", "relative", tense)
    if unit == "week":
        day = cal.week_start(published) + timedelta(days=7 * shift)
        return _fixed(day, "week", "relative", tense)
    if unit == "month":
        day = cal.month_start(published.year, published.month, shift)
        return _fixed(day, "month", "relative", tense)
    return _fixed(date(published.year + shift, 1, 1), "year", "relative", tense)


def read_weekend(m: re.Match[str], published: date | None) -> Reading | None:
    if published is None:
        return None
    past = cal.weekend_back(published)
    return Reading(past, cal.week_start(published), "week", "relative")


def read_ordinal(m: re.Match[str], published: date | None) -> Reading | None:
    if published is None:
        return None
    day = _day(m["ordinal_d"])
    past = cal.day_of_month_back(published, day)
    future = cal.day_of_month_ahead(published, day)
    if past is None or future is None:
        return None
    return Reading(past, future, "day", "explicit")


READERS = {
    "iso": read_iso,
    "mdy": read_mdy,
    "dmy": read_dmy,
    "month_year": read_month_year,
    "month": read_month,
    "year": read_year,
    "the_year": read_the_year,
    "weekday": read_weekday,
    "day_word": read_day_word,
    "ago": read_ago,
    "period": read_period,
    "weekend": read_weekend,
    "ordinal": read_ordinal,
}
