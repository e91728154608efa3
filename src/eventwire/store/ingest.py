"""Ingest: read inputs, skip articles already stored, code the rest, store them.

Coding runs in this process, in ``workers`` local processes, or on a Dask cluster
(``dask="tcp://host:8786"`` or ``"local:N"``); writing always happens here, in
batches of one transaction each, so there is one writer and a crash loses at most
the batch in flight. Every backend codes with the same pipeline, so a rerun, a
parallel run and a Dask run store the same events with the same ids.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..model import Article, Coded, Failure
from ..pipeline import Pipeline
from .db import Store, content_hash
from .dedupe import dedupe_pending

log = logging.getLogger(__name__)
CHUNK = 16  # articles per task sent to a worker
WRITE_EVERY = 64  # articles per store transaction


@dataclass
class IngestReport:
    read: int = 0
    already_stored: int = 0
    coded: int = 0
    events: int = 0
    failed: int = 0
    seconds: float = 0.0
    first_result: float | None = None  # seconds until the first result (start-up)
    clustered: int = 0  # events placed in canonical events (deduplication)
    failures: list[Failure] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.coded / self.seconds if self.seconds else 0.0

    @property
    def steady_rate(self) -> float:
        """Articles/s after the first result: the rate once models are loaded."""
        if self.first_result is None or self.seconds <= self.first_result:
            return 0.0
        return max(0, self.coded - 1) / (self.seconds - self.first_result)

    def summary(self) -> str:
        return (f"{self.read} read, {self.already_stored} already stored, {self.coded} "
                f"coded ({self.rate:.1f} articles/s; {self.steady_rate:.1f}/s after "
                f"{self.first_result or 0:.1f}s start-up), {self.events} events, "
                f"{self.clustered} clustered, {self.failed} failure(s)")


def ingest(items: Iterable[Article | Failure], store: Store, *, workers: int = 1,
           dask: str | None = None, pipeline: Pipeline | None = None,
           on_progress: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Code and store ``items``; returns what happened. Never raises for one bad input."""
    report = IngestReport()
    started = time.perf_counter()
    pipeline = pipeline or Pipeline()
    fresh = _fresh(items, store, report)
    coder = _coder(pipeline, workers, dask)
    pending: list[Coded | Failure] = []
    try:
        for result in coder(_chunks(fresh, CHUNK)):
            if report.first_result is None:
                report.first_result = time.perf_counter() - started
            if isinstance(result, Failure):
                report.failed += 1
                report.failures.append(result)
            else:
                report.coded += 1
                report.events += len(result.events)
            pending.append(result)
            if len(pending) >= WRITE_EVERY:
                store.add(pending)
                pending = []
                if on_progress:
                    report.seconds = time.perf_counter() - started
                    on_progress(report)
        if pending:
            store.add(pending)
        report.clustered = dedupe_pending(store.conn)
    finally:
        report.seconds = time.perf_counter() - started
    if on_progress:
        on_progress(report)
    return report


def _fresh(items: Iterable[Article | Failure], store: Store,
           report: IngestReport) -> Iterator[Article | Failure]:
    """Inputs not yet in the store (looked up a window at a time), failures as they come.

    A worker pool pulls this from its own thread, so it reads through its own cursor.
    """
    window: list[Article | Failure] = []
    reader = store.reader()

    def flush() -> Iterator[Article | Failure]:
        known = store.known((content_hash(a) for a in window if isinstance(a, Article)),
                            conn=reader)
        sent: set[str] = set()
        for item in window:
            if isinstance(item, Article):
                key = content_hash(item)
                if key in known or key in sent:
                    report.already_stored += 1
                    continue
                sent.add(key)
            yield item

    for item in items:
        report.read += isinstance(item, Article)
        window.append(item)
        if len(window) >= 256:
            yield from flush()
            window = []
    yield from flush()


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


Coder = Callable[[Iterator[list[Article | Failure]]], Iterator[Coded | Failure]]


def _coder(pipeline: Pipeline, workers: int, dask: str | None) -> Coder:
    if dask:
        from .cluster import dask_coder

        return dask_coder(pipeline, dask)
    if workers <= 1:
        return lambda chunks: (r for chunk in chunks for r in pipeline.code_many(chunk))
    return _pool_coder(pipeline, workers)


# -- local worker processes ------------------------------------------------------------
_WORKER: dict[str, Pipeline] = {}


def _init_worker(pipeline: Pipeline) -> None:
    _WORKER["pipeline"] = pipeline  # unpickled once per process; models load on first use


def code_chunk(chunk: list[Article | Failure]) -> list[Coded | Failure]:
    """Code one chunk in a worker (the pipeline is the worker's own, loaded once)."""
    pipeline = _WORKER.get("pipeline")
    if pipeline is None:
        pipeline = _WORKER.setdefault("pipeline", Pipeline())
    return list(pipeline.code_many(chunk))


def _pool_coder(pipeline: Pipeline, workers: int) -> Coder:
    def run(chunks: Iterator[list[Article | Failure]]) -> Iterator[Coded | Failure]:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["eventwire.store.warm"])
        in_flight = threading.Semaphore(workers * 4)  # the pool reads ahead no further
        stop = threading.Event()
        with context.Pool(workers, initializer=_init_worker, initargs=(pipeline,)) as pool:
            try:
                for results in pool.imap(code_chunk, _bounded(chunks, in_flight, stop),
                                         chunksize=1):
                    in_flight.release()
                    yield from results
            finally:
                # The pool's feeder thread may be waiting for a slot; closing the pool
                # joins that thread, so it must be woken and told to stop first.
                stop.set()
                in_flight.release()
    return run


def _bounded(chunks: Iterator[list[Any]], slots: threading.Semaphore,
             stop: threading.Event) -> Iterator[list[Any]]:
    for chunk in chunks:
        slots.acquire()
        if stop.is_set():
            return
        yield chunk
