"""From loose fields (a JSONL object, a CSV row, a text file) to a checked ``Article``.

Every input format ends here, so the rules are the same for all of them: a record
needs ``text`` or ``html``; ``published`` is ``YYYY-MM-DD`` or an ISO datetime; the
caller's ``published`` override wins over any date in the record; and the text must
look English.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from ..errors import InputError
from ..model import Article
from .decode import normalise_text
from .language import judge, language_evidence


def parse_published(value: str, name: str) -> date:
    """``'2019-11-12'`` or ``'2019-11-12T08:00:00Z'`` -> ``date(2019, 11, 12)``."""
    try:
        # Python 3.11's fromisoformat takes bare dates, offsets and a trailing "Z".
        return datetime.fromisoformat(value.strip()).date()
    except ValueError as exc:
        raise InputError(name, f"invalid published date {value!r}; expected YYYY-MM-DD "
                               "or an ISO datetime", code="E011") from exc


def _string_field(fields: Mapping[str, object], key: str, name: str) -> str | None:
    value = fields.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(name, f"field {key!r} must be a string, not "
                               f"{type(value).__name__} ({str(value)[:40]!r})", code="E006")
    return value or None


def article_from_fields(fields: Mapping[str, object], name: str, *, doc_id: str,
                        published: date | None) -> Article:
    """Build a checked article from a record; ``name`` is used in every failure message.

    ``text`` wins over ``html`` when both are present. Record fields win over
    metadata found inside the HTML; the ``published`` argument wins over both.
    """
    text = _string_field(fields, "text", name)
    html = _string_field(fields, "html", name)
    title = _string_field(fields, "title", name)
    url = _string_field(fields, "url", name)
    source = _string_field(fields, "source", name)
    raw_date = _string_field(fields, "published", name)
    record_date = parse_published(raw_date, name) if raw_date and published is None else None
    if text is None or not text.strip():
        if html is None or not html.strip():
            present = ", ".join(k for k in fields if fields[k] not in (None, "")) or "none"
            raise InputError(name, f"record has no 'text' or 'html' (fields present: {present})",
                             code="E007")
        from .html import extract_page  # deferred: trafilatura is slow to import

        page = extract_page(html, name, url=url)
        text = page.text
        title = title or page.title
        url = url or page.url
        source = source or page.source
        record_date = record_date or (page.published if published is None else None)
    return make_article(doc_id=doc_id, name=name, text=normalise_text(text),
                        title=normalise_text(title) if title else None,
                        published=published or record_date, url=url, source=source)


def make_article(*, doc_id: str, name: str, text: str, title: str | None = None,
                 published: date | None = None, url: str | None = None,
                 source: str | None = None) -> Article:
    """The last gate for every format: refuse text that is not English (E008)."""
    evidence = language_evidence(f"{title}\n\n{text}" if title else text)
    if not judge(evidence):
        raise InputError(name, f"text is not English ({evidence.describe()}); eventwire "
                               "codes English news only", code="E008")
    return Article(doc_id=doc_id, text=text, title=title, published=published, url=url,
                   source=source)
