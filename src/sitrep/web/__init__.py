"""The local dashboard and JSON API: FastAPI on 127.0.0.1, read-only unless started with a token.

Every view builds one context dict, served as JSON under /api/ or rendered by Jinja
(autoescape on; report text is never marked safe). Errors have one shape:
{"ok": false, "error": "...", "status": 404}. A Content-Security-Policy forbids any
script but the app's own files, so text from a report can never run.
"""

from __future__ import annotations

import hmac
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from importlib import resources
from typing import Annotated, Any, Literal
from urllib.parse import unquote, unquote_plus

from fastapi import FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from sitrep import __version__ as version
from sitrep import api
from sitrep.analyze import counted, coverage_rows, event_stats, figure_series, left_out, series_rows, subject_of
from sitrep.api import event_in
from sitrep.colours import country_colours, palette
from sitrep.errors import InputError, NotFoundError, SitrepError, StoreError, UsageError
from sitrep.extract import extract_report
from sitrep.fuse import block_of, outlet
from sitrep.knowledge import Knowledge, load_knowledge
from sitrep.read import MAX_REPORT_BYTES
from sitrep.records import Report, normalise_text, report_id, to_dict
from sitrep.store import (
    EVENT_SORTS,
    POINT_FIELDS,
    EventFilter,
    changes,
    connect,
    event_page,
    event_points,
    figure_decisions,
    fuse_block_in_store,
    mentions_in_report,
    query_events,
    store_extraction,
    stored_figure,
    stored_figures,
    stored_report,
)

STATIC = resources.files("sitrep").joinpath("web", "static")
TEMPLATES = resources.files("sitrep").joinpath("web", "templates")
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
_STATUS = {InputError: 400, UsageError: 400, NotFoundError: 404, StoreError: 503}
MAX_PAGE = 10_000
# The orders the event list takes ("-" first: descending), as the dashboard's table sorts.
TABLE_SORTS = tuple(name for name in EVENT_SORTS if name != "country-date")
# Counts fit a 32-bit database integer: larger ones are refused as bad parameters, not passed on.
MAX_COUNT = 2**31 - 1


class NewReport(BaseModel):
    """A report to ingest through the API."""

    text: str = Field(min_length=1, max_length=2_000_000)
    url: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=1000)
    source: str | None = Field(default=None, max_length=300)
    published: str | None = Field(
        default=None,
        max_length=40,
        pattern=r"^\d{4}-\d{2}-\d{2}(?:[T ][0-9:.+\-Z]*)?$",
        description="YYYY-MM-DD (or an ISO date-time)",
    )


class Resolution(BaseModel):
    """A coder's day or place (or both) for an unresolved attack, through the API (as `sitrep
    review resolve`)."""

    day: str | None = Field(default=None, max_length=10, description="YYYY-MM-DD")
    place: str | None = Field(default=None, max_length=200, description="a gazetteer name or id, or lat,lon")
    by: str | None = Field(default=None, max_length=200)
    note: str | None = Field(default=None, max_length=5000)


class NewDecision(BaseModel):
    """A coder's decision on an event, through the API (as `sitrep review` takes it)."""

    action: Literal["accept", "reject", "note", "edit", "merge", "split"]
    by: str | None = Field(default=None, max_length=200)
    note: str | None = Field(default=None, max_length=5000)
    changes: dict[str, str] = Field(default_factory=dict, description="edit: field -> value, as `sitrep review edit`")
    other: str | None = Field(default=None, max_length=40, description="merge: the other event's id")
    mention: str | None = Field(default=None, max_length=100, description="split: the mention key to set apart")


class FigureDecision(BaseModel):
    """A coder's decision on a figure, through the API (as `sitrep review` takes it)."""

    action: Literal["accept", "reject", "note", "edit"]
    by: str | None = Field(default=None, max_length=200)
    note: str | None = Field(default=None, max_length=5000)
    changes: dict[str, str] = Field(default_factory=dict, description="edit: subject, metric or value -> new value")


def create_app(db: str | None = None, *, token: str | None = None) -> FastAPI:
    """Return the dashboard and API app for a database; writing needs `token`."""
    # No /docs page: Swagger's assets come from a CDN, which the page's CSP (and no internet) forbid;
    # the schema itself is at /openapi.json.
    app = FastAPI(
        title="sitrep",
        version=version,
        description="Attacks, fused from news reports, with their evidence.",
        docs_url=None,
        redoc_url=None,
    )
    engine = connect(db, existing=True)
    kb = load_knowledge()
    answers = _PerChange(engine)
    pages = _PerChange(engine, size=256)
    templates = Jinja2Templates(directory=str(TEMPLATES))
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    _add_error_handlers(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        if "\x00" in unquote(request.url.path) or "\x00" in unquote_plus(request.url.query):
            # PostgreSQL text cannot hold NUL: refuse it at the door, with the usual error shape.
            error = {"ok": False, "error": "the URL contains a NUL character", "status": 400}
            response = JSONResponse(error, status_code=400)
        else:
            response = await call_next(request)
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def dashboard(request: Request) -> HTMLResponse:
        return templates.TemplateResponse(
            request,
            "dashboard.html",
            {"version": version, "can_write": token is not None, "colours": country_colours(), "palette": palette()},
        )

    @app.get("/api/events", summary="Events, filtered, sorted and paged")
    def list_events(
        since: date | None = None,
        until: date | None = None,
        country: Annotated[str | None, Query(min_length=2, max_length=2, pattern="^[A-Za-z]{2}$")] = None,
        admin1: str | None = None,
        attacker: str | None = None,
        target: str | None = None,
        weapon: str | None = None,
        claim: Literal["claimed", "confirmed", "reported", "denied"] | None = None,
        min_sources: Annotated[int | None, Query(ge=1, le=MAX_COUNT)] = None,
        review: Literal["unreviewed", "accepted", "rejected", "changed"] | None = None,
        background: Annotated[
            bool | None, Query(description="false: leave out the attacks reports only recall; true: only those")
        ] = None,
        rejected: Annotated[
            bool | None, Query(description="false: leave out the events a coder rejected; true: only those")
        ] = None,
        q: Annotated[
            str | None,
            Query(
                max_length=200,
                description="text in the place, province, attacker, target or a report's sentence; or an id",
            ),
        ] = None,
        sort: Annotated[str, Query(description=f"one of {', '.join(TABLE_SORTS)}")] = "date",
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
        offset: Annotated[int, Query(ge=0, le=MAX_COUNT)] = 0,
        view: Annotated[
            Literal["page", "map"],
            Query(description="map: every matching event as a compact row of `fields`, for the map and timeline"),
        ] = "page",
    ) -> Any:
        if since and until and since > until:
            raise UsageError("since is after until")
        if sort not in TABLE_SORTS:
            raise UsageError(f"sort must be one of {', '.join(TABLE_SORTS)}")
        where = EventFilter(
            since=since.isoformat() if since else None,
            until=until.isoformat() if until else None,
            country=country,
            admin1=admin1,
            attacker=attacker,
            target=target,
            weapon=weapon,
            claim=claim,
            min_sources=min_sources,
            review=review,
            background=background,
            rejected=rejected,
            search=q,
        )
        if view == "map":
            return answers.get(("points", where), lambda: _points(engine, where))
        return pages.get(("page", where, sort, limit, offset), lambda: _page(engine, where, sort, limit, offset))

    @app.get("/api/events/{event_id}", summary="One event with its mentions, outlets and evidence spans")
    def one_event(event_id: str) -> dict[str, Any]:
        detail = event_in(engine, event_id)
        return {
            "ok": True,
            "event": to_dict(detail.event),
            "mentions": [_mention_view(m, r) for m, r in detail.mentions],
        }

    @app.get("/api/events/{event_id}/log", summary="Every decision a coder made on an event, oldest first")
    def event_log(event_id: str) -> dict[str, Any]:
        return {"ok": True, "decisions": [to_dict(d) for d in api.review_log(event_id, db=db)]}

    @app.get("/api/reports/{report_id}", summary="A report's text with the spans of its mentions")
    def one_report(report_id: str) -> dict[str, Any]:
        report = stored_report(engine, report_id)
        if report is None:
            raise NotFoundError("no such report", source=report_id)
        mentions = [m for m, _ in mentions_in_report(engine, report_id)]
        spans = [
            {
                "mention": m.id,
                "place": m.place_canonical,
                "date": m.date,
                "evidence_spans": m.evidence_spans,
                "spans": m.spans,
            }
            for m in mentions
        ]
        return {"ok": True, "report": to_dict(report), "mentions": spans}

    @app.get("/api/unresolved", summary="Attacks the reports tell that are no event yet, with the reason")
    def unresolved() -> dict[str, Any]:
        waiting = [{"key": u.key, "reason": u.reason, "time_precision": u.time_precision, "mention": to_dict(u.mention)}
                   for u in api.unresolved(db)]  # fmt: skip
        return {"ok": True, "unresolved": waiting}

    @app.get("/api/figures", summary="Quoted tallies as series, with contradictions")
    def figures(
        metric: str | None = None,
        subject: str | None = None,
        review: Annotated[
            Literal["unreviewed", "accepted", "rejected"] | None,
            Query(description="only figures in this review state; those a coder rejected only when asked for"),
        ] = None,
    ) -> dict[str, Any]:
        told = stored_figures(engine, rejected=review == "rejected")
        chosen = [f for f in told if review is None or f.review == review]
        series = figure_series(chosen, kb, metric=metric, subject=subject)
        return {
            "ok": True,
            "series": [
                {
                    "metric": s.metric,
                    "subject": s.subject,
                    "countries": s.countries,
                    "flags": s.flags,
                    "figures": series_rows([s]),
                }
                for s in series
            ],
        }

    @app.get("/api/figures/{key}", summary="One figure, its decisions applied, with who it counts and its log")
    def one_figure(key: str) -> dict[str, Any]:
        figure = stored_figure(engine, key)
        if figure is None:
            raise NotFoundError("no such figure", source=key)
        who, countries = subject_of(figure, kb)
        return {
            "ok": True,
            "figure": to_dict(figure),
            "counted": {"subject": who, "countries": countries},
            "decisions": [to_dict(d) for d in figure_decisions(engine, key)],
        }

    @app.get("/api/stats", summary="Counts of events and the coverage line of quoted tallies")
    def stats(
        since: date | None = None,
        until: date | None = None,
        country: Annotated[str | None, Query(max_length=2)] = None,
        with_background: Annotated[
            bool, Query(description="also count the attacks reports only recall as background")
        ] = False,
        with_rejected: Annotated[bool, Query(description="also count the events a coder rejected")] = False,
    ) -> Response:
        where = EventFilter(since.isoformat() if since else None, until.isoformat() if until else None, country)
        counting = {"with_background": with_background, "with_rejected": with_rejected}
        question = ("stats", where, with_background, with_rejected)
        return answers.get(question, lambda: _stats(engine, where, kb, counting))

    if token is not None:
        _add_writing(app, engine, kb, token)
        _add_review(app, db)
    return app


def _add_writing(app: FastAPI, engine: Any, kb: Knowledge, token: str) -> None:
    app.add_middleware(_GuardedWrites, token=token)

    @app.post("/api/reports", summary="Ingest a report (needs Authorization: Bearer <token>)", status_code=201)
    def add_report(body: NewReport, authorization: Annotated[str | None, Header()] = None) -> JSONResponse:
        if not _has_token((authorization or "").encode("utf-8", "surrogateescape"), token):
            return _refused(401)
        text = normalise_text(body.text)
        if not text:
            raise InputError("empty report", source="body")
        report = Report(
            id=report_id(text), text=text, doc=body.url or "api", source=body.source, url=body.url, title=body.title,
            published=body.published, published_basis="metadata" if body.published else "unknown",
        )  # fmt: skip
        extraction = extract_report(report, kb)
        stored = store_extraction(engine, extraction)
        # Only this report's blocks: the blocks an ingest running beside it touched are that
        # ingest's to fuse, once, at its end (fusing them at every POST starved it).
        for block in sorted({block_of(m) for m in extraction.mentions if m.country}):
            fuse_block_in_store(engine, block, kb)
        body_out = {
            "ok": True,
            "report_id": report.id,
            "stored": stored,
            "mentions": len(extraction.mentions),
            "figures": len(extraction.figures),
        }
        return JSONResponse(body_out, status_code=201 if stored else 200)


def _add_review(app: FastAPI, db: str | None) -> None:
    @app.post("/api/unresolved/{key}/resolve", summary="Give an unresolved attack its day or place (needs the token)")
    def resolve(key: str, body: Resolution) -> dict[str, Any]:
        # _GuardedWrites has refused every POST without the token before its body was read.
        event = api.resolve(key, body.day, place=body.place, db=db, by=body.by, note=body.note)
        return {"ok": True, "event": to_dict(event)}

    @app.post("/api/events/{event_id}/decisions", summary="Accept, reject, edit, merge, split or note an event")
    def decide(event_id: str, body: NewDecision) -> dict[str, Any]:
        # _GuardedWrites has refused every POST without the token before its body was read.
        decided = {
            "accept": lambda: api.accept(event_id, db=db, by=body.by, note=body.note),
            "reject": lambda: api.reject(event_id, db=db, by=body.by, note=body.note),
            "note": lambda: api.note(event_id, body.note or "", db=db, by=body.by),
            "edit": lambda: api.edit(event_id, body.changes, db=db, by=body.by, note=body.note),
            "merge": lambda: api.merge(event_id, body.other or "", db=db, by=body.by, note=body.note),
            "split": lambda: api.split(event_id, body.mention or "", db=db, by=body.by, note=body.note),
        }[body.action]()
        return {"ok": True, "event": to_dict(decided)}

    @app.post("/api/figures/{key}/decisions", summary="Accept, reject, edit or note a figure (needs the token)")
    def decide_figure(key: str, body: FigureDecision) -> dict[str, Any]:
        # _GuardedWrites has refused every POST without the token before its body was read.
        figure = api.review_figure(key, body.action, changes=body.changes, note=body.note, db=db, by=body.by)
        return {"ok": True, "figure": to_dict(figure)}


def _page(engine: Any, where: EventFilter, sort: str, limit: int, offset: int) -> dict[str, Any]:
    total, page = event_page(engine, where, sort=sort, limit=limit, offset=offset)
    return {"ok": True, "total": total, "limit": limit, "offset": offset, "events": page}


def _points(engine: Any, where: EventFilter) -> dict[str, Any]:
    rows = event_points(engine, where)
    return {"ok": True, "total": len(rows), "fields": list(POINT_FIELDS), "events": rows}


def _stats(engine: Any, where: EventFilter, kb: Knowledge, counting: dict[str, bool]) -> dict[str, Any]:
    _, listed = query_events(engine, where)
    result = event_stats([e for e in listed if counted(e, **counting)], stored_figures(engine), kb)
    return {
        "ok": True,
        "total": result.total,
        "by": result.by,
        "weekly_by_country": result.weekly_by_country,
        "coverage": coverage_rows(result.coverage),
        "left_out": left_out(listed, **counting),
    }


class _PerChange:
    """Answers worked out from the database (tallies, map points, table pages), kept as JSON until
    the database changes (`store.changes` moves): 20 dashboards opening at once cost one
    computation, not twenty. One computation per question at a time; the others wait for it."""

    def __init__(self, engine: Any, size: int = 64) -> None:
        self.engine = engine
        self.size = size
        self.kept: OrderedDict[Any, tuple[int, bytes]] = OrderedDict()
        self.locks: dict[Any, threading.Lock] = {}
        self.guard = threading.Lock()

    def get(self, question: Any, work_out: Callable[[], dict[str, Any]]) -> Response:
        with self.guard:
            lock = self.locks.setdefault(question, threading.Lock())
        with lock:
            now = changes(self.engine)
            kept = self.kept.get(question)
            if kept is None or kept[0] != now:
                kept = (now, bytes(JSONResponse(work_out()).body))
            with self.guard:
                self.kept[question] = kept
                self.kept.move_to_end(question)
                while len(self.kept) > self.size:
                    self.locks.pop(self.kept.popitem(last=False)[0], None)
        return Response(kept[1], media_type="application/json")


def _mention_view(mention: Any, report: Report) -> dict[str, Any]:
    return {
        **to_dict(mention),
        "outlet": outlet(report, mention),
        "report": {k: v for k, v in to_dict(replace(report, text="")).items() if k != "text"},
        "evidence_text": [report.text[a:b] for a, b in mention.evidence_spans],
    }


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(SitrepError)
    async def sitrep_error(_: Request, exc: SitrepError) -> JSONResponse:
        status = next((code for kind, code in _STATUS.items() if isinstance(exc, kind)), 400)
        return JSONResponse({"ok": False, "error": str(exc), "status": status}, status_code=status)

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        return JSONResponse({"ok": False, "error": f"bad parameters: {problems}", "status": 400}, status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(
            {"ok": False, "error": str(exc.detail), "status": exc.status_code}, status_code=exc.status_code
        )


__all__ = ["CONTENT_SECURITY_POLICY", "EVENT_SORTS", "create_app"]


# A POST body larger than this is refused before it is read whole: the largest report the
# readers accept, with room for its JSON and metadata.
MAX_BODY_BYTES = MAX_REPORT_BYTES + 64 * 1024
_REFUSALS = {401: "a valid Authorization: Bearer token is needed", 413: f"the body is over {MAX_BODY_BYTES:,} bytes"}


def _has_token(authorization: bytes, token: str) -> bool:
    # Bytes, not text: compare_digest refuses non-ASCII text, and such a header is just wrong.
    return hmac.compare_digest(authorization, f"Bearer {token}".encode())


def _refused(status: int) -> JSONResponse:
    return JSONResponse({"ok": False, "error": _REFUSALS[status], "status": status}, status_code=status)


class _GuardedWrites:
    """Before a write's body is parsed: 401 without the token (the body unread), then 413 for
    a body over MAX_BODY_BYTES, by its Content-Length or by what arrives (read no further)."""

    def __init__(self, app: Any, token: str) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        if not _has_token(headers.get(b"authorization", b""), self.token):
            await _refused(401)(scope, receive, send)
            return
        length = headers.get(b"content-length", b"0")
        if not length.isdigit() or int(length) > MAX_BODY_BYTES:
            await _refused(413)(scope, receive, send)
            return
        body = bytearray()
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > MAX_BODY_BYTES:
                await _refused(413)(scope, receive, send)
                return
        replayed = False

        async def replay() -> Any:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}

        await self.app(scope, replay, send)
