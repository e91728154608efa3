"""Turn a writer that pushes text into a stream (``write_export``) into chunks to send.

The writer runs in a thread of its own and hands text through a small bounded queue,
so memory stays flat whatever the export's size; when the client goes away the
consumer is closed, the writer's next ``write`` raises, and the thread ends.
"""

from __future__ import annotations

import io
import queue
import threading
from collections.abc import Callable, Iterator
from typing import TextIO, cast

CHUNK = 64 * 1024  # characters per chunk sent
_DONE = object()


class _Cancelled(Exception):
    """The reader stopped listening."""


class _QueueWriter(io.TextIOBase):
    def __init__(self, out: queue.Queue[object], cancelled: threading.Event) -> None:
        self._out, self._cancelled = out, cancelled
        self._buffer: list[str] = []
        self._size = 0

    def write(self, text: str) -> int:
        self._buffer.append(text)
        self._size += len(text)
        if self._size >= CHUNK:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self._buffer:
            self.put("".join(self._buffer))
            self._buffer, self._size = [], 0

    def put(self, item: object) -> None:
        while True:
            if self._cancelled.is_set():
                raise _Cancelled
            try:
                self._out.put(item, timeout=0.5)
                return
            except queue.Full:
                continue


def stream_text(write: Callable[[TextIO], object]) -> Iterator[bytes]:
    """UTF-8 chunks of what ``write(stream)`` writes; an error in ``write`` is raised
    to the consumer (the response is then cut short)."""
    out: queue.Queue[object] = queue.Queue(maxsize=8)
    cancelled = threading.Event()
    failure: list[BaseException] = []
    writer = _QueueWriter(out, cancelled)

    def run() -> None:
        try:
            try:
                write(cast(TextIO, writer))
                writer.flush()
            except _Cancelled:
                raise
            except Exception as exc:  # handed to the consumer, which re-raises it
                failure.append(exc)
            writer.put(_DONE)
        except _Cancelled:
            return

    thread = threading.Thread(target=run, name="eventwire-export", daemon=True)
    thread.start()
    try:
        while (item := out.get()) is not _DONE:
            assert isinstance(item, str)
            yield item.encode("utf-8")
        if failure:
            raise failure[0]
    finally:
        cancelled.set()
