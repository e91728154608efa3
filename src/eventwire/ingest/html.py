"""Main text and metadata from an HTML page, via trafilatura.

Navigation, footers, "most read" boxes and cookie banners are dropped by trafilatura;
what is left is the article body (usually starting with its headline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import trafilatura
from lxml.etree import LxmlError

from ..errors import InputError
from .decode import normalise_text
from .records import parse_published

# Fewer words than this after extraction means trafilatura found only boilerplate
# (a lone "Home" link, a copyright line), not an article.
MIN_ARTICLE_WORDS = 5
_LINES = re.compile(r"\n+")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class PageContent:
    """What an HTML page yields: body text plus whatever metadata it declares."""

    text: str
    title: str | None
    published: date | None
    url: str | None
    source: str | None


def extract_page(html: str, name: str, *, url: str | None = None) -> PageContent:
    """Extract the article from ``html``; raise ``InputError`` E005 if there is none."""
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                          include_comments=False, include_tables=False)
    except (LxmlError, ValueError) as exc:
        raise InputError(name, f"HTML page could not be parsed ({exc})", code="E005") from exc
    # bare_extraction returns a Document (or a dict with as_dict=True); read one shape.
    meta: dict[str, Any] = {} if doc is None else doc if isinstance(doc, dict) else doc.as_dict()
    # trafilatura puts one paragraph per line; articles separate paragraphs by a blank line
    text = _LINES.sub("\n\n", normalise_text(_str(meta, "text") or "").strip())
    if len(_WORD.findall(text)) < MIN_ARTICLE_WORDS:
        found = f"only {text.strip()!r} found" if text.strip() else "nothing found"
        raise InputError(name, f"HTML page has no extractable article text ({found}); "
                               "is it an index, login or cookie page?", code="E005")
    raw_date = _str(meta, "date")
    return PageContent(text=text, title=_str(meta, "title"),
                       published=parse_published(raw_date, name) if raw_date else None,
                       url=_str(meta, "url") or url,
                       source=_str(meta, "sitename") or _str(meta, "hostname"))


def _str(meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    return value if isinstance(value, str) and value.strip() else None
