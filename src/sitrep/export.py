"""Export events for other tools: ACLED-shaped CSV, GeoJSON, Parquet and JSON Lines.

ACLED CSV (columns in ACLED's order) maps sitrep's fields as follows:

    event_id_cnty     ISO 3166 alpha-3 of the country + a number from the event id (stable)
    event_date, year  the event's day (its earliest day when only a window is known)
    time_precision    1 the day is known, 2 a window of up to a week, 3 wider
    disorder_type     "Political violence"
    event_type, sub_event_type   sitrep's ACLED classification of the weapons
    actor1, assoc_actor_1        attacker; other claimants (ACLED's names where data/actors.yaml
                                 gives them as `acled_name`, for the days of its term, e.g.
                                 "Military Forces of Israel (2022-)" from 29 December 2022)
    inter1, inter2, interaction  ACLED interaction codes from data/actors.yaml (armed groups: 3);
                                 inter2 0 when there is no actor2, interaction then inter1 * 10
    actor2                       target, when it is a party (not an airport or a ship), named so
    civilian_targeting           "Civilian targeting" when the target is civilians
    iso, region, country         ISO 3166 numeric code; "Middle East" for its countries, else empty;
                                 the country's short name as reports and ACLED write it ("Syria")
    admin1, location, latitude, longitude, geo_precision   the event's place
    admin2                       the second-level area of the event's town where GeoNames names
                                 one (data/geonames.tsv.gz), else empty
    admin3                       empty (sitrep does not resolve it)
    source                       the outlets that report it, "; "-separated (a bare file names none)
    source_scale                 the outlets' reach relative to the event's country, from
                                 data/outlets.yaml (sitrep.outlets): "National-International";
                                 "Other" for an outlet it does not list
    notes                        who attacked whom where with what, and the claim; the coders'
                                 notes; then the first report's sentence that tells it and the
                                 reports' web addresses
    fatalities                   killed (0 when no report gives a number)
    tags                         "claimed" / "confirmed" / "reported" / "denied"
    timestamp                    the last day a report told it, as Unix time

With `columns="acled+sitrep"` (`--columns acled+sitrep`) sitrep's own columns follow:
sitrep_event_id, sitrep_date_earliest and sitrep_date_latest (the window the reports allow),
sitrep_date_precision, sitrep_evidence (every source's sentences, " | "-separated),
sitrep_urls, sitrep_review (the review state) and sitrep_edited (the fields a coder edited).

The export holds the events in the review states asked for (`status`): by default every
event but those a coder rejected. A coder's notes on an event are in `notes`, after its
summary ("Coder: ...").

GeoJSON: a FeatureCollection of Point features [longitude, latitude]; each feature's
properties are the event's fields (records.Event) except lat and lon, and `evidence`: for
each source, its mention key, outlet, URL, title, publication day and the sentences that
tell the attack (`text`, the report's own words).

Parquet: DIR/events.parquet, DIR/mentions.parquet, DIR/figures.parquet and DIR/reports.parquet,
one typed column per field of records.Event, Mention, Figure and Report: days (date,
date_earliest, date_latest, first_seen, last_seen, since, as_of) are dates, lists (weapons,
mention_keys, evidence_spans) are lists, counts and coordinates numbers; mappings (spans,
breakdown, edited) are JSON text. Figures are every figure of the exported window, those of
reports that told no event included; reports are every report an exported row comes from.

JSON Lines: one event per line with its fields and "mentions": the mentions that make it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pycountry

from sitrep.extras import require_pyarrow
from sitrep.fuse import named_outlet
from sitrep.knowledge import Knowledge
from sitrep.outlets import source_scale
from sitrep.records import Event, Figure, Mention, Report, stored_fields, to_dict

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
_ARMED_GROUP_INTER = 3
# ACLED's inter code of an actor2 that is not there: a one-sided event ("sole ... action").
_NO_ACTOR_INTER = 0
# ACLED's region of the countries it files under "Middle East"; elsewhere sitrep leaves the
# region empty rather than guess it.
_MIDDLE_EAST = "Middle East"
_MIDDLE_EAST_COUNTRIES = frozenset(
    {"BH", "CY", "IL", "IQ", "IR", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR", "AE", "YE"}
)
_CIVILIANS_INTER = 7
_STATE_FORCES_INTER = 1
_EXTERNAL_FORCES_INTER = 8


# `--columns acled+sitrep`: sitrep's own columns after ACLED's.
SITREP_COLUMNS = (
    "sitrep_event_id", "sitrep_date_earliest", "sitrep_date_latest", "sitrep_date_precision",
    "sitrep_evidence", "sitrep_urls", "sitrep_review", "sitrep_edited",
)  # fmt: skip
ACLED_COLUMN_SETS = {"acled": ACLED_COLUMNS, "acled+sitrep": ACLED_COLUMNS + SITREP_COLUMNS}

# One source of an event: a mention, its report and the report's outlet (fuse.outlet).
Source = tuple[Mention, Report, str]


def acled_rows(
    events: Iterable[Event],
    kb: Knowledge,
    sources: dict[str, list[Source]],
    notes: dict[str, list[str]] | None = None,
) -> list[dict[str, Any]]:
    """Return events as rows with ACLED's columns and sitrep's (see the module docstring);
    `notes` are the coders' notes by event id."""
    return [_acled_row(e, kb, sources.get(e.id, []), (notes or {}).get(e.id, [])) for e in events]


def write_acled_csv(rows: Sequence[dict[str, Any]], out: io.TextIOBase | Any, columns: str = "acled") -> None:
    """Write ACLED rows as CSV with a header, columns in ACLED's order (then sitrep's, for
    "acled+sitrep")."""
    write_csv(rows, ACLED_COLUMN_SETS[columns], out)


# A spreadsheet reads a cell that starts with one of these as a formula (OWASP: CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str], out: io.TextIOBase | Any) -> None:
    """Write rows as CSV with a header: report text that would start a formula is neutralised
    with a leading quote, rows end with CRLF and a cell with a line break is quoted (RFC 4180)."""
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _neutral(value) for key, value in row.items()})


def _neutral(value: Any) -> Any:
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_STARTS) else value


def geojson(events: Iterable[Event], sources: dict[str, list[Source]]) -> dict[str, Any]:
    """Return events as a GeoJSON FeatureCollection of points, each with the evidence of
    every source: its outlet, URL and the sentences that tell the attack."""
    features = []
    for event in events:
        if event.lat is None or event.lon is None:
            continue
        properties = {k: v for k, v in to_dict(event).items() if k not in ("lat", "lon")}
        properties["evidence"] = [_evidence(*source) for source in sources.get(event.id, [])]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [event.lon, event.lat]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _evidence(mention: Mention, report: Report, outlet: str) -> dict[str, Any]:
    return {
        "mention": f"{mention.report_id}:{mention.id}",
        "outlet": outlet,
        "url": report.url,
        "title": report.title,
        "published": report.published,
        "text": [report.text[start:end] for start, end in mention.evidence_spans],
    }


def write_parquet(
    folder: Path,
    events: Sequence[Event],
    mentions: Sequence[Mention],
    figures: Sequence[Figure],
    reports: Sequence[Report],
) -> list[Path]:
    """Write events, mentions, figures and reports as four Parquet files in a folder; return their paths."""
    require_pyarrow("a Parquet export")
    import pyarrow.parquet as pq  # pyarrow loads only for a Parquet export, not at every start

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, kind, records in (
        ("events", Event, events),
        ("mentions", Mention, mentions),
        ("figures", Figure, figures),
        ("reports", Report, reports),
    ):
        path = folder / f"{name}.parquet"
        pq.write_table(parquet_table(kind, records), path)
        written.append(path)
    return written


# Fields that always hold one ISO day: Parquet date columns.
DAY_FIELDS = frozenset({"date", "date_earliest", "date_latest", "first_seen", "last_seen", "since", "as_of"})


def parquet_table(kind: type, records: Sequence[Any]) -> Any:
    """A pyarrow Table with one typed column per field of the record: days as dates, tuples as
    lists, numbers as numbers; mappings (spans, breakdown) as JSON text."""
    import pyarrow as pa

    fields = stored_fields(kind)
    types = {f.name: _arrow_type(f.name, str(f.type)) for f in fields}
    columns: dict[str, list[Any]] = {f.name: [] for f in fields}
    for record in records:
        for key, value in to_dict(record).items():
            columns[key].append(_arrow_value(types[key], value))
    return pa.table({name: pa.array(values, type=types[name]) for name, values in columns.items()})


def _arrow_type(name: str, annotation: str) -> Any:
    # The records' annotations are text (postponed evaluation); their few shapes are read here.
    import pyarrow as pa

    offsets = pa.list_(pa.int64())
    if name in DAY_FIELDS:
        return pa.date32()
    shape = annotation.removesuffix(" | None")
    if shape == "tuple[Offsets, ...]":
        return pa.list_(offsets)
    if shape.startswith("tuple["):
        return pa.list_(pa.string())
    return {"Offsets": offsets, "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}.get(shape, pa.string())


def _arrow_value(kind: Any, value: Any) -> Any:
    import pyarrow as pa

    if value is None:
        return None
    if kind == pa.date32():
        return date.fromisoformat(value)
    if kind == pa.string() and not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return value


def event_lines(events: Iterable[Event], mentions_of: dict[str, list[Mention]]) -> Iterable[str]:
    """Yield one JSON line per event, with the mentions that make it."""
    for event in events:
        yield json.dumps(
            {**to_dict(event), "mentions": [to_dict(m) for m in mentions_of.get(event.id, [])]}, ensure_ascii=False
        )


def _acled_row(event: Event, kb: Knowledge, sources: list[Source], coder: list[str]) -> dict[str, Any]:
    # ACLED's source names outlets; a file name is none (counting sources, fusion still uses it).
    outlets = sorted({name for _, report, _ in sources if (name := named_outlet(report))})
    evidence = [m.evidence for m, _, _ in sources]
    urls = sorted({r.url for _, r, _ in sources if r.url and r.url.startswith(("http://", "https://"))})
    country = pycountry.countries.get(alpha_2=event.country or "") if event.country else None
    day = event.date or event.date_earliest or ""
    # A target that is no party (an airport, a ship) is no actor2: ACLED leaves it empty.
    party = event.target if event.target and _is_party(event.target, kb) else None
    inter1, inter2 = _inter(event.attacker, kb, event.country), _inter(party, kb, event.country)
    claimants = [c for c in event.claimed_by if c != event.attacker]
    return {
        "event_id_cnty": f"{country.alpha_3 if country else 'XXX'}{int(event.id[3:11], 16) % 10**8}",
        "event_date": day,
        "year": day[:4],
        "time_precision": _time_precision(event),
        "disorder_type": "Political violence",
        "event_type": event.event_type or "",
        "sub_event_type": event.sub_event_type or "",
        "actor1": _acled_name(event.attacker, kb, day) if event.attacker else "Unidentified Armed Group",
        "assoc_actor_1": "; ".join(_acled_name(c, kb, day) for c in claimants),
        "inter1": inter1,
        "actor2": _acled_name(party, kb, day) if party else "",
        "assoc_actor_2": "",
        "inter2": inter2 if party else _NO_ACTOR_INTER,
        "interaction": int(f"{min(inter1, inter2)}{max(inter1, inter2)}") if party else inter1 * 10,
        "civilian_targeting": "Civilian targeting" if event.target == "civilians" else "",
        "iso": int(country.numeric) if country else "",
        "region": _region(event.country or ""),
        "country": kb.countries.get(event.country or "", "") if event.country else "",
        "admin1": event.admin1 or "",
        "admin2": _admin2(event, kb),
        "admin3": "",
        "location": event.place_canonical or "",
        "latitude": event.lat,
        "longitude": event.lon,
        "geo_precision": event.geo_precision,
        "source": "; ".join(outlets),
        "source_scale": source_scale(outlets, event.country, _region),
        "notes": _notes(event, evidence[:1], urls, coder),
        "fatalities": event.killed or 0,
        "tags": event.claim,
        "timestamp": _unix(event.last_seen or day),
        "sitrep_event_id": event.id,
        "sitrep_date_earliest": event.date_earliest or "",
        "sitrep_date_latest": event.date_latest or "",
        "sitrep_date_precision": event.date_precision or "",
        "sitrep_evidence": " | ".join(evidence),
        "sitrep_urls": "; ".join(urls),
        "sitrep_review": event.review,
        "sitrep_edited": "; ".join(event.edited),
    }


def _admin2(event: Event, kb: Knowledge) -> str:
    """The second-level area of the event's town, where GeoNames names one; none for an
    event known only to a province (geo_precision 3), coded at the province's main town."""
    place = kb.places.get(event.place_id or "")
    return (place.admin2 or "") if place is not None and event.geo_precision in (1, 2) else ""


def _region(country: str) -> str:
    return _MIDDLE_EAST if country in _MIDDLE_EAST_COUNTRIES else ""


def _acled_name(actor: str, kb: Knowledge, day: str) -> str:
    """ACLED's name for an actor on the event's day where the actors data gives it
    (`acled_name`, within `acled_from`..`acled_until`), else sitrep's."""
    known = kb.actors.get(actor)
    if known is None or not known.acled_name:
        return actor
    if (known.acled_from and day < known.acled_from) or (known.acled_until and day > known.acled_until):
        return actor
    return known.acled_name


def _is_party(target: str, kb: Knowledge) -> bool:
    known = kb.actors.get(target)
    return known is None or known.kind != "target_kind" or target == "civilians"


def _inter(actor: str | None, kb: Knowledge, country: str | None) -> int:
    if actor is not None and actor not in kb.actors and actor in kb.state_names:
        # a state the report names by its forces: ACLED's state forces at home, external abroad
        home = next(code for code, name in kb.countries.items() if name == actor)
        return _STATE_FORCES_INTER if home == country else _EXTERNAL_FORCES_INTER
    if actor is None or actor not in kb.actors:
        return _ARMED_GROUP_INTER
    known = kb.actors[actor]
    if known.acled_inter is not None:
        return known.acled_inter
    return _CIVILIANS_INTER if known.kind == "target_kind" and actor == "civilians" else _ARMED_GROUP_INTER


def _time_precision(event: Event) -> int:
    if event.date_earliest == event.date_latest:
        return 1
    width = (datetime.fromisoformat(event.date_latest or "") - datetime.fromisoformat(event.date_earliest or "")).days
    return 2 if width <= 7 else 3


def _notes(event: Event, evidence: list[str], urls: list[str], coder: list[str]) -> str:
    """Who attacked whom where with what, and the claim; the coders' notes; then the
    report's sentence and its web addresses."""
    weapons = " and ".join(event.weapons) if event.weapons else "unnamed weapons"
    attacker = event.attacker or "an unidentified armed group"
    target = f" {event.target}" if event.target else ""
    casualties = f" {event.killed} killed." if event.killed else ""
    day = event.date or event.date_earliest
    noted = f" Coder: {' / '.join(coder)}." if coder else ""
    said = "".join(f" Report: “{sentence}”" for sentence in evidence)
    where = f" Sources: {'; '.join(urls)}" if urls else ""
    return (
        f"On {day}, {attacker} attacked{target} at {event.place_canonical} with {weapons} ({event.claim})."
        f"{casualties}{noted}{said}{where}"
    )


def _unix(day: str) -> int:
    return int(datetime.fromisoformat(day[:10]).replace(tzinfo=UTC).timestamp()) if day else 0
