"""The sitrep command line: parse options, call the API function of the same name, print."""

from __future__ import annotations

import io
import json
import logging
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from sitrep import __version__, api
from sitrep.analyze import coverage_rows, series_rows
from sitrep.errors import InputError, NotFoundError, SitrepError, UsageError
from sitrep.explain import explain_mention, explain_trace
from sitrep.export import write_csv
from sitrep.extract import SentenceTrace
from sitrep.read import MAX_REPORT_BYTES, report_files
from sitrep.read.web import is_url
from sitrep.records import Event, Extraction, Figure, Report, Unresolved, is_figure_key, to_dict, window_text
from sitrep.review import EXPORTED_STATES

app = typer.Typer(
    help="sitrep: turn news reports about attacks into a trustworthy event database.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


DbOption = Annotated[
    str | None, typer.Option("--db", help="SQLite file or postgresql:// URL (default: $SITREP_DB, else ./sitrep.db)")
]
PathsArgument = Annotated[
    list[str], typer.Argument(help="Report files, folders (read recursively) or - for standard input.")
]
SourcesArgument = Annotated[
    list[str] | None,
    typer.Argument(
        help="Report files, folders (read recursively), web addresses (a page or a feed) or - for standard input."
    ),
]
UrlsOption = Annotated[
    Path | None, typer.Option("--urls", help="A file of web addresses to fetch, one per line (# comments).")
]
PublishedOption = Annotated[
    str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD) for reports that give none.")
]
GazetteerOption = Annotated[
    Path | None, typer.Option("--gazetteer", help="CSV of extra places (columns as data/facilities.csv).")
]
ActorsOption = Annotated[Path | None, typer.Option("--actors", help="YAML of extra actors (as data/actors.yaml).")]

MaxBytesOption = Annotated[
    int, typer.Option("--max-bytes", min=1, help="Refuse a report file larger than this many bytes.")
]
CountryOption = Annotated[str | None, typer.Option(help="ISO country code, e.g. SY.")]
SinceOption = Annotated[str | None, typer.Option(help="First day, YYYY-MM-DD.")]
UntilOption = Annotated[str | None, typer.Option(help="Last day, YYYY-MM-DD.")]
AttackerOption = Annotated[str | None, typer.Option(help="Attacker name or part of it.")]
WeaponOption = Annotated[str | None, typer.Option(help="Weapon: drone, rocket, missile, airstrike, ...")]
BackgroundOption = Annotated[
    bool,
    typer.Option(
        "--with-background",
        help="Also count the attacks reports only recall as background (left out of counts by default).",
    ),
]
RejectedOption = Annotated[
    bool,
    typer.Option("--with-rejected", help="Also count the events a coder rejected (left out by default)."),
]

EVENT_COLUMNS = (
    "id",
    "date",
    "country",
    "admin1",
    "place_canonical",
    "attacker",
    "target",
    "weapons",
    "claim",
    "background",
    "sources",
    "review",
)
FIGURE_COLUMNS = (
    "key", "review", "metric", "subject", "countries", "as_of", "value", "qualifier", "since", "source", "doc"
)  # fmt: skip
COVERAGE_COLUMNS = ("as_of", "quoted", "qualifier", "since", "countries", "sitrep_events", "ratio", "source")
MENTION_COLUMNS = ("date", "country", "admin1", "place_canonical", "attacker", "target", "weapons", "claim", "doc")


def _left_out_line(left_out: dict[str, int]) -> str:
    """ "; left out: 1 rejected (--with-rejected), 2 background (--with-background)", or nothing."""
    parts = [f"{n} {reason} (--with-{reason})" for reason, n in left_out.items() if n]
    return f"; left out: {', '.join(parts)}" if parts else ""


def _print_version(wanted: bool) -> None:
    if wanted:
        out.print(f"sitrep {__version__}", markup=False)
        raise typer.Exit()


@app.callback()
def _setup(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show warnings and progress details.")] = False,
    version: Annotated[
        bool, typer.Option("--version", help="Show the version and exit.", callback=_print_version, is_eager=True)
    ] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(message)s",
        handlers=[RichHandler(console=err, show_time=False, show_path=False)],
    )


@app.command()
def ingest(
    paths: SourcesArgument = None,
    db: DbOption = None,
    published: PublishedOption = None,
    gazetteer: GazetteerOption = None,
    actors: ActorsOption = None,
    max_bytes: MaxBytesOption = MAX_REPORT_BYTES,
    urls: UrlsOption = None,
) -> None:
    """Read reports, extract their attacks and figures, and store them.

    Example: sitrep ingest reports/ feeds.xml https://example.com/news/2024/01/28/story --db campaign.db
    """
    with _errors():
        paths = _sources(paths, urls)
        total = sum(1 for _ in report_files(p for p in paths if not is_url(p))) + sum(map(is_url, paths))
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        ) as bar:
            task = bar.add_task("ingesting", total=total)
            summary = api.ingest(
                paths,
                db=db,
                published=_date(published, "--published"),
                gazetteer=gazetteer,
                actors=actors,
                on_report=lambda item: _advance(bar, task, item),
                max_bytes=max_bytes,
                urls=urls,
            )
        out.print(
            f"read {summary.reports_read} reports: stored {summary.reports_stored} "
            f"({summary.reports_already_stored} already stored), {summary.mentions} attack mentions, "
            f"{summary.figures} figures; {len(summary.failures)} failed; {summary.events} events in the blocks fused"
        )
        if summary.failures:
            raise typer.Exit(1)


@app.command()
def extract(
    paths: SourcesArgument = None,
    fmt: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="jsonl: what tools/score.py reads.")
    ] = ExtractFormat.jsonl,
    published: PublishedOption = None,
    fuse: Annotated[
        bool, typer.Option("--fuse", help="Fuse mentions across reports; each line gets its event_id.")
    ] = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show each attack's words highlighted, its fields beside them.")
    ] = False,
    gazetteer: GazetteerOption = None,
    actors: ActorsOption = None,
    max_bytes: MaxBytesOption = MAX_REPORT_BYTES,
    urls: UrlsOption = None,
) -> None:
    """Extract attacks and figures without a database.

    Example: sitrep extract reports/*.txt --format jsonl > predictions.jsonl
    """
    failed = False
    with _errors():
        paths = _sources(paths, urls)
        extractions = []
        day = _date(published, "--published")
        found = api.extract(paths, published=day, gazetteer=gazetteer, actors=actors, max_bytes=max_bytes, urls=urls)
        for item in found:
            if isinstance(item, InputError):
                err.print(f"error: {item}", markup=False)
                failed = True
            elif explain:
                _explain(item, api.trace(item, gazetteer=gazetteer, actors=actors))
            elif fuse:
                extractions.append(item)
            else:
                _print_item(item, fmt, None)
        if fuse:
            ids = api.event_ids(api.fuse(extractions, gazetteer=gazetteer, actors=actors))
            for item in extractions:
                _print_item(item, fmt, ids)
    if failed:
        raise typer.Exit(1)


def _explain(item: Extraction, traces: list[SentenceTrace]) -> None:
    report = item.report
    _print_heading(report)
    if not item.mentions:
        out.print("  no attack stated")
    for mention in item.mentions:
        out.print(explain_mention(mention, report.text))
    out.print(explain_trace(traces, report.text))


def _print_heading(report: Report) -> None:
    """The report's name and how its publication day is known (report text: no markup)."""
    basis = escape(report.published_basis or "")
    out.print(f"[bold]{escape(report.doc)}[/bold]  published {report.published or 'unknown'} ({basis})")


def _print_item(item: Extraction, fmt: ExtractFormat, ids: dict[str, str] | None) -> None:
    if fmt is ExtractFormat.jsonl:
        for line in api.jsonl(api.prediction_lines(item, ids)):
            sys.stdout.write(line + "\n")
    else:
        _print_extraction(item)


@app.command()
def events(
    db: DbOption = None,
    country: CountryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    attacker: AttackerOption = None,
    weapon: WeaponOption = None,
    min_sources: Annotated[int | None, typer.Option(help="Only events told by at least this many outlets.")] = None,
    search: Annotated[
        str | None,
        typer.Option(help="Text in the place, province, attacker, target or a report's sentence; or an event id."),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """List attacks: one row per real attack, however many reports tell it.

    Example: sitrep events --country SY --since 2023-12-01 --format csv
    """
    with _errors():
        rows = api.events(
            db,
            country=country,
            since=_date(since, "--since"),
            until=_date(until, "--until"),
            attacker=attacker,
            weapon=weapon,
            min_sources=min_sources,
            search=search,
        )
        _print_rows([to_dict(e) for e in rows], EVENT_COLUMNS, fmt, title=f"{len(rows)} attacks")


class AcledColumns(StrEnum):
    acled = "acled"
    acled_sitrep = "acled+sitrep"


class ExportFormat(StrEnum):
    acled_csv = "acled-csv"
    geojson = "geojson"
    parquet = "parquet"
    jsonl = "jsonl"


@app.command()
def export(
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="acled-csv, geojson, parquet (a folder) or jsonl.")
    ],
    out: Annotated[
        Path | None, typer.Option("-o", "--output", help="File (folder for parquet); standard output if omitted.")
    ] = None,
    db: DbOption = None,
    country: CountryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    attacker: AttackerOption = None,
    weapon: WeaponOption = None,
    columns: Annotated[
        AcledColumns,
        typer.Option(
            "--columns", help="acled (ACLED's 31 columns) or acled+sitrep (then event id, window, evidence, URLs)."
        ),
    ] = AcledColumns.acled,
    status: Annotated[
        str,
        typer.Option(
            "--status",
            help="Review states to export, comma-separated (unreviewed, accepted, rejected, changed) or all.",
        ),
    ] = ",".join(EXPORTED_STATES),
) -> None:
    """Export events as ACLED-shaped CSV, GeoJSON, Parquet (events, mentions, figures) or JSON Lines.

    Every event but those a coder rejected, unless --status says which.

    Example: sitrep export --format acled-csv --country IQ --status accepted -o iraq.csv
    """
    with _errors():
        result = api.export(
            fmt.value, out, db=db, country=country, since=_date(since, "--since"), until=_date(until, "--until"),
            attacker=attacker, weapon=weapon, columns=columns.value, status=status,
        )  # fmt: skip
        if isinstance(result, list):
            err.print(f"wrote {', '.join(str(p) for p in result)}")
        elif out is not None:
            try:
                out.write_text(result, encoding="utf-8")
            except OSError as exc:
                raise UsageError(f"cannot write {out}: {exc.strerror}") from exc
            err.print(f"wrote {out}")
        else:
            sys.stdout.write(result)


@app.command()
def event(
    event_id: Annotated[str, typer.Argument(help="An event id, as `sitrep events` lists them.")],
    db: DbOption = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """Show one attack with every report that tells it: outlet, date, evidence.

    Example: sitrep event ev-3f2a9c1d4e5b
    """
    with _errors():
        detail = api.event(event_id, db)
    if fmt in (Format.json, Format.jsonl):
        body = {**to_dict(detail.event), "mentions": [{**to_dict(m), "report": to_dict(r)} for m, r in detail.mentions]}
        sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=1 if fmt is Format.json else None) + "\n")
        return
    e = detail.event
    when = e.date or f"{e.date_earliest}..{e.date_latest}"
    place = escape(f"{e.place_canonical} ({e.admin1 or ''}, {e.country})")
    out.print(f"[bold]{e.id}[/bold]  {when}  {place}")
    weapons = ", ".join(e.weapons) or "not named"
    out.print(f"attacker {e.attacker or 'unknown'} -> target {e.target or 'unknown'}; weapons {weapons}", markup=False)
    claimants = ", ".join(e.claimed_by) or "no one"
    out.print(f"claim {e.claim}; claimed by {claimants}; {e.sources} outlets, {e.reports} reports", markup=False)
    edited = f"; edited by a coder: {', '.join(e.edited)} (sitrep review log {e.id})" if e.edited else ""
    out.print(f"review {e.review}{edited}", markup=False)
    for mention, report in detail.mentions:
        outlet = report.source or report.doc
        told = f"{mention.report_id}:{mention.id}  published {report.published or 'unknown'}  date {mention.date}"
        told += f"  place {mention.place!r}"
        out.print(f"\n[bold]{escape(outlet)}[/bold]  {escape(told)}")
        for start, end in mention.evidence_spans:
            out.print(f"  “{report.text[start:end]}”", markup=False)


@app.command()
def figures(
    db: DbOption = None,
    metric: Annotated[str | None, typer.Option(help="attacks, strikes, killed, injured, missing, troops, ...")] = None,
    subject: Annotated[str | None, typer.Option(help="Words of the subject, e.g. 'US forces'.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """List the tallies reports quote as series by date, with their sources and contradictions.

    Example: sitrep figures --metric attacks
    """
    with _errors():
        series = api.figures(db, metric=metric, subject=subject)
    rows = series_rows(series)
    if fmt is not Format.table:
        _print_rows(rows, FIGURE_COLUMNS, fmt, title="figures")
        return
    for item in series:
        where = "+".join(item.countries) or "anywhere"
        table = Table(
            title=f"{item.metric} of {item.subject or 'unnamed subject'} in {where}: {len(item.figures)} figures"
        )
        for column in ("as_of", "value", "qualifier", "since", "source", "breakdown", "doc", "key", "review"):
            table.add_column(column, overflow="fold")
        for row in series_rows([item]):
            breakdown = ", ".join(f"{k} {v:g}" for k, v in (row["breakdown"] or {}).items())
            cells = (
                str(row["as_of"]),
                f"{row['value']:g}",
                row["qualifier"],
                str(row["since"] or ""),
                str(row["source"] or ""),
                breakdown,
                Path(str(row["doc"])).name,
                str(row["key"]),
                row["review"],
            )
            table.add_row(*map(Text, cells))
        out.print(table)
        for flag in item.flags:
            out.print(f"  [bold red]![/bold red] {escape(flag)}")


@app.command()
def stats(
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    country: CountryOption = None,
    plot: Annotated[Path | None, typer.Option("--plot", help="Write charts to this .png or .svg file.")] = None,
    with_background: BackgroundOption = False,
    with_rejected: RejectedOption = False,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """Count events by week, country, province, place, weapon, attacker and claim; set quoted tallies against them.

    Example: sitrep stats --country SY --plot campaign.png
    """
    with _errors():
        result = api.stats(
            db,
            since=_date(since, "--since"),
            until=_date(until, "--until"),
            country=country,
            plot=plot,
            with_background=with_background,
            with_rejected=with_rejected,
        )
    coverage = coverage_rows(result.coverage)
    if fmt in (Format.json, Format.jsonl):
        body = {
            "total": result.total,
            "by": result.by,
            "weekly_by_country": result.weekly_by_country,
            "coverage": coverage,
            "left_out": result.left_out,
        }
        sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=1 if fmt is Format.json else None) + "\n")
    elif fmt is Format.csv:
        rows = [{"group": name, "value": key, "events": n} for name, counts in result.by.items() for key, n in counts]
        _print_rows(rows, ("group", "value", "events"), fmt, title="stats")
    else:
        out.print(f"[bold]{result.total}[/bold] distinct events{_left_out_line(result.left_out)}")
        for name, counts in result.by.items():
            table = Table(title=f"by {name}")
            table.add_column(name)
            table.add_column("events", justify="right")
            for key, n in counts[:15]:
                table.add_row(key, str(n))
            out.print(table)
        _print_rows(coverage, COVERAGE_COLUMNS, Format.table, title="quoted tallies against sitrep's own count")
    if plot is not None:
        err.print(f"charts written to {plot}")


@app.command()
def places(
    name: Annotated[str, typer.Argument(help="A place name as a report writes it.")],
    country: Annotated[
        list[str] | None, typer.Option("--country", help="Country named beside it (settles namesakes).")
    ] = None,
    context: Annotated[
        str | None, typer.Option("--context", help="Text around the name, as a report gives it: its countries count.")
    ] = None,
    gazetteer: GazetteerOption = None,
) -> None:
    """Show what a place name resolves to, and why.

    Example: sitrep places "Ain al-Assad"   or   sitrep places Gao --context "an army camp in northern Mali"
    """
    with _errors():
        lookup = api.places(name, countries=country or (), context=context, gazetteer=gazetteer)
        bare = api.places(name, countries=country or (), gazetteer=gazetteer) if context else lookup
    if context:
        out.print(f"context names: {', '.join(lookup.context_countries) or 'no country'}", markup=False)
        if bare.chosen != lookup.chosen:
            without = f"{bare.chosen.name} ({bare.chosen.id})" if bare.chosen else f"nothing ({bare.reason})"
            out.print(f"without the context: {without}", markup=False)
    if lookup.chosen is None:
        err.print(f"error: {name}: {lookup.reason}", markup=False)
        raise typer.Exit(1)
    out.print(f"{name} -> {lookup.chosen.name} ({lookup.chosen.id}): {lookup.reason}", markup=False)
    table = Table()
    for column in ("", "id", "name", "kind", "admin1", "country", "lat", "lon", "population", "source"):
        table.add_column(column, overflow="fold")
    for place in lookup.candidates:
        mark = "*" if place.id == lookup.chosen.id else ""
        row = (
            mark,
            place.id,
            place.name,
            place.kind,
            place.admin1 or "",
            place.country,
            f"{place.lat:.4f}",
            f"{place.lon:.4f}",
        )
        table.add_row(*map(Text, (*row, str(place.population or ""), place.source)))
    out.print(table)


_LOOPBACK = ("127.0.0.1", "localhost", "::1")


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(envvar="SITREP_TOKEN", help="Allow POST /api/reports with Authorization: Bearer TOKEN."),
    ] = None,
) -> None:
    """Serve the dashboard and the JSON API (read-only unless a token is given).

    Example: sitrep serve --db campaign.db   then open http://127.0.0.1:8000/
    """
    import uvicorn

    from sitrep.web import create_app

    with _errors():
        web_app = create_app(db, token=token)
        listener = _listening_socket(host, port)
    err.print(f"dashboard on http://{host}:{port}/  (API: /api/events, schema: /openapi.json); Ctrl-C stops it")
    if host not in _LOOPBACK:
        reach = "anyone who can reach this machine can read the events"
        writes = "and, with the token, add reports and review decisions" if token else "(read-only: no token given)"
        err.print(f"warning: listening on {host}: {reach} {writes}", markup=False)
    uvicorn.Server(uvicorn.Config(web_app, log_level="warning")).run(sockets=[listener])


def _listening_socket(host: str, port: int) -> socket.socket:
    """The server's socket, bound before anything is said: a port in use is one error line."""
    try:
        listener = socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET)
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror}") from exc
    return listener


@app.command()
def brief(
    out: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")] = Path("brief.html"),
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    country: CountryOption = None,
    pdf: Annotated[Path | None, typer.Option("--pdf", help="Also print it to this PDF (headless Chromium).")] = None,
    with_background: BackgroundOption = False,
    with_rejected: RejectedOption = False,
    paper: Annotated[str, typer.Option("--paper", help="The printed page: A4 or Letter.")] = "A4",
) -> None:
    """Write a one-file situation brief: headline numbers, map, timeline, tallies, events and sources.

    Example: sitrep brief --since 2024-01-01 -o brief.html --pdf brief.pdf
    """
    with _errors():
        path = api.brief(
            out,
            db=db,
            since=_date(since, "--since"),
            until=_date(until, "--until"),
            country=country,
            pdf=pdf,
            with_background=with_background,
            with_rejected=with_rejected,
            paper=paper,
        )
    err.print(f"wrote {path}" + (f" and {pdf}" if pdf else "") + f"; open it in a browser: file://{path.resolve()}")


class Engine(StrEnum):
    local = "local"
    spark = "spark"


@app.command()
def batch(
    paths: PathsArgument,
    out_dir: Annotated[
        Path, typer.Option("--out", help="Folder for the Parquet output (reports/, mentions/, figures/).")
    ],
    engine: Annotated[Engine, typer.Option(help="local: a process pool; spark: Apache Spark.")] = Engine.local,
    jobs: Annotated[int | None, typer.Option(help="Processes for the local engine (default: one per core).")] = None,
    master: Annotated[str, typer.Option(help="Spark master, e.g. local[2] or spark://host:7077.")] = "local[2]",
) -> None:
    """Extract many reports in parallel into Parquet; `sitrep ingest FOLDER` then stores and fuses them.

    Example: sitrep batch shards/ --out extracted/ --engine spark --master local[2]
    """
    with _errors():
        summary = api.batch(paths, out_dir, engine=engine.value, jobs=jobs, master=master)
    for failure in summary.failures:
        err.print(f"error: {failure}", markup=False)
    written = f"wrote {summary.reports} reports, {summary.mentions} mentions, {summary.figures} figures to {out_dir}"
    out.print(written, markup=False)
    if summary.failures:
        raise typer.Exit(1)


@app.command("eval")
def eval_command(
    corpus: Annotated[Path, typer.Argument(help="Folder with reports (*.txt) and gold/*.json.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as one JSON object.")] = False,
    misses: Annotated[
        bool, typer.Option("--misses", help="List misses and wrong slots on stderr, each with its deciding stage.")
    ] = False,
    no_manifest: Annotated[
        bool, typer.Option("--no-manifest", help="Ignore SOURCES.tsv: dates from the reports' own text only.")
    ] = False,
    gazetteer: GazetteerOption = None,
    actors: ActorsOption = None,
) -> None:
    """Score extraction against gold annotations, with the definitions of tools/score.py.

    Example: sitrep eval ../shared/corpus/dev --misses
    """
    with _errors():
        result, missed = api.evaluate(corpus, gazetteer=gazetteer, actors=actors, manifests=not no_manifest)
    if as_json:
        sys.stdout.write(json.dumps(result) + "\n")
    else:
        _print_scores(result)
    if misses:
        for miss in missed:
            sys.stderr.write(json.dumps(miss) + "\n")


review_app = typer.Typer(
    help="Review the events: list the queue, accept, reject, edit, merge, split, note; every decision is logged.",
    no_args_is_help=True,
)
app.add_typer(review_app, name="review")
ByOption = Annotated[str | None, typer.Option("--by", help="Who decides (default: $SITREP_REVIEWER, else your login).")]
NoteOption = Annotated[str | None, typer.Option("--note", help="Why, for the log.")]
REVIEW_COLUMNS = ("id", "date", "country", "place_canonical", "attacker", "target", "weapons", "review", "edited")


@review_app.command("list")
def review_list(
    state: Annotated[
        str,
        typer.Option(help="unreviewed, accepted, rejected, changed, or unresolved (attacks with no day or place yet)."),
    ] = "unreviewed",
    db: DbOption = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """List the events in one review state ("changed": reviewed, and reports joined since), or
    the attacks the reports tell that are no event yet ("unresolved").

    Example: sitrep review list --state changed   or   sitrep review list --state unresolved
    """
    with _errors():
        if state == "unresolved":
            waiting = [_unresolved_row(u) for u in api.unresolved(db)]
            _print_rows(waiting, UNRESOLVED_COLUMNS, fmt, title=f"{len(waiting)} unresolved attacks")
            return
        rows = api.review_queue(db, state=state)
        _print_rows([to_dict(e) for e in rows], REVIEW_COLUMNS, fmt, title=f"{len(rows)} {state} events")


UNRESOLVED_COLUMNS = ("key", "reason", "window", "place", "attacker", "weapons", "evidence")


def _unresolved_row(item: Unresolved) -> dict[str, Any]:
    m = item.mention
    return {
        "key": item.key,
        "reason": item.reason,
        "window": window_text(m),
        "place": f"{m.place_canonical} ({m.country})",
        "attacker": m.attacker,
        "weapons": ", ".join(m.weapons),
        "evidence": m.evidence,
    }


@review_app.command("resolve")
def review_resolve(
    key: Annotated[str, typer.Argument(help="The key `review list --state unresolved` gives.")],
    day: Annotated[str | None, typer.Argument(help="The day of the attack, YYYY-MM-DD.")] = None,
    place: Annotated[
        str | None, typer.Option("--place", help="Where it landed: a gazetteer name or id, or lat,lon.")
    ] = None,
    db: DbOption = None,
    by: ByOption = None,
    note: NoteOption = None,
    gazetteer: GazetteerOption = None,
) -> None:
    """Give an unresolved attack its day, its place, or both: it becomes (part of) an event,
    with what you gave marked as yours.

    Example: sitrep review resolve 3f2a...:c1 2024-01-04 --note "CENTCOM release"
             sitrep review resolve 3f2a...:c2 --place "al-Shaddadi"
    """
    with _errors():
        event = api.resolve(key, day, place=place, db=db, by=by, note=note, gazetteer=gazetteer)
        _print_decided(event)


@review_app.command("accept")
def review_accept(event_id: str, db: DbOption = None, by: ByOption = None, note: NoteOption = None) -> None:
    """Mark an event (or a figure, by its key "report_id:f2") checked and right."""
    with _errors():
        if is_figure_key(event_id):
            _print_decided(api.review_figure(event_id, "accept", db=db, by=by, note=note))
            return
        _print_decided(api.accept(event_id, db=db, by=by, note=note))


@review_app.command("reject")
def review_reject(event_id: str, db: DbOption = None, by: ByOption = None, note: NoteOption = None) -> None:
    """Mark an event wrong: no such attack. It stays in the database, out of the counts of accepted events.
    A figure (by its key) rejected leaves every tally."""
    with _errors():
        if is_figure_key(event_id):
            _print_decided(api.review_figure(event_id, "reject", db=db, by=by, note=note))
            return
        _print_decided(api.reject(event_id, db=db, by=by, note=note))


@review_app.command("edit")
def review_edit(
    event_id: str,
    changes: Annotated[list[str], typer.Argument(help="field=value ...: date, place, attacker, target, ...")],
    db: DbOption = None,
    by: ByOption = None,
    note: NoteOption = None,
    gazetteer: GazetteerOption = None,
) -> None:
    """Set fields of an event (or a figure's subject, metric or value); each change is logged
    with its old value.

    Example: sitrep review edit ev-1a2b3c attacker="Kataib Hezbollah" date=2024-01-28 place=33.5,38.6
             sitrep review edit 3f2a...:f1 subject="Palestinians in Gaza"
    """
    with _errors():
        pairs = dict(_field_value(c) for c in changes)
        if is_figure_key(event_id):
            _print_decided(api.review_figure(event_id, "edit", changes=pairs, db=db, by=by, note=note))
            return
        _print_decided(api.edit(event_id, pairs, db=db, by=by, note=note, gazetteer=gazetteer))


@review_app.command("merge")
def review_merge(
    event_id: str, other_id: str, db: DbOption = None, by: ByOption = None, note: NoteOption = None
) -> None:
    """Make two events one: their reports tell the same attack."""
    with _errors():
        _print_decided(api.merge(event_id, other_id, db=db, by=by, note=note))


@review_app.command("split")
def review_split(
    event_id: str,
    mention: Annotated[str, typer.Argument(help="The mention key (report_id:m2) that `sitrep event` lists.")],
    db: DbOption = None,
    by: ByOption = None,
    note: NoteOption = None,
) -> None:
    """Take a mention out of an event into an event of its own."""
    with _errors():
        _print_decided(api.split(event_id, mention, db=db, by=by, note=note))


@review_app.command("note")
def review_note(event_id: str, text: str, db: DbOption = None, by: ByOption = None) -> None:
    """Leave a note on an event or a figure."""
    with _errors():
        if is_figure_key(event_id):
            _print_decided(api.review_figure(event_id, "note", note=text, db=db, by=by))
            return
        _print_decided(api.note(event_id, text, db=db, by=by))


@review_app.command("log")
def review_log(
    event_id: str, db: DbOption = None, fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table
) -> None:
    """Every decision made on an event or a figure, oldest first."""
    with _errors():
        log = api.figure_log(event_id, db=db) if is_figure_key(event_id) else api.review_log(event_id, db=db)
        rows = [to_dict(d) for d in log]
        columns = ("at", "reviewer", "action", "field", "old_value", "value", "other", "note")
        _print_rows(rows, columns, fmt, title=f"{len(rows)} decisions on {event_id}")


def _field_value(change: str) -> tuple[str, str]:
    name, sep, value = change.partition("=")
    if not sep or not name:
        raise UsageError(f"{change!r} is not field=value")
    return name.strip(), value


def _print_decided(record: Event | Figure) -> None:
    edited = f", edited: {', '.join(record.edited)}" if record.edited else ""
    name = record.id if isinstance(record, Event) else record.key
    out.print(f"{name}: {record.review}{edited}", markup=False)


def main() -> None:
    """Run the command line."""
    app()


@contextmanager
def _errors() -> Iterator[None]:
    """Turn a SitrepError into one line on stderr, never a traceback. The exit status is 2
    when the command itself is wrong (an option's value, an output path, a database or id
    that does not exist), as for a malformed option; 1 when a report, a data file or the
    database failed."""
    try:
        yield
    except SitrepError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2 if isinstance(exc, UsageError | NotFoundError) else 1) from exc


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option) from None


def _sources(paths: list[str] | None, urls: Path | None) -> list[str]:
    """The sources named on the command line; with none, --urls must name some."""
    if not paths and urls is None:
        raise UsageError("give report files, folders, web addresses or --urls FILE")
    return paths or []


def _advance(bar: Progress, task: Any, item: Extraction | InputError) -> None:
    """Print a failure as it happens; advance once per file (not per JSON line or feed entry)."""
    if isinstance(item, InputError):
        bar.console.print(f"error: {item}", markup=False)
        if item.line is None:
            bar.advance(task)
    elif "#" not in item.report.doc and ":" not in Path(item.report.doc).name:
        bar.advance(task)


def _flat(row: dict[str, Any], columns: tuple[str, ...]) -> dict[str, Any]:
    flat = {key: ", ".join(row[key]) if isinstance(row[key], list) else row[key] for key in columns}
    if "doc" in flat:
        flat["doc"] = Path(str(flat["doc"])).name
    return flat


def _print_rows(rows: list[dict[str, Any]], columns: tuple[str, ...], fmt: Format, *, title: str) -> None:
    """Print records as a Rich table, CSV (the given columns), JSON or JSON Lines (every field)."""
    if fmt is Format.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    elif fmt is Format.jsonl:
        for line in api.jsonl(rows):
            sys.stdout.write(line + "\n")
    elif fmt is Format.csv:
        buffer = io.StringIO()
        write_csv((_flat(row, columns) for row in rows), columns, buffer)
        sys.stdout.write(buffer.getvalue())
    else:
        table = Table(title=title, show_lines=False)
        for column in columns:
            table.add_column(column.replace("_canonical", ""), overflow="fold")
        for row in rows:
            flat = _flat(row, columns)
            table.add_row(*(Text(str(flat[c])) if flat[c] is not None else "" for c in columns))
        out.print(table)


def _print_extraction(item: Extraction) -> None:
    report = item.report
    _print_heading(report)
    title = f"{len(item.mentions)} attack mentions"
    _print_rows([to_dict(m) for m in item.mentions], MENTION_COLUMNS, Format.table, title=title)
    for figure in item.figures:
        out.print(
            f"  figure: {figure.metric} {figure.qualifier} {figure.value:g}  {figure.subject or ''}", markup=False
        )


def _print_scores(result: dict[str, Any]) -> None:
    events_, slots, figures = result["events"], result["slots"], result["figures"]
    counts = f"gold events {events_['gold']}  predicted {events_['predicted']}  matched {events_['matched']}"
    print(f"documents {result['documents']}  {counts}")
    prf = f"P {events_['precision']:.3f}  R {events_['recall']:.3f}  F1 {events_['f1']:.3f}"
    print(f"events   {prf}  recall(non-background) {events_['recall_main']}")
    print("slots    " + "  ".join(f"{k} {v}" for k, v in slots.items()))
    print(f"figures  P {figures['precision']:.3f}  R {figures['recall']:.3f}  F1 {figures['f1']:.3f}")
    if result["clusters"]:
        c = result["clusters"]
        b3 = f"P {c['b3_precision']:.3f}  R {c['b3_recall']:.3f}  F1 {c['b3_f1']:.3f}"
        print(f"clusters B3 {b3}  over {c['mentions']} matched mentions")
