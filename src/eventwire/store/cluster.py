"""Coding on a Dask distributed cluster.

``dask="tcp://scheduler:8786"`` uses an existing cluster; ``dask="local:N"`` starts a
local one with N single-threaded worker processes. Each worker unpickles the
pipeline once and keeps it (models load on its first chunk). Chunks are submitted a
window at a time and their results come back in input order, so the store receives
exactly what a single-process run would give it.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterator
from typing import Any

from ..errors import UsageError
from ..model import Article, Coded, Failure
from ..pipeline import Pipeline

log = logging.getLogger(__name__)
WINDOW_PER_WORKER = 4


def _client(address: str) -> Any:
    from distributed import Client, LocalCluster

    if address.startswith("local:"):
        try:
            n = int(address.split(":", 1)[1])
        except ValueError:
            raise UsageError(f"--dask {address!r}: expected local:N with N a number") from None
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        return Client(cluster)
    try:
        return Client(address, timeout="20s")
    except OSError as exc:
        raise UsageError(f"--dask {address}: cannot reach the scheduler ({exc})") from exc


def code_on_worker(chunk: list[Article | Failure], pipeline: Pipeline
                   ) -> list[Coded | Failure]:
    """Runs on a worker: code a chunk with the worker's own long-lived pipeline."""
    from distributed import get_worker

    worker = get_worker()
    own = getattr(worker, "_eventwire_pipeline", None)
    if own is None:
        own = pipeline
        worker._eventwire_pipeline = own  # type: ignore[attr-defined]
    return list(own.code_many(chunk))


def dask_coder(pipeline: Pipeline, address: str) -> Any:
    def run(chunks: Iterator[list[Article | Failure]]) -> Iterator[Coded | Failure]:
        client = _client(address)
        try:
            workers = max(1, len(client.scheduler_info()["workers"]))
            shipped = client.scatter(pipeline, broadcast=True)
            window: deque[Any] = deque()
            for chunk in chunks:
                window.append(client.submit(code_on_worker, chunk, shipped, pure=False))
                if len(window) >= workers * WINDOW_PER_WORKER:
                    yield from window.popleft().result()
            while window:
                yield from window.popleft().result()
        finally:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None and address.startswith("local:"):
                cluster.close()
    return run
