"""The HTTP API (``eventwire serve``): FastAPI over one store, contract in ``docs/api.md``.

Modules: :mod:`.app` builds the application (limits, static dashboard, errors),
:mod:`.connections` holds the store (one connection, a cursor per reading thread, one
writer lock), :mod:`.params` turns query strings into :class:`~eventwire.store.query.Filters`,
:mod:`.views` answers each question with plain JSON values, :mod:`.routes` maps URLs to
them and :mod:`.streaming` turns an export writer into a streamed response.

DuckDB lets one process open a file for writing. The server opens the store once:
read-write when started with a token (corrections enabled), read-only otherwise. While a
server holds the file, ``eventwire ingest`` cannot write to it (it waits, then stops with
"in use by another eventwire process"): stop the server to ingest, then start it again.
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
