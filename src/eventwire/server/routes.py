"""The API's URLs (``docs/api.md``): thin functions over :mod:`.views`.

Endpoints are plain ``def`` functions: FastAPI runs them in its thread pool, and each
thread reads through its own cursor (:meth:`.connections.Connections.reader`).
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from typing import Annotated, Any, Literal, TextIO

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, Field
from pydantic_core import to_json

from ..errors import UsageError
from ..export import write_export
from ..store import corrections
from ..store.query import Filters, export_rows
from . import views
from .connections import Connections
from .index import Cursor, touched_by
from .params import filters
from .streaming import stream_text

MAX_PAGE = 500
EXPORT_FORMATS = {"csv": ("csv", "text/csv; charset=utf-8"),
                  "jsonl": ("plover-jsonl", "application/x-ndjson; charset=utf-8")}

router = APIRouter(prefix="/api")


def connections(request: Request) -> Connections:
    conns: Connections = request.app.state.connections
    return conns


Conns = Annotated[Connections, Depends(connections)]
Filtered = Annotated[Filters, Depends(filters)]


@router.get("/health")
def health(conns: Conns) -> dict[str, Any]:
    """Whether the server is up, how big its store is, and its page index's state
    (``building``, ``ready``, ``off``, ``stopped`` or ``failed: ...``)."""
    return views.health(conns.reader()) | {"index": conns.index_status}


@router.get("/events", response_class=JSONResponse,
            responses={200: {"description": "total, limit, offset and events"}})
def events(conns: Conns, f: Filtered,
           limit: Annotated[int, Query(ge=0, le=MAX_PAGE)] = 100,
           offset: Annotated[int, Query(ge=0)] = 0,
           sort: Literal["date", "-date"] = "-date") -> Response:
    """A page of matching events (corrections applied) and the total that match."""
    body = None
    if conns.index is not None:
        body = conns.index.page_json(f, limit=limit, offset=offset, sort=sort)
    if body is None:  # no index (yet), or a question only SQL answers
        body = to_json(views.events_page(conns.reader(), f, limit=limit, offset=offset,
                                         sort=sort))
    return Response(body, media_type="application/json")


@router.get("/events/{event_id}")
def event(conns: Conns, event_id: str) -> dict[str, Any]:
    """One event with its evidence spans, reports, corrections and original record."""
    return _found(views.event_detail(conns.reader(), event_id), f"no event {event_id!r}")


@router.get("/articles/{key}")
def article(conns: Conns, key: str) -> dict[str, Any]:
    """An article's text (title, blank line, body), its events and every span."""
    return _found(views.article(conns.reader(), key), f"no article {key!r}")


def _found(answer: dict[str, Any] | None, missing: str) -> dict[str, Any]:
    if answer is None:
        raise HTTPException(404, missing)
    return answer


@router.get("/stats")
def stats(conns: Conns, f: Filtered) -> dict[str, Any]:
    """Counts of matching events by day and category, country, quad class, category."""
    return views.stats(conns.reader(), f)


@router.get("/actors")
def actors(conns: Conns, f: Filtered,
           min_weight: Annotated[int, Query(ge=1)] = 1,
           limit: Annotated[int, Query(ge=1, le=2000)] = 200) -> dict[str, Any]:
    """The actor → recipient network of the matching events."""
    return views.actors(conns.reader(), f, min_weight=min_weight, limit=limit)


@router.get("/export")
def export(conns: Conns, f: Filtered,
           format: Literal["csv", "jsonl"] = "csv") -> StreamingResponse:  # noqa: A002
    """Every matching event, corrections applied, streamed as CSV or PLOVER JSONL."""
    fmt, media_type = EXPORT_FORMATS[format]

    def write(stream: TextIO) -> None:
        cursor = conns.fresh_reader()
        try:
            write_export(export_rows(cursor, f), fmt, stream)
        finally:
            cursor.close()

    body: Iterator[bytes] = stream_text(write)
    return StreamingResponse(body, media_type=media_type, headers={
        "Content-Disposition": f'attachment; filename="events.{format}"'})


@router.get("/corrections")
def corrections_log(conns: Conns, event_id: str | None = None,
                    limit: Annotated[int, Query(ge=0, le=MAX_PAGE)] = 100,
                    offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
    """The audit log of corrections, newest first."""
    return views.corrections_log(conns.reader(), event_id=event_id, limit=limit,
                                 offset=offset)


class CorrectionIn(BaseModel):
    event_id: str = Field(min_length=1, max_length=64)
    field: str = Field(min_length=1, max_length=64)
    value: Any = None
    author: str = Field(min_length=1, max_length=200)
    note: str | None = Field(default=None, max_length=2000)


def require_token(request: Request,
                  authorization: Annotated[str | None, Header()] = None) -> None:
    """403 when writes are disabled, 401 without the right bearer token (checked
    before the body, so a caller without the token learns nothing from validation)."""
    token: str | None = request.app.state.token
    if token is None:
        raise HTTPException(403, "corrections are disabled: the server was started "
                                 "without --token, so the store is open read-only")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "a correction needs 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})


@router.post("/corrections", status_code=201, dependencies=[Depends(require_token)])
def correct(conns: Conns, body: CorrectionIn) -> dict[str, Any]:
    """Record one correction (audit log) and return the event as it now reads."""
    if not views.event_exists(conns.reader(), body.event_id):
        raise HTTPException(404, f"no event {body.event_id!r}")
    def work(conn: Cursor) -> dict[str, Any]:
        # under the write lock, so no other correction moves events in between
        touched = touched_by(conn, body.event_id)
        entry = corrections.add(conn, body.event_id, body.field, body.value,
                                author=body.author, note=body.note)
        if conns.index is not None:  # the event, and the clusters it left and joined
            conns.index.refresh(conn, touched | touched_by(conn, body.event_id))
        return entry

    try:
        entry = conns.write(work)
    except UsageError as exc:
        raise HTTPException(422, str(exc)) from exc
    now = views.events_by_id(conns.reader(), [body.event_id])
    return {"correction": entry, "event": now[body.event_id]}
