"""Read articles from files, directories and stdin into ``Article`` records.

Supported inputs: ``.txt`` (one article, optional title line), ``.html``/``.htm``
(main text and metadata via trafilatura), ``.jsonl`` and ``.csv`` (one record per
line/row with ``id``, ``text`` or ``html``, ``title``, ``published``, ``url``,
``source``), RSS/Atom feeds (``.rss``, ``.atom``, feed ``.xml``), web archives
(``.warc``, ``.warc.gz``), http(s) URLs, directories (recursive) and ``-`` for
stdin. Bad inputs come back as ``Failure`` records with a catalogue code (E001-E011,
E014-E018), never as exceptions.

Modules, in the order data flows through them::

    sources   paths, directories, stdin, URLs -> the right reader
    readers   one reader per file format
    feeds     RSS/Atom feed -> one article per item
    warc      WARC archive -> one article per HTML response
    urls      http(s) URL -> checked, bounded fetch
    pages     an HTTP body (fetched or archived) -> HTML path
    decode    bytes -> text (size, empty, binary, UTF-8 checks)
    html      HTML page -> main text and metadata
    records   fields -> checked Article (dates, override, language)
    language  looks_english heuristic
"""

from __future__ import annotations

from .language import looks_english
from .sources import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES, read_inputs

__all__ = ["DEFAULT_MAX_BYTES", "SUPPORTED_SUFFIXES", "looks_english", "read_inputs"]
