"""Typed records shared by every stage.

An article's text is stored once (``Article.text``); everything else — sentences,
actor mentions, triggers, attributions — is a character span into that text, so
each output field can be traced back to the words that justify it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

CATEGORIES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
    "MOBILIZE", "COERCE", "ASSAULT",
)

AUXILIARY: tuple[str, ...] = ("negation", "hypothetical", "future", "historical")


@dataclass(frozen=True, slots=True)
class Article:
    """One input article. ``doc_id`` is the record id or the file path."""

    doc_id: str
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None

    @property
    def full_text(self) -> str:
        """Title and body as one string; offsets in events refer to this."""
        if self.title and not self.text.startswith(self.title):
            return f"{self.title}\n\n{self.text}"
        return self.text

    @property
    def body_offset(self) -> int:
        """Where ``text`` starts inside :attr:`full_text` (0 without a separate title)."""
        return len(self.full_text) - len(self.text)


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be coded, with a reason a person can act on."""

    input_name: str
    reason: str
    code: str = "E000"

    def __str__(self) -> str:
        return f"{self.input_name}: {self.reason} [{self.code}]"


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into the article text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor or recipient: the words, what they resolve to, and where they are."""

    entity_text: str
    code: str | None
    sector: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who reports an event ("officials said ...")."""

    entity_text: str
    code: str | None
    cue: str


@dataclass(frozen=True, slots=True)
class TextInfo:
    """The sentence an event comes from: its index and character range."""

    sequence: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ResolvedPlace:
    """A gazetteer entry a place mention resolves to (``country_code`` is ISO-3)."""

    geonameid: int | None
    resolved_place: str
    lat: float
    lon: float
    country_code: str | None
    admin1: str | None
    feature_code: str
    resolution: int  # 1 country (or wider) … 4 city or town, 5 below a city


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in the text: ``kind`` is place, dateline, demonym or metonym
    (a capital standing for its government); ``place`` is None when unresolved."""

    start: int
    end: int
    text: str
    kind: str
    place: ResolvedPlace | None
    confidence: float = 0.0

    @property
    def literal(self) -> bool:
        """True when the words name a location (not a people or a government)."""
        return self.kind in ("place", "dateline")

    def to_dict(self, doc_id: str, body_offset: int = 0) -> dict[str, Any]:
        """The ``eventwire places`` record. With ``body_offset`` (see
        :attr:`Article.body_offset`) offsets count from the input's ``text`` field, and a
        mention in the title says ``"field": "title"`` with offsets into the title."""
        in_title = self.start < body_offset
        shift = 0 if in_title else body_offset
        out: dict[str, Any] = {"doc_id": doc_id, "start": self.start - shift,
                               "end": self.end - shift, "text": self.text,
                               "field": "title" if in_title else "text", "kind": self.kind}
        fields = asdict(self.place) if self.place else dict.fromkeys(
            ("geonameid", "resolved_place", "lat", "lon", "country_code", "admin1",
             "feature_code", "resolution"))
        out.update(fields)
        out["confidence"] = self.confidence
        return out


@dataclass(frozen=True, slots=True)
class Event:
    """One PLOVER event, with every field traceable to the article text."""

    id: str
    doc_id: str
    event: str
    mode: tuple[str, ...]
    context: tuple[str, ...]
    quad_code: int
    event_scale: float
    actor: tuple[Entity, ...]
    recipient: tuple[Entity, ...]
    event_text: str
    trigger: Span
    text_info: TextInfo
    sentence: str
    auxiliary: tuple[str, ...] = ()
    attribution: Attribution | None = None
    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None
    date: date | None = None
    date_raw: str | None = None  # the words that gave the date (None: publication date)
    date_precision: str | None = None  # day | week | month | year
    date_basis: str | None = None  # explicit | weekday | relative | published
    date_start: int | None = None  # offsets of date_raw in the article (None: published)
    date_end: int | None = None
    event_loc: dict[str, Any] | None = None  # PLOVER location object plus its 'basis'
    confidence: float = 0.0
    coder: dict[str, str] = field(default_factory=dict)

    @property
    def realised(self) -> bool:
        """False for negated or hypothetical events (not emitted by default)."""
        return not ({"negation", "hypothetical"} & set(self.auxiliary))

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Event:
        """The event of a stored PLOVER record (the inverse of :meth:`to_dict`)."""
        r = dict(record)
        text_info = TextInfo(**r["text_info"])
        trigger = r["trigger"]
        attribution = r.get("attribution")
        return cls(
            id=r["id"], doc_id=r["doc_id"], event=r["event"], mode=tuple(r["mode"]),
            context=tuple(r["context"]), quad_code=r["quad_code"],
            event_scale=r["event_scale"],
            actor=tuple(Entity(**a) for a in r["actor"]),
            recipient=tuple(Entity(**a) for a in r["recipient"]),
            event_text=r["event_text"],
            trigger=Span(trigger["start"], trigger["end"],
                         r["sentence"][trigger["start"] - text_info.start:
                                       trigger["end"] - text_info.start]),
            text_info=text_info, sentence=r["sentence"], auxiliary=tuple(r["auxiliary"]),
            attribution=Attribution(**attribution) if attribution else None,
            dead=r.get("dead"), injured=r.get("injured"), arrested=r.get("arrested"),
            date=date.fromisoformat(r["date"]) if r.get("date") else None,
            date_raw=r.get("date_raw"), date_precision=r.get("date_precision"),
            date_basis=r.get("date_basis"), date_start=r.get("date_start"),
            date_end=r.get("date_end"), event_loc=r.get("event_loc"),
            confidence=r.get("confidence", 0.0), coder=r.get("coder") or {})

    def to_dict(self) -> dict[str, Any]:
        """The PLOVER JSON record (field names as in the PLOVER manual)."""
        out = asdict(self)
        out["mode"] = list(self.mode)
        out["context"] = list(self.context)
        out["auxiliary"] = list(self.auxiliary)
        out["actor"] = [asdict(a) for a in self.actor]
        out["recipient"] = [asdict(r) for r in self.recipient]
        out["trigger"] = {"start": self.trigger.start, "end": self.trigger.end}
        out["date"] = self.date.isoformat() if self.date else None
        return out


@dataclass(frozen=True, slots=True)
class Coded:
    """One article's result in a batch: the article, its events and its place mentions."""

    article: Article
    events: list[Event]
    places: list[PlaceMention] = field(default_factory=list)
