"""RSS and Atom feed files: one article per item, via feedparser.

An item's id is its guid/id, else its link, else ``<file>#<n>``; its text is the
content (or summary) with the HTML stripped; its date is the item's own; its source
is the feed's title. A bad item is a ``Failure`` named ``<file>#<n>`` and the other
items go on. feedparser reads what it can of a malformed feed (its ``bozo`` flag):
the items it recovered are used and the malformation is one ``Failure`` (E014).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import feedparser
import lxml.html
from lxml.etree import LxmlError

from ..errors import InputError
from ..model import Article, Failure
from .decode import normalise_text, read_bounded
from .records import make_article

Result = Article | Failure
FEED_ROOTS = frozenset({"rss", "feed", "rdf"})
# feedparser sets bozo for these too, but the feed itself was read whole.
_HARMLESS = feedparser.ThingsNobodyCaresAboutButMe
_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
# The first element tag: not a declaration (<?xml, <!DOCTYPE, <!ENTITY); prefix dropped.
_FIRST_TAG = re.compile(rb"<(?![?!])(?:[\w.-]+:)?([\w.-]+)")
_SNIFF_BYTES = 4096
_BLOCKS = ("p", "div", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6",
           "table", "tr", "ul", "ol", "figure", "section", "article")
_PARAGRAPHS = re.compile(r"\n\s*\n")
_SPACE = re.compile(r"\s+")


def read_feed(path: Path, name: str, *, published: date | None,
              max_bytes: int) -> Iterator[Result]:
    """An ``.rss`` or ``.atom`` file (``max_bytes`` caps the whole file)."""
    yield from read_feed_bytes(read_bounded(path, name, max_bytes), name, published=published)


def read_xml(path: Path, name: str, *, published: date | None,
             max_bytes: int) -> Iterator[Result]:
    """An ``.xml`` file is a feed when its root element is ``rss``, ``feed`` or ``RDF``."""
    data = read_bounded(path, name, max_bytes)
    root = root_element(data)
    if root is None or root.lower() not in FEED_ROOTS:
        found = f"root element <{root}>" if root else "no XML element found"
        yield Failure(name, f"unsupported input type '.xml': not an RSS, Atom or RDF feed "
                            f"({found})", "E009")
        return
    yield from read_feed_bytes(data, name, published=published)


def root_element(data: bytes) -> str | None:
    """The local name of the first element, read from the head of the file, or None.

    A regular expression rather than a parser, so that a feed broken further down
    still shows its root.
    """
    head = _COMMENT.sub(b"", data[:_SNIFF_BYTES])
    found = _FIRST_TAG.search(head)
    return found.group(1).decode("ascii", "replace") if found else None


def read_feed_bytes(data: bytes, name: str, *, published: date | None) -> Iterator[Result]:
    """Every item of a feed document, then one E014 ``Failure`` if it was malformed."""
    # A stream, never bytes or str: feedparser treats those as a path or URL to open.
    parsed = feedparser.parse(io.BytesIO(data))
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(problem, _HARMLESS):
        problem = None
    entries = parsed.entries
    if not entries:
        if problem is not None:
            yield Failure(name, f"feed could not be parsed ({describe(problem)})", "E014")
        elif not parsed.get("version"):
            yield Failure(name, "not an RSS or Atom feed (no channel or feed element)", "E014")
        else:
            yield Failure(name, "feed has no items", "E001")
        return
    source = _clean(parsed.feed.get("title"))
    for number, entry in enumerate(entries, start=1):
        where = f"{name}#{number}"
        try:
            yield entry_article(entry, where, source=source, published=published)
        except InputError as err:
            yield Failure(err.input_name, err.reason, err.code)
    if problem is not None:
        yield Failure(name, f"feed is malformed ({describe(problem)}); the {len(entries)} "
                            "items read before or around the error were kept", "E014")


def entry_article(entry: Mapping[str, Any], where: str, *, source: str | None,
                  published: date | None) -> Article:
    """One feed item as an article; ``where`` (``<file>#<n>``) names it in failures."""
    text = entry_text(entry)
    if not text:
        raise InputError(where, "feed item has no text (no content, summary or description)",
                         code="E007")
    link = _clean(entry.get("link"))
    doc_id = _clean(entry.get("id")) or link or where
    return make_article(doc_id=doc_id, name=where, text=text, title=_clean(entry.get("title")),
                        published=published or entry_date(entry), url=link, source=source)


def entry_text(entry: Mapping[str, Any]) -> str:
    """The longest of the item's content blocks, else its summary, as plain text."""
    blocks = [block for block in entry.get("content") or [] if block.get("value")]
    if blocks:
        block = max(blocks, key=lambda b: len(b["value"]))
        value, kind = str(block["value"]), str(block.get("type") or "text/html")
    else:
        detail = entry.get("summary_detail") or {}
        value = str(entry.get("summary") or "")
        kind = str(detail.get("type") or "text/html")
    if kind == "text/plain":
        return _paragraphs(value)
    return html_fragment_text(value)


def html_fragment_text(html: str) -> str:
    """Text of an HTML fragment (a feed item's body), one blank line between blocks.

    lxml rather than trafilatura: a feed item is already the article, and
    trafilatura's page heuristics throw away short fragments as boilerplate.
    """
    if not html.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (LxmlError, ValueError):
        return _paragraphs(html)  # not HTML after all: keep the words as they are
    for element in list(root.iter("script", "style", "noscript")):
        element.drop_tree()
    for element in root.iter("br"):  # "a<br>b" must not read "ab"
        element.tail = "\n" + (element.tail or "")
    for element in root.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
        if element.text is not None or len(element):
            element.text = "\n\n" + (element.text or "")
    return _paragraphs(root.text_content())


def entry_date(entry: Mapping[str, Any]) -> date | None:
    """The item's publication (else update) date, as the feed wrote it.

    The raw string is read first so the date is the publisher's local date;
    feedparser's parsed form is in UTC and can be a day off.
    """
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if isinstance(raw, str) and raw.strip():
            local = _parse_date(raw.strip())
            if local is not None:
                return local
        parsed = entry.get(f"{key}_parsed")
        if parsed is not None:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def describe(problem: object) -> str:
    """A one-line account of feedparser's bozo exception, with line and column."""
    get_line = getattr(problem, "getLineNumber", None)
    get_message = getattr(problem, "getMessage", None)
    if callable(get_line) and callable(get_message):  # xml.sax.SAXParseException
        column = getattr(problem, "getColumnNumber", lambda: 0)()
        return f"{get_message()} at line {get_line()}, column {column}"
    return _SPACE.sub(" ", str(problem)).strip() or type(problem).__name__


def _parse_date(raw: str) -> date | None:
    try:
        return parsedate_to_datetime(raw).date()  # RSS: 'Tue, 05 Mar 2024 09:30:00 -0500'
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(raw).date()  # Atom: '2024-03-05T09:30:00-05:00'
    except ValueError:
        return None


def _paragraphs(text: str) -> str:
    """Whitespace inside a paragraph collapsed; paragraphs apart by one blank line."""
    paragraphs = (_SPACE.sub(" ", part).strip() for part in _PARAGRAPHS.split(text))
    return normalise_text("\n\n".join(part for part in paragraphs if part))


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return _SPACE.sub(" ", normalise_text(value)).strip() or None
