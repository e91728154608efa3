"""Split an article into paragraphs, find its dateline, and spot boilerplate."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..data import load_data
from ..document import Document, Paragraph
from ..model import Span

_BLANK_LINES = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Segmenter:
    """Stage: fill ``Document.paragraphs`` and ``Document.dateline``.

    The title (when the article has one) is its own paragraph. A dateline such as
    ``BAGHDAD (Reuters) —`` is recorded and left out of the first paragraph, so the
    parser sees a clean sentence.
    """

    max_paragraph_chars: int = 20_000

    @cached_property
    def _dateline(self) -> re.Pattern[str]:
        return re.compile(load_data("boilerplate.json")["dateline"])

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        title = doc.article.title
        pos = 0
        paragraphs: list[Paragraph] = []
        for chunk_start, chunk in _chunks(text):
            body_start, body = chunk_start, chunk
            if not paragraphs and title and chunk.strip() == title.strip():
                paragraphs.append(Paragraph(chunk_start, chunk, is_title=True))
                continue
            if doc.dateline is None and pos == 0:
                match = self._dateline.match(chunk)
                if match and _looks_like_place(match.group(1)):
                    doc.dateline = Span(
                        chunk_start + match.start(1), chunk_start + match.end(1), match.group(1)
                    )
                    body_start, body = chunk_start + match.end(), chunk[match.end():]
                pos = 1
            for piece_start, piece in _split_long(body_start, body, self.max_paragraph_chars):
                paragraphs.append(Paragraph(piece_start, piece))
        doc.paragraphs = paragraphs
        return doc


def _chunks(text: str) -> list[tuple[int, str]]:
    """Non-empty blank-line separated chunks with their offsets, whitespace trimmed."""
    out = []
    last = 0
    for match in [*_BLANK_LINES.finditer(text), None]:
        end = match.start() if match else len(text)
        raw = text[last:end]
        stripped = raw.strip()
        if stripped:
            out.append((last + raw.index(stripped), stripped))
        if match:
            last = match.end()
    return out


def _split_long(start: int, text: str, limit: int) -> list[tuple[int, str]]:
    """Cut very long paragraphs at line breaks or sentence ends so parsing stays bounded."""
    if len(text) <= limit:
        return [(start, text)]
    out = []
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + limit)
        if end < len(text):
            cut = max(text.rfind("\n", pos, end), text.rfind(". ", pos, end))
            end = cut + 1 if cut > pos else end
        piece = text[pos:end]
        if piece.strip():
            out.append((start + pos, piece))
        pos = end
    return out


def _looks_like_place(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) > 0.6


class BoilerplateFilter:
    """Tells whether a sentence is page furniture (byline, bio, call to action)."""

    def __init__(self) -> None:
        self._patterns: list[re.Pattern[str]] | None = None

    def __getstate__(self) -> dict[str, object]:
        return {}

    def __setstate__(self, state: dict[str, object]) -> None:
        self._patterns = None

    def is_boilerplate(self, sentence: str) -> bool:
        if self._patterns is None:
            self._patterns = [
                re.compile(p, re.IGNORECASE if not p.startswith("^[A-Z]") else 0)
                for p in load_data("boilerplate.json")["patterns"]
            ]
        return any(p.search(sentence) for p in self._patterns)
