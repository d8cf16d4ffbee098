"""FastAPI routes of the web app (see the package docstring)."""

from __future__ import annotations

import hashlib
import tempfile
import threading
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..store import Store, queries
from ..store import export as exports
from ..store.watch import Zone, events_in_zone, zone_report
from .highlight import article_spans, segments

HERE = Path(__file__).parent
PAGE_SIZE = 50
PALETTE = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#1f78b4", "#b2182b", "#666666"]


class BadRequest(Exception):
    """A parameter the user got wrong: answered with 400 and the message."""


def type_color(event_type: str | None) -> str:
    """A stable colour per event type (the same on the map, the timeline and the lists)."""
    digest = hashlib.blake2s((event_type or "").encode("utf-8"), digest_size=2).digest()
    return PALETTE[int.from_bytes(digest, "big") % len(PALETTE)]


def _params(request: Request) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        out.setdefault(key, []).append(value)
    return out


def _filters(request: Request) -> queries.Filters:
    try:
        return queries.Filters.parse(_params(request))
    except ValueError as exc:
        raise BadRequest(str(exc)) from exc


def _int(request: Request, name: str, default: int, lo: int, hi: int) -> int:
    value = request.query_params.get(name)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        raise BadRequest(f"{name}: {value!r} is not a whole number") from None
    if not lo <= number <= hi:
        raise BadRequest(f"{name}: must be between {lo} and {hi}")
    return number


def _url(path: str, f: queries.Filters, **extra: Any) -> str:
    params = f.params()
    params.update({k: [str(v)] for k, v in extra.items() if v not in (None, "")})
    query = urlencode(params, doseq=True)
    return f"{path}?{query}" if query else path


def _actor_url(name: str) -> str:
    """The actor page of a canonical name (every character but letters and digits escaped)."""
    return "/actors/" + quote(name, safe="")


def create_app(db_path: str | Path, *, zones: list[Zone] | None = None) -> FastAPI:
    """The web app over the store at ``db_path`` (opened read-only, one connection per thread)."""
    db_path = str(db_path)
    Store(db_path, readonly=True).close()  # fail now, not at the first request, if it is not a store
    local = threading.local()
    zones = list(zones or [])

    def conn() -> Any:
        if getattr(local, "store", None) is None:
            local.store = Store(db_path, readonly=True)
        return local.store.conn

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every page: untrusted article text must never become markup
        undefined=jinja2.StrictUndefined,
    )
    env.globals.update(type_color=type_color, url=_url, has_zones=bool(zones), actor_url=_actor_url)

    app = FastAPI(title="dateline", docs_url="/api", redoc_url=None)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def page(name: str, request: Request, status: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(name).render(request_path=request.url.path, query=request.url.query, **context)
        return HTMLResponse(html, status_code=status)

    def wants_json(request: Request) -> bool:
        return request.url.path.endswith(".json") or request.url.path.startswith("/export")

    @app.exception_handler(BadRequest)
    def bad_request(request: Request, exc: BadRequest) -> Response:
        if wants_json(request):
            return JSONResponse({"error": str(exc)}, status_code=400)
        return page("error.html", request, 400, title="Bad request", message=str(exc))

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if wants_json(request):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        return page("error.html", request, exc.status_code, title=f"Error {exc.status_code}", message=str(exc.detail))

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/search")

    def search_data(request: Request) -> dict[str, Any]:
        f = _filters(request)
        page_no = _int(request, "page", 1, 1, 10**6)
        selection = queries.Selection(conn(), f)  # the text match and area run once per request
        facets = selection.facets()
        total = selection.count()  # known from the facets' scan
        rows = selection.rows(limit=PAGE_SIZE, offset=(page_no - 1) * PAGE_SIZE)
        for name, facet in facets.items():
            for v in facet["values"]:
                v["toggle_url"] = _url("/search", f.toggle(name, v["value"]))
        exports_ = {fmt: _url(f"/export.{fmt}", f) for fmt in exports.FORMATS}
        merged_exports = {fmt: _url(f"/export.{fmt}", f, table="merged") for fmt in exports.FORMATS}
        return {
            "filters": f.params(),
            "total": total,
            "page": page_no,
            "page_size": PAGE_SIZE,
            "next_url": _url("/search", f, page=page_no + 1) if page_no * PAGE_SIZE < total else None,
            "events": rows,
            "facets": facets,
            "facet_size": queries.FACET_SIZE,
            "exports": exports_,
            "merged_exports": merged_exports,
        }

    @app.get("/search")
    def search_page(request: Request) -> HTMLResponse:
        data = search_data(request)
        f = _filters(request)
        return page("search.html", request, title="Search", data=data, f=f, json_url=_url("/search.json", f))

    @app.get("/search.json")
    def search_json(request: Request) -> dict[str, Any]:
        return search_data(request)

    @app.get("/articles/{article_id:path}")
    def article_page(request: Request, article_id: str) -> Response:
        as_json = False
        record = queries.article_record(conn(), article_id)
        if record is None and article_id.endswith(".json"):
            record = queries.article_record(conn(), article_id[: -len(".json")])
            as_json = record is not None
        if record is None:
            raise StarletteHTTPException(404, f"no article with id {article_id!r}")
        if as_json:
            return JSONResponse(record)
        text = record["article"]["text"]
        return page(
            "article.html", request, title=record["article"].get("title") or record["article"]["id"],
            record=record, segments=segments(text, article_spans(record)), text=text,
            json_url=f"/articles/{record['article']['id']}.json",
        )

    def map_data(request: Request) -> dict[str, Any]:
        f = _filters(request)
        c = conn()
        cluster_over = _int(request, "cluster_over", 1500, 0, 10**7)
        selection = queries.Selection(c, f)
        located = selection.count(located=True)
        # Too many points to send one by one: counts per grid cell (sized to the view), computed in
        # SQL, which the page draws as clusters; zooming in splits them. Nothing is dropped.
        west, south, east, north = f.bbox or (-180.0, -90.0, 180.0, 90.0)
        cell = max((east - west) / 48, (north - south) / 32, 1e-4)
        if located > cluster_over:
            features = [
                {"type": "Feature", "geometry": {"type": "Point", "coordinates": [g["lon"], g["lat"]]},
                 "properties": {"cluster": True, "count": g["count"]}}
                for g in selection.grid(cell)
            ]
        else:
            features = list(queries.map_points(c, selection))
            for feature in features:
                feature["properties"]["color"] = type_color(feature["properties"]["type"])
        mentions = queries.count_places(c, selection)
        if mentions > cluster_over:
            places = [
                {"type": "Feature", "geometry": {"type": "Point", "coordinates": [g["lon"], g["lat"]]},
                 "properties": {"cluster": True, "count": g["count"]}}
                for g in queries.place_grid(c, selection, cell)
            ]
        else:
            places = queries.place_points(c, selection)
        return {
            "type": "FeatureCollection",
            "located_events": located,
            "clustered": located > cluster_over,
            "cluster_over": cluster_over,
            "features": features,
            "places": {"type": "FeatureCollection", "mentions": mentions, "clustered": mentions > cluster_over,
                       "features": places},
            "zones": [{"name": z.name, "lat": z.lat, "lon": z.lon, "radius_km": z.radius_km} for z in zones],
        }

    @app.get("/map")
    def map_page(request: Request) -> HTMLResponse:
        f = _filters(request)
        return page("map.html", request, title="Map", f=f, json_url=_url("/map.json", f), zones=zones)

    @app.get("/map.json")
    def map_json(request: Request) -> dict[str, Any]:
        return map_data(request)

    def timeline_data(request: Request) -> dict[str, Any]:
        f = _filters(request)
        interval = request.query_params.get("interval", "week")
        try:
            data = queries.timeline(conn(), f, interval)
        except ValueError as exc:
            raise BadRequest(str(exc)) from exc
        data["filters"] = f.params()
        return data

    @app.get("/timeline")
    def timeline_page(request: Request) -> HTMLResponse:
        data = timeline_data(request)
        f = _filters(request)
        return page("timeline.html", request, title="Timeline", data=data, f=f, chart=_chart(data),
                    json_url=_url("/timeline.json", f, interval=data["interval"]))

    @app.get("/timeline.json")
    def timeline_json(request: Request) -> dict[str, Any]:
        return timeline_data(request)

    def quotes_data(request: Request) -> dict[str, Any]:
        q = request.query_params.get("q") or None
        speaker = request.query_params.get("speaker") or None
        limit = _int(request, "limit", 100, 1, 10000)
        return {"q": q, "speaker": speaker, "quotes": queries.quote_rows(conn(), q, speaker, limit)}

    @app.get("/quotes")
    def quotes_page(request: Request) -> HTMLResponse:
        data = quotes_data(request)
        return page("quotes.html", request, title="Quotes", data=data, json_url="/quotes.json?" + request.url.query)

    @app.get("/quotes.json")
    def quotes_json(request: Request) -> dict[str, Any]:
        return quotes_data(request)

    def zone_list() -> dict[str, Any]:
        return {
            "zones": [
                {"name": z.name, "lat": z.lat, "lon": z.lon, "radius_km": z.radius_km, "events": events_in_zone(conn(), z),
                 "url": "/zones/" + quote(z.name, safe="")}
                for z in zones
            ]
        }

    @app.get("/zones")
    def zones_page(request: Request) -> HTMLResponse:
        return page("zones.html", request, title="Watch zones", data=zone_list(), json_url="/zones.json")

    @app.get("/zones.json")
    def zones_json() -> dict[str, Any]:
        return zone_list()

    @app.get("/zones/{name:path}")
    def zone_page(request: Request, name: str) -> Response:
        by_name = {z.name: z for z in zones}
        as_json = name not in by_name and name.endswith(".json") and name[: -len(".json")] in by_name
        zone = by_name.get(name[: -len(".json")] if as_json else name)
        if zone is None:
            raise StarletteHTTPException(404, f"no watch zone named {name!r} (zones come from `serve --watch FILE`)")
        actor = request.query_params.get("actor") or None
        if actor is not None and len(actor) > 300:
            raise BadRequest("actor: name too long")
        limit = _int(request, "limit", 100, 1, 10000)
        report = zone_report(conn(), zone, actor=actor, limit=limit)
        if as_json:
            return JSONResponse(report)
        self_url = "/zones/" + quote(zone.name, safe="")
        return page("zone.html", request, title=zone.name, data=report, chart=_zone_chart(report),
                    actors=queries.top_actors(conn()), self_url=self_url,
                    json_url=self_url + ".json" + (f"?{urlencode({'actor': actor})}" if actor else ""))

    @app.get("/actors/{name:path}")
    def actor_page(request: Request, name: str) -> Response:
        limit = _int(request, "limit", 100, 1, 10000)
        profile = queries.actor_profile(conn(), name, limit=limit)
        as_json = False
        if profile is None and name.endswith(".json"):
            profile = queries.actor_profile(conn(), name[: -len(".json")], limit=limit)
            as_json = profile is not None
        if profile is None:
            raise StarletteHTTPException(404, f"no actor named {name!r}")
        if as_json:
            return JSONResponse(profile)
        return page("actor.html", request, title=profile["name"], data=profile,
                    search_url=_url("/search", queries.Filters(actor=(profile["name"],))),
                    json_url="/actors/" + quote(profile["name"], safe="") + ".json")

    @app.get("/export.{fmt}")
    def export_file(request: Request, fmt: str) -> Response:
        f = _filters(request)
        table = request.query_params.get("table", "events")
        if fmt not in exports.FORMATS:
            raise BadRequest(f"format: {fmt!r} is not one of {', '.join(exports.FORMATS)}")
        filename = f"dateline-{table}.{fmt}"
        headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
        try:
            if fmt == "parquet":
                # Parquet is written whole (its footer comes last), to a temporary file, then sent.
                tmp = tempfile.NamedTemporaryFile(suffix=".parquet", delete=False)
                with tmp, Store(db_path, readonly=True) as parquet_store:
                    exports.write_parquet(parquet_store.conn, table, f, tmp)
                from starlette.background import BackgroundTask

                return FileResponse(tmp.name, media_type=exports.MEDIA_TYPES[fmt], headers=headers,
                                    background=BackgroundTask(Path(tmp.name).unlink))
            # Streamed on its own connection: the response outlives this thread's turn.
            store = Store(db_path, readonly=True)
            chunks = exports.stream(store.conn, table, f, fmt)
            first = next(chunks)  # validates the request before the 200 goes out
        except ValueError as exc:
            raise BadRequest(str(exc)) from exc

        def body() -> Any:
            try:
                yield first
                yield from chunks
            finally:
                store.close()

        return StreamingResponse(body(), media_type=exports.MEDIA_TYPES[fmt], headers=headers)

    return app


def _chart(data: dict[str, Any], width: int = 960, height: int = 240) -> dict[str, Any]:
    """Geometry of a stacked bar chart (one bar per bucket, one colour per type) and the baseline
    line, for the template to draw as SVG."""
    buckets = data["buckets"]
    if not buckets:
        return {"width": width, "height": height, "bars": [], "baseline": "", "max": 0}
    top = max(max(b["total"] for b in buckets), max((b["baseline"] or 0) for b in buckets), 1)
    step = width / len(buckets)
    bars = []
    points = []
    for i, b in enumerate(buckets):
        y = height
        for t in data["types"]:
            n = b["by_type"].get(t, 0)
            if n:
                h = n / top * (height - 10)
                y -= h
                bars.append({"x": round(i * step + 1, 1), "y": round(y, 1), "w": round(max(step - 2, 1), 1), "h": round(h, 1),
                             "color": type_color(t), "title": f"{b['start']}: {n} {t}"})
        if b["baseline"] is not None:
            points.append(f"{round(i * step + step / 2, 1)},{round(height - b['baseline'] / top * (height - 10), 1)}")
    return {"width": width, "height": height, "bars": bars, "baseline": " ".join(points), "max": top}


def _zone_chart(report: dict[str, Any], width: int = 960, height: int = 160) -> dict[str, Any]:
    """Geometry of the zone page's two charts: events per week (bars) and, for the chosen actor,
    the nearest event's distance per week (a line; the zone's radius as a dashed reference)."""
    weeks = report["weeks"]
    top = max([w["total"] for w in weeks] + [1])
    step = width / max(len(weeks), 1)
    bars = [
        {"x": round(i * step + 1, 1), "w": round(max(step - 2, 1), 1), "h": round(w["total"] / top * (height - 10), 1),
         "y": round(height - w["total"] / top * (height - 10), 1), "title": f"week of {w['week']}: {w['total']} event(s)"}
        for i, w in enumerate(weeks) if w["total"]
    ]
    nearest = report["nearest"]
    far = max([n["distance_km"] for n in nearest if n["distance_km"] is not None] + [report["zone"]["radius_km"], 1])
    nstep = width / max(len(nearest), 1)  # the same weeks as the bars (one axis)

    def y(km: float) -> float:
        return round(10 + km / far * (height - 20), 1)  # 0 km at the top: closer reads as higher

    points = [
        {"x": round(i * nstep + nstep / 2, 1), "y": y(n["distance_km"]), "title": f"week of {n['week']}: {n['distance_km']} km"}
        for i, n in enumerate(nearest) if n["distance_km"] is not None
    ]
    return {"width": width, "height": height, "bars": bars, "max": top, "points": points,
            "line": " ".join(f"{p['x']},{p['y']}" for p in points), "far": far, "radius_y": y(report["zone"]["radius_km"])}
