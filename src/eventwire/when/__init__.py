"""Event dates: find date expressions in news text and resolve them to calendar dates.

Pure Python, no parser needed::

    from eventwire.when import find_dates, event_date, dateline_date

    mentions = find_dates(text, published)          # every expression, with offsets
    fields = event_date(mentions, s_start, s_end, t_start, t_end, published, auxiliary)
    dateline_date("BAGHDAD, Dec 31, 2019 (Reuters) - ...")

Modules: ``find`` (the scan), ``patterns`` (the expression), ``resolve`` (the rules,
stated in its docstring), ``arithmetic`` (calendar steps), ``tense`` (clauses and
future cues), ``choose`` (the event's date), ``dateline``; the words live in
``data/dates.json``.
"""

from .choose import EventDate, event_date
from .dateline import dateline_date
from .find import find_dates
from .mention import DateMention

__all__ = ["DateMention", "EventDate", "dateline_date", "event_date", "find_dates"]
