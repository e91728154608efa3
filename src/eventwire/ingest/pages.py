"""An HTML body that came over HTTP (fetched now, or kept in a WARC) -> one ``Article``.

The web differs from a file on disk in two ways handled here: the body's content
type says whether it is a page at all, and its charset says how to decode it.
"""

from __future__ import annotations

import re
from datetime import date

from ..errors import InputError
from ..model import Article
from .html import extract_page
from .records import make_article

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# A <meta charset> must sit in the first 1024 bytes (HTML standard); look a little further.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_SNIFF_BYTES = 2048


def media_type(content_type: str | None) -> str:
    """``'text/html; charset=utf-8'`` -> ``'text/html'``; ``''`` when absent."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def is_html(content_type: str | None) -> bool:
    return media_type(content_type) in HTML_TYPES


def decode_body(data: bytes, content_type: str | None, name: str) -> str:
    """Decode by the header's charset, else a ``<meta charset>``, else UTF-8 (E003)."""
    charset = _header_charset(content_type) or _meta_charset(data[:_SNIFF_BYTES]) or "utf-8"
    try:
        return data.decode(charset)
    except LookupError:  # a charset Python does not know: UTF-8 is the web's default
        return decode_body(data, "text/html; charset=utf-8", name)
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1].hex()
        raise InputError(name, f"page is not valid {charset} (byte 0x{bad} at offset "
                               f"{exc.start})", code="E003") from exc


def page_article(html: str, name: str, *, doc_id: str, url: str, published: date | None,
                 fallback_date: date | None = None) -> Article:
    """The article in a page. Date: ``published`` override, else the page's own, else
    ``fallback_date`` (a WARC's capture date). The page's url is the one it came from."""
    page = extract_page(html, name, url=url)
    return make_article(doc_id=doc_id, name=name, text=page.text, title=page.title,
                        published=published or page.published or fallback_date, url=url,
                        source=page.source)


def _header_charset(content_type: str | None) -> str | None:
    for param in (content_type or "").split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip(' "\''):
            return value.strip(' "\'')
    return None


def _meta_charset(head: bytes) -> str | None:
    found = _META_CHARSET.search(head)
    return found.group(1).decode("ascii") if found else None
