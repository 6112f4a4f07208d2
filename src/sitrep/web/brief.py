"""The situation brief: one self-contained HTML file (map, charts, tables), or a PDF of it."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from sitrep.analyze import Stats, coverage_rows
from sitrep.charts import plot_stats
from sitrep.colours import colour_of
from sitrep.errors import UsageError
from sitrep.records import Event, Mention, Report

STATIC = resources.files("sitrep").joinpath("web", "static")
TEMPLATES = resources.files("sitrep").joinpath("web", "templates")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def render_brief(
    listed: list[Event],
    events: list[Event],
    stats: Stats,
    sources: dict[str, list[tuple[Mention, Report, str]]],
    *,
    period: str,
    scope: str,
    version: str,
    paper: str = "A4",
) -> str:
    """Return the brief as one HTML document with every asset inline: `events` are counted,
    mapped and charted; `listed` (those and the background the reports recall) are tabled;
    `stats.left_out` says how many events a coder rejected were left out."""
    environment = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))
    with tempfile.TemporaryDirectory() as folder:
        chart = Path(folder) / "charts.svg"
        plot_stats(stats, events, chart)
        chart_svg = chart.read_text(encoding="utf-8").split("?>", 1)[-1]
    outlets = {o for items in sources.values() for _, _, o in items}
    context: dict[str, Any] = {
        "period": period,
        "scope": scope,
        "paper": paper,
        "version": version,
        "made": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "reports": len({r.id for items in sources.values() for _, r, _ in items}),
        "total": stats.total,
        "countries": len({e.country for e in events}),
        "outlets": len(outlets),
        "killed": sum(e.killed or 0 for e in events),
        "claimed": sum(1 for e in events if e.claimed_by),
        "tops": [
            ("place", stats.by["place"][:10]),
            ("attacker", stats.by["attacker"][:10]),
            ("weapon", stats.by["weapon"][:10]),
        ],
        "coverage": coverage_rows(stats.coverage),
        "events": [
            _row(
                e,
                [
                    {"outlet": o, "evidence": r.text[slice(*m.evidence_spans[0])], "url": _web_link(r.url)}
                    for m, r, o in sources.get(e.id, [])
                ],
            )
            for e in listed
        ],
        "background_left_out": sum(1 for e in listed if e.background) - sum(1 for e in events if e.background),
        "rejected_left_out": stats.left_out.get("rejected", 0),
        "points": [
            {
                "lat": e.lat,
                "lon": e.lon,
                "sources": e.sources,
                "date": e.date or e.date_earliest,
                "place": e.place_canonical,
                "colour": colour_of(e.country),
            }
            for e in events
            if e.lat is not None
        ],
        "chart_svg": chart_svg,
        "world": _asset("vendor/world-atlas/countries-50m.json"),
        "leaflet_css": _asset("vendor/leaflet/leaflet.css"),
        "leaflet_js": _asset("vendor/leaflet/leaflet.js"),
        "topojson_js": _asset("vendor/topojson/topojson-client.min.js"),
        "brief_js": _asset("brief.js"),
    }
    return environment.get_template("brief.html").render(**context)


def print_pdf(html: Path, pdf: Path) -> None:
    """Print an HTML file to PDF with headless Chromium (Debian's chromium), on the paper
    its CSS asks for and without the browser's header and footer (date, file path)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise UsageError("--pdf needs Chromium (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile:
        command = [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            "--virtual-time-budget=5000",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.resolve().as_uri(),
        ]
        subprocess.run(command, check=True, capture_output=True, timeout=120)


def _row(event: Event, listed: list[dict[str, str | None]]) -> dict[str, Any]:
    return {
        "date": event.date, "date_earliest": event.date_earliest, "date_latest": event.date_latest,
        "place_canonical": event.place_canonical, "admin1": event.admin1, "country": event.country,
        "attacker": event.attacker, "target": event.target, "weapons": list(event.weapons), "claim": event.claim,
        "sources_list": listed, "background": event.background, "id": event.id,
    }  # fmt: skip


def _web_link(url: str | None) -> str | None:
    """A report's address when it is a web link; a javascript: or data: address is none."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def _asset(name: str) -> str:
    text = STATIC.joinpath(name).read_text(encoding="utf-8")
    # Inline assets must not close their <script> early.
    return text.replace("</script", "<\\/script")


__all__ = ["print_pdf", "render_brief"]
