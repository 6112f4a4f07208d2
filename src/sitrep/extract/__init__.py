"""Extract what a report states: its attack mentions and its figures, each with spans.

`extract_report` is a pure function of one report and the read-only Knowledge, so it
runs the same in one process, in a process pool or inside a Spark task. `redate` gives an
extraction the publication day found later (by the corpus, a manifest) by arithmetic on
what each mention's time phrases say, without reading the text again.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from sitrep.document import Document, prepare_document
from sitrep.extract.anchors import NEWS_DAY_NOTE, PUBLISHED_NOTE, date_note, is_background, window_fields
from sitrep.extract.figures import extract_figures, figure_days
from sitrep.extract.mentions import extract_statements, latest_attack_day, merged
from sitrep.extract.merge import merge_mentions
from sitrep.extract.story_claims import settle_claims
from sitrep.extract.trace import SentenceTrace, trace_document
from sitrep.knowledge import Knowledge
from sitrep.records import (
    MAX_WINDOW_DAYS,
    UNDATED_REASON,
    Extraction,
    Figure,
    Mention,
    Report,
    Story,
    Undated,
    coarse_reason,
    figure_key,
    is_coarse,
)
from sitrep.resolve.time import DateWindow, Published, TimeReading, infer_published, read_window

__all__ = ["SentenceTrace", "extract_or_probe", "extract_report", "redate", "redated_attacks", "trace_report"]

# A report's statements of attacks and the claims it tells apart (extract_statements).
Statements = tuple[list[Mention], Story]

# Any day serves a probe: its attacks' days are redone for each day tried.
STAND_IN_DAY = "2000-01-03"


def extract_report(report: Report, kb: Knowledge) -> Extraction:
    """Return the report (with its publication date settled), its mentions and its figures."""
    report, doc, published, found = _settled(report, kb)
    return _extraction(report, doc, published, kb, found)


def extract_or_probe(report: Report, kb: Knowledge) -> Extraction | Undated:
    """`extract_report`, or, for a report whose publication day stays unknown, the report as
    settled and its probe: the report extracted under a stand-in day, which says where its
    attacks are and holds the time readings that re-date them under any day (`redate`).

    Corpus dating needs only the probe, so an undated report is read once; its extraction
    with no day is made only if the corpus cannot date it.
    """
    report, doc, published, found = _settled(report, kb)
    if published.day is not None:
        return _extraction(report, doc, published, kb, found)
    stand_in = replace(report, published=(report.published_earliest or STAND_IN_DAY)[:10], published_basis="trial")
    trial, basis = _published(stand_in, kb, doc)
    stand_in = _with_published(stand_in, trial, basis)
    return Undated(report, _extraction(stand_in, replace(doc, report=stand_in), trial, kb))


def _extraction(
    report: Report, doc: Document, published: Published, kb: Knowledge, extracted: Statements | None = None
) -> Extraction:
    """The extraction under `published`; `extracted`: its statements and story, when settling
    the publication day already extracted them under it."""
    found, story = extracted or extract_statements(doc, kb, published)
    statements = [m for m in found if not is_coarse(m)]
    attack_sentences = {doc.sentence_at(span[0]).index for m in statements for span in m.evidence_spans}
    figures = extract_figures(doc, kb, published, attack_sentences=attack_sentences)
    figures = [replace(f, key=figure_key(report.id, n)) for n, f in enumerate(figures, 1)]
    coarse = tuple(replace(m, id=f"c{n}") for n, m in enumerate(_coarse_attacks(found, kb), 1))
    mentions = merged(settle_claims(statements, story, published, kb), kb)
    return Extraction(report, tuple(mentions), tuple(figures), tuple(statements), coarse, story)


def _coarse_attacks(found: list[Mention], kb: Knowledge) -> list[Mention]:
    """The attacks told too coarsely for an event, in text order; those of no day at all (the
    report's own day unknown) come last, joined by place as statements of one attack: the
    day is what a coder must give, and one attack should ask for it once."""
    coarse = [m for m in found if is_coarse(m)]
    undated = [m for m in coarse if coarse_reason(m) == UNDATED_REASON]
    return [m for m in coarse if m not in undated] + merge_mentions(undated, kb)


def redate(extraction: Extraction, report: Report, kb: Knowledge) -> Extraction:
    """The extraction as if made under the publication day `report` now has: each mention's
    days and background, each figure's `since` and `as_of`, from their time readings; then
    the claims the report tells apart from its attacks, which depend on those days.

    `extraction` must come from `extract_report` under some day (its statements carry their
    readings); the day it was made under does not matter. The statements are re-dated, then
    merged again, since whether two tell one attack depends on their days. A statement whose
    reading gives no day within a week under the new day is dropped, as extraction would.
    """
    published, basis = _published(report, kb)
    report = _with_published(report, published, basis)
    statements = _redated_statements(extraction, published)
    figures = tuple(_redated_figure(f, published) for f in extraction.figures)
    coarse = tuple(_redated_coarse(m, published) for m in extraction.coarse)
    mentions = merged(settle_claims(statements, extraction.story or Story(), published, kb), kb)
    return Extraction(report, tuple(mentions), figures, tuple(statements), coarse, extraction.story)


def redated_attacks(extraction: Extraction, report: Report, kb: Knowledge) -> list[Mention]:
    """What `redate` gives as mentions, unnumbered: for trying many days quickly."""
    published, _ = _published(report, kb)
    return merge_mentions(_redated_statements(extraction, published), kb)


def _redated_statements(extraction: Extraction, published: Published) -> list[Mention]:
    redated = (_redated_mention(s, published) for s in extraction.statements)
    return [s for s in redated if s is not None]


def _redated_mention(mention: Mention, published: Published) -> Mention | None:
    if mention.reading is None:
        return mention
    window = read_window(mention.reading, published)
    if window is None or (window.latest - window.earliest).days >= MAX_WINDOW_DAYS:
        return None
    return _in_window(mention, mention.reading, window, published)


def _redated_coarse(mention: Mention, published: Published) -> Mention:
    """A coarse attack under another publication day: still coarse, whatever its window."""
    window = read_window(mention.reading, published) if mention.reading is not None else None
    if mention.reading is None or window is None:
        return mention
    return _in_window(mention, mention.reading, window, published)


def _in_window(mention: Mention, reading: TimeReading, window: DateWindow, published: Published) -> Mention:
    background = reading.history or is_background(window, published)
    inferred = mention.inferred
    if inferred.get("date") in (NEWS_DAY_NOTE, PUBLISHED_NOTE):
        inferred = {**inferred, "date": date_note(reading, published)}
    return replace(mention, **window_fields(window), background=background, inferred=inferred)


def _redated_figure(figure: Figure, published: Published) -> Figure:
    since, as_of = figure_days(figure.days, published)
    return replace(figure, since=since, as_of=as_of)


def trace_report(report: Report, kb: Knowledge) -> list[SentenceTrace]:
    """What each stage decided for each sentence of the report that has an attack word."""
    _, doc, published, _ = _settled(report, kb)
    return trace_document(doc, kb, published)


def _settled(report: Report, kb: Knowledge) -> tuple[Report, Document, Published, Statements | None]:
    """The report with its publication date settled, its Document and that date; and its
    statements when settling the date extracted them under it."""
    doc = prepare_document(report, kb)
    published, basis = _published(report, kb, doc)
    found = None
    if published.day is None:
        published, basis, found = _after_latest_attack(doc, kb, published, basis)
    report = _with_published(report, published, basis)
    return report, replace(doc, report=report), published, found


def _after_latest_attack(
    doc: Document, kb: Knowledge, published: Published, basis: str
) -> tuple[Published, str, Statements | None]:
    """A report with no day of its own is most likely from the day after the latest attack
    it dates: reports write out the date of past days ("late on November 23") and name the
    day they are written as "today".

    Not when the report's lead, the first attack it tells, is told by weekday or by the day
    it was announced and would then fall before that date. The lead is the news; a report
    that names its news by weekday and writes out the date of another attack tells an older
    one there ("officials said Sunday" of strikes that follow those "on Oct. 26"), and is
    only known to be later than it.
    """
    latest = latest_attack_day(doc, kb, published)
    if latest is None:
        return published, basis, None
    guess = replace(published, day=latest + timedelta(days=1), earliest=latest, latest=latest + timedelta(days=7))
    found = extract_statements(doc, kb, guess)
    lead = min((m for m in found[0] if not m.background), key=lambda m: m.evidence_spans[0], default=None)
    if lead is not None and _older_by_weekday(lead, guess, latest):
        earliest = max(published.earliest or latest, latest)
        basis = f"inferred from text: after {earliest.isoformat()} (an attack it dates)"
        return replace(published, earliest=earliest), basis, None
    return guess, f"inferred from text: the day after the latest attack it dates ({latest.isoformat()})", found


def _older_by_weekday(mention: Mention, published: Published, latest: date) -> bool:
    """Whether the mention's day follows from the publication day and falls before `latest`."""
    if mention.reading is None or mention.date_latest is None:
        return False
    week_later = replace(published, day=published.day + timedelta(days=7)) if published.day else published
    moves = read_window(mention.reading, week_later) != read_window(mention.reading, published)
    return moves and mention.date_latest < latest.isoformat()


def _published(report: Report, kb: Knowledge, doc: Document | None = None) -> tuple[Published, str]:
    return infer_published(
        report.text,
        kb,
        published=report.published,
        basis=report.published_basis,
        earliest=report.published_earliest,
        latest=report.published_latest,
        hits=doc.found if doc is not None else None,
        sentences=[(s.start, s.end) for s in doc.sentences] if doc is not None else None,
        phrases=doc.all_time_phrases if doc is not None else None,
    )


def _with_published(report: Report, published: Published, basis: str) -> Report:
    """The report with the publication day settled, its window and how it is known."""
    if published.day is not None and basis != report.published_basis:
        report = replace(report, published=published.day.isoformat())
    return replace(
        report,
        published_basis=basis,
        published_earliest=published.earliest.isoformat() if published.earliest else None,
        published_latest=published.latest.isoformat() if published.latest else None,
    )
