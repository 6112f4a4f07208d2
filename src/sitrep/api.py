"""sitrep's Python API: the functions the command line mirrors, one per command."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from sitrep.corpus import Reference, date_from_corpus, needs_corpus_date
from sitrep.errors import InputError, SitrepError, UsageError
from sitrep.evaluate import load_gold, score
from sitrep.extract import extract_report
from sitrep.fuse import fuse_mentions, mention_key
from sitrep.knowledge import Knowledge, load_knowledge
from sitrep.match import tokenize
from sitrep.read import read_reports
from sitrep.records import Event, Extraction, Mention, Place, Report, figure_line, from_dict, to_dict
from sitrep.resolve.place import best_place, candidates
from sitrep.store import connect, store_extraction
from sitrep.store.schema import mentions as mentions_table

PathLike = str | Path


@dataclass(slots=True)
class IngestSummary:
    """What an ingest did: reports read and stored, mentions and figures stored, failures."""

    reports_read: int = 0
    reports_stored: int = 0
    reports_already_stored: int = 0
    mentions: int = 0
    figures: int = 0
    failures: list[str] = field(default_factory=list)


def extract(
    paths: Iterable[PathLike],
    *,
    published: date | None = None,
    gazetteer: PathLike | None = None,
    actors: PathLike | None = None,
) -> Iterator[Extraction | InputError]:
    """Yield the extraction of every report under paths (no database), or the error of one that fails.

    Reports whose publication day is unknown come last, dated from the others where their
    attacks match (see sitrep.corpus).

    >>> for item in extract(["samples/"]):
    ...     print(item.report.doc, len(item.mentions))  # doctest: +SKIP
    """
    kb = _knowledge(gazetteer, actors)
    reference = Reference()
    undated = []
    for item in read_reports(paths):
        if isinstance(item, InputError):
            yield item
            continue
        extraction = extract_report(_with_published(item, published), kb)
        if needs_corpus_date(extraction):
            undated.append(extraction)
            continue
        reference.add(extraction.mentions)
        yield extraction
    # Reports with no date of their own come last: dated by the attacks the others date.
    for extraction in undated:
        yield date_from_corpus(extraction, kb, reference)


def ingest(
    paths: Iterable[PathLike],
    *,
    db: PathLike | None = None,
    published: date | None = None,
    gazetteer: PathLike | None = None,
    actors: PathLike | None = None,
    on_report: Callable[[Extraction | InputError], None] | None = None,
) -> IngestSummary:
    """Read, extract and store reports, one transaction each; return what was done."""
    engine = connect(db)
    summary = IngestSummary()
    for item in extract(paths, published=published, gazetteer=gazetteer, actors=actors):
        if isinstance(item, InputError):
            summary.failures.append(str(item))
        else:
            summary.reports_read += 1
            if store_extraction(engine, item):
                summary.reports_stored += 1
                summary.mentions += len(item.mentions)
                summary.figures += len(item.figures)
            else:
                summary.reports_already_stored += 1
        if on_report is not None:
            on_report(item)
    engine.dispose()
    return summary


def events(
    db: PathLike | None = None,
    *,
    country: str | None = None,
    since: date | None = None,
    until: date | None = None,
    attacker: str | None = None,
    weapon: str | None = None,
) -> list[Mention]:
    """Return stored attacks, filtered, in date order."""
    engine = connect(db)
    table = mentions_table
    query = select(table).order_by(table.c.date, table.c.country, table.c.place_canonical)
    if country:
        query = query.where(table.c.country == country.upper())
    if since:
        query = query.where(table.c.date >= since.isoformat())
    if until:
        query = query.where(table.c.date <= until.isoformat())
    if attacker:
        query = query.where(table.c.attacker.ilike(f"%{attacker}%"))
    with engine.connect() as conn:
        rows = [from_dict(Mention, dict(r._mapping)) for r in conn.execute(query)]
    engine.dispose()
    if weapon:
        rows = [m for m in rows if weapon.lower() in m.weapons]
    return rows


@dataclass(frozen=True, slots=True)
class PlaceLookup:
    """What a place name resolves to: the chosen entry, why, and every candidate."""

    name: str
    chosen: Place | None
    reason: str
    candidates: tuple[Place, ...]


def places(
    name: str,
    *,
    countries: Iterable[str] = (),
    gazetteer: PathLike | None = None,
) -> PlaceLookup:
    """Return what a place name resolves to, and why (namesakes settled by the given countries).

    >>> places("Rukban", countries=["SY"]).chosen.id
    'sy-rukban'
    """
    kb = _knowledge(gazetteer, None)
    tokens = tokenize(name)
    hits = [h for h in kb.index.find(tokens) if h.payload[0] == "place" and h.first == 0 and h.last == len(tokens) - 1]
    options = candidates((h.payload[1] for h in hits), kb)
    choice = best_place(options, countries={c.upper() for c in countries})
    if choice is None:
        return PlaceLookup(name, None, "no gazetteer entry has this name", ())
    ordered = sorted(options, key=lambda p: p.id != choice.place.id)
    return PlaceLookup(name, choice.place, choice.reason, tuple(ordered))


def fuse(
    extractions: Iterable[Extraction], *, gazetteer: PathLike | None = None, actors: PathLike | None = None
) -> list[Event]:
    """Return the events of extractions: one per real attack, however many reports tell it."""
    items = list(extractions)
    reports = {x.report.id: x.report for x in items}
    return fuse_mentions((m for x in items for m in x.mentions), reports, _knowledge(gazetteer, actors))


def prediction_lines(extraction: Extraction, event_ids: Mapping[str, str] | None = None) -> Iterator[dict[str, Any]]:
    """Yield the JSON Lines objects of one extraction: a line per mention (with its event_id
    when fused), then a line per figure."""
    for mention in extraction.mentions:
        line = to_dict(mention)
        if event_ids is not None:
            line["event_id"] = event_ids.get(mention_key(mention))
        yield line
    for figure in extraction.figures:
        yield figure_line(figure)


def event_ids(events: Iterable[Event]) -> dict[str, str]:
    """Return the event id of each mention key."""
    return {key: event.id for event in events for key in event.mention_keys}


def evaluate(
    corpus: PathLike,
    *,
    gazetteer: PathLike | None = None,
    actors: PathLike | None = None,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Extract CORPUS/*.txt and score it against CORPUS/gold/ (tools/score.py's definitions)."""
    folder = Path(corpus)
    if not folder.is_dir():
        raise UsageError("not a folder", source=str(folder))
    gold = load_gold(folder)
    lines: list[dict[str, Any]] = []
    for item in extract(sorted(folder.glob("*.txt")), gazetteer=gazetteer, actors=actors):
        if isinstance(item, SitrepError):
            raise item
        lines.extend(prediction_lines(item))
    return score(gold, lines)


def jsonl(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """Yield each row as one line of JSON."""
    for row in rows:
        yield json.dumps(row, ensure_ascii=False)


def _knowledge(gazetteer: PathLike | None, actors: PathLike | None) -> Knowledge:
    return load_knowledge(
        gazetteer=Path(gazetteer) if gazetteer else None,
        actors=Path(actors) if actors else None,
    )


def _with_published(report: Report, published: date | None) -> Report:
    if published is None or report.published:
        return report
    return replace(report, published=published.isoformat(), published_basis="user: --published")
