"""The working document that stages enrich, one per article.

The article text is held once (``text``); paragraphs, the dateline and events are
character offsets into it. Parsed spaCy docs are attached per paragraph and carry
their own offset so any token maps back to the article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .model import Article, Event, PlaceMention, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(slots=True)
class Paragraph:
    """A block of text separated by blank lines; ``start`` is its article offset."""

    start: int
    text: str
    is_title: bool = False
    doc: Doc | None = None


@dataclass(slots=True)
class Document:
    """An article on its way through the pipeline."""

    article: Article
    text: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    dateline: Span | None = None
    places: list[PlaceMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @classmethod
    def from_article(cls, article: Article) -> Document:
        return cls(article=article, text=article.full_text)

    @property
    def has_title(self) -> bool:
        return bool(self.paragraphs) and self.paragraphs[0].is_title
