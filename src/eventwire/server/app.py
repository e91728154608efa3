"""The application factory: routes, limits, the dashboard's static files.

``create_app(db_path, token)`` opens the store once (read-write only when a token
enables corrections) and returns a FastAPI app; ``eventwire serve`` runs it with
uvicorn on loopback by default. OpenAPI docs are at ``/docs``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from .connections import Connections
from .routes import router

MAX_BODY = 64 * 1024  # bytes of a request body
STATIC_DIR = Path(__file__).resolve().parent.parent / "web" / "static"


def create_app(db_path: str | Path, token: str | None = None, *,
               static_dir: Path | None = STATIC_DIR, threads: int | None = None,
               max_body: int = MAX_BODY, index: bool = True) -> FastAPI:
    """The API over the store at ``db_path``; corrections need ``token`` (none: the
    store is opened read-only and POST /api/corrections answers 403). The dashboard
    in ``static_dir`` is served at ``/`` when that directory exists. ``index`` builds
    the in-memory page index (:mod:`.index`) in the background."""
    conns = Connections(db_path, writable=token is not None, threads=threads, index=index)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        conns.close()

    app = FastAPI(title="eventwire", version=__version__, lifespan=lifespan,
                  description="PLOVER events from the store, with evidence and corrections. "
                              "Contract: docs/api.md.")
    app.state.connections = conns
    app.state.token = token
    app.include_router(router)

    @app.api_route("/api/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
                   include_in_schema=False)
    def unknown(rest: str) -> JSONResponse:
        return JSONResponse({"detail": "Not Found"}, status_code=404)

    if static_dir is not None and static_dir.is_dir():
        app.mount("/", StaticFiles(directory=static_dir, html=True), name="dashboard")
    app.add_middleware(BodyLimit, max_body=max_body)
    app.add_middleware(NoSniff)
    return app


class BodyLimit:
    """Answer 413 to a request body over ``max_body`` bytes, declared or streamed."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            response = JSONResponse({"detail": _too_large(self.max_body)}, status_code=413)
            await response(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    # an HTTPException, so FastAPI's body reader passes it on as is
                    raise HTTPException(413, _too_large(self.max_body))
            return message

        await self.app(scope, limited, send)


def _too_large(limit: int) -> str:
    return f"request body larger than {limit} bytes"


class NoSniff:
    """``X-Content-Type-Options: nosniff`` on every response: JSON stays JSON."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"],
                                      (b"x-content-type-options", b"nosniff")]
            await send(message)

        await self.app(scope, receive, with_header)

