"""The coding pipeline: the order of stages lives here and nowhere else.

    Segmenter  → paragraphs, title, dateline
    Parser     → spaCy parse of each paragraph (batched across articles)
    Geoparser  → place mentions resolved to the gazetteer
    EventCoder → PLOVER events with actors, realis, attribution, details
    Situator   → each event's place (event_loc) and date
    Stamp      → coder name and version on every event

Every stage is a callable ``Document -> Document`` with no I/O in its constructor,
and the whole pipeline pickles, so a process pool or a Dask worker can ship it and
load models once on the other side.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .coding.coder import CoderSettings, EventCoder
from .document import Document
from .errors import EventwireError, ModelError
from .model import Article, Coded, Event, Failure
from .nlp.segment import Segmenter
from .nlp.spacy_model import load_model, model_name
from .places.gazetteer import Gazetteer
from .places.geoparse import Geoparser
from .situate import Situator

if TYPE_CHECKING:
    from spacy.language import Language

    from .coding.classifier import EventClassifier

log = logging.getLogger(__name__)
BATCH_ARTICLES = 32


@dataclass
class Parser:
    """Stage: parse each paragraph with spaCy; the doc remembers its article offset."""

    model: str | None = None
    batch_size: int = 64

    def __getstate__(self) -> dict[str, Any]:
        return {"model": self.model, "batch_size": self.batch_size}

    @property
    def nlp(self) -> Language:
        return load_model(self.model)

    def __call__(self, doc: Document) -> Document:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: list[Document]) -> list[Document]:
        paragraphs = [p for d in docs for p in d.paragraphs]
        parsed = self.nlp.pipe((_parse_form(p.text) for p in paragraphs),
                               batch_size=self.batch_size)
        for paragraph, spacy_doc in zip(paragraphs, parsed, strict=True):
            spacy_doc.user_data["offset"] = paragraph.start
            spacy_doc.user_data["text"] = paragraph.text  # spans are cut from the original
            paragraph.doc = spacy_doc
        return docs


def _parse_form(text: str) -> str:
    """What the parser sees: a SHOUTED HEADLINE in lower case (same length, so offsets
    hold), because the tagger reads every capitalised word as a proper noun."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 12 and sum(c.isupper() for c in letters) > 0.8 * len(letters):
        return text.lower()
    return text


class Pipeline:
    """Code articles into events. Build once, call many times; picklable."""

    def __init__(self, settings: CoderSettings | None = None, *, model: str | None = None,
                 classifier_path: str | Path | None = None,
                 gazetteer: str | Path | None = None, situate: bool = True) -> None:
        self.settings = settings or CoderSettings()
        self.classifier_path = classifier_path
        self.gazetteer_path = gazetteer
        self.situate = situate
        self.segmenter = Segmenter()
        self.parser = Parser(model)
        self.geoparser = Geoparser(Gazetteer(gazetteer))
        self.coder = EventCoder(self.settings, None)
        self.situator = Situator()
        self._ready = False

    def __getstate__(self) -> dict[str, Any]:
        return {"settings": self.settings, "model": self.parser.model,
                "classifier_path": self.classifier_path, "gazetteer": self.gazetteer_path,
                "situate": self.situate}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["settings"], model=state["model"],  # type: ignore[misc]
                      classifier_path=state["classifier_path"],
                      gazetteer=state["gazetteer"], situate=state["situate"])

    def _prepare(self) -> None:
        if self._ready:
            return
        if self.settings.use_classifier:
            self.coder.classifier = _load_classifier(self.classifier_path)
        if self.situate:
            self.geoparser.gazetteer.db  # noqa: B018 - opens (or first builds) it, or fails once
        method = _method(self.settings, self.coder.classifier)
        self.stamp = {"name": "eventwire", "version": __version__, "method": method,
                      "model": model_name(self.parser.nlp)}
        self._ready = True

    def code(self, article: Article) -> list[Event]:
        """Events of one article (raises on failure)."""
        result = next(self.code_many([article]))
        if isinstance(result, Failure):
            raise EventwireError(str(result), code=result.code)
        return result.events

    def code_many(self, items: Iterable[Article | Failure], *, events: bool = True
                  ) -> Iterator[Coded | Failure]:
        """Stream results: per article its events and places, or a failure record; order
        kept. With ``events=False`` only places are found (``eventwire places``)."""
        self._prepare()
        batch: list[Article | Failure] = []
        for item in items:
            batch.append(item)
            if len(batch) >= BATCH_ARTICLES:
                yield from self._code_batch(batch, events)
                batch = []
        if batch:
            yield from self._code_batch(batch, events)

    def places(self, items: Iterable[Article | Failure]) -> Iterator[Coded | Failure]:
        """Stream place mentions only (no event coding)."""
        return self.code_many(items, events=False)

    def _code_batch(self, batch: list[Article | Failure], events: bool = True
                    ) -> Iterator[Coded | Failure]:
        docs: list[Document] = []
        errors: dict[int, str] = {}
        for item in batch:
            if isinstance(item, Article):
                doc = Document.from_article(item)
                try:
                    self.segmenter(doc)
                except Exception as exc:  # noqa: BLE001 - recorded as this article's failure
                    errors[id(doc)] = f"segmentation error: {type(exc).__name__}: {exc}"
                    doc.paragraphs = []
                docs.append(doc)
        try:
            self.parser.pipe(docs)
        except Exception as exc:  # noqa: BLE001 - a parser crash must not lose the batch
            log.warning("batch parse failed (%s); parsing articles one by one", exc)
            for doc in docs:
                try:
                    self.parser.pipe([doc])
                except Exception as one:  # noqa: BLE001 - recorded as this article's failure
                    errors[id(doc)] = f"parse error: {type(one).__name__}: {one}"
        by_id = {id(d.article): d for d in docs}
        for item in batch:
            if isinstance(item, Failure):
                yield item
                continue
            doc = by_id[id(item)]
            if id(doc) in errors:
                yield Failure(item.doc_id, errors[id(doc)], "E013")
            else:
                yield self._code_one(doc, events)

    def _code_one(self, doc: Document, events: bool = True) -> Coded | Failure:
        name = doc.article.doc_id
        if not any(p.doc is not None and len(p.doc) for p in doc.paragraphs):
            return Failure(name, "article text has no sentences to code", "E012")
        try:
            if self.situate or not events:
                self.geoparser(doc)
            if events:
                self.coder(doc)
            if events and self.situate:
                self.situator(doc)
        except EventwireError as exc:
            return Failure(name, str(exc), exc.code)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
            log.exception("coding failed for %s", name)
            return Failure(name, f"unexpected error while coding: {type(exc).__name__}: {exc}",
                           "E013")
        return Coded(doc.article, [replace(e, coder=self.stamp) for e in doc.events],
                     doc.places)


def _load_classifier(path: str | Path | None) -> EventClassifier | None:
    from .coding.classifier import EventClassifier

    try:
        return EventClassifier.load(path)
    except ModelError as exc:
        log.warning("%s; coding with the lexicon rules only", exc)
        return None


def _method(settings: CoderSettings, classifier: object | None) -> str:
    if settings.use_rules and classifier is not None:
        return "hybrid"
    return "rules" if settings.use_rules else "classifier"


_DEFAULTS: dict[bool, Pipeline] = {}


def default_pipeline(include_unrealised: bool = False) -> Pipeline:
    """The process-wide default pipelines (models load once, on first use)."""
    if include_unrealised not in _DEFAULTS:
        _DEFAULTS[include_unrealised] = Pipeline(
            CoderSettings(include_unrealised=include_unrealised))
    return _DEFAULTS[include_unrealised]


def extract(text: str, *, published: date | None = None, title: str | None = None,
            doc_id: str | None = None, include_unrealised: bool = False) -> list[Event]:
    """Code one article's text into PLOVER events.

    Without a ``doc_id`` the article is named by a hash of its text, so event ids stay
    stable for the same text and differ between texts.
    """
    name = doc_id or "text-" + hashlib.sha1(f"{title}\n{text}".encode()).hexdigest()[:12]
    article = Article(doc_id=name, text=text, title=title, published=published)
    return default_pipeline(include_unrealised).code(article)


def extract_batch(articles: Iterable[Article | Failure], *,
                  pipeline: Pipeline | None = None) -> Iterator[Coded | Failure]:
    """Stream many articles: yields a :class:`Coded` or a :class:`Failure` per input."""
    return (pipeline or default_pipeline()).code_many(articles)
