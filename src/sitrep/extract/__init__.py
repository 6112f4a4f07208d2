"""Extract what a report states: its attack mentions and its figures, each with spans.

`extract_report` is a pure function of one report and the read-only Knowledge, so it
runs the same in one process, in a process pool or inside a Spark task.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from sitrep.document import Document, prepare_document
from sitrep.extract.figures import extract_figures
from sitrep.extract.mentions import extract_mentions, latest_attack_day
from sitrep.extract.trace import SentenceTrace, trace_document
from sitrep.knowledge import Knowledge
from sitrep.records import Extraction, Report
from sitrep.resolve.time import Published, infer_published

__all__ = ["SentenceTrace", "extract_report", "trace_report"]


def extract_report(report: Report, kb: Knowledge) -> Extraction:
    """Return the report (with its publication date settled), its mentions and its figures."""
    report, doc, published = _settled(report, kb)
    mentions = extract_mentions(doc, kb, published)
    attack_sentences = {doc.sentence_at(span[0]).index for m in mentions for span in m.evidence_spans}
    figures = extract_figures(doc, kb, published, attack_sentences=attack_sentences)
    return Extraction(report, tuple(mentions), tuple(figures))


def trace_report(report: Report, kb: Knowledge) -> list[SentenceTrace]:
    """What each stage decided for each sentence of the report that has an attack word."""
    _, doc, published = _settled(report, kb)
    return trace_document(doc, kb, published)


def _settled(report: Report, kb: Knowledge) -> tuple[Report, Document, Published]:
    """The report with its publication date settled, its Document and that date."""
    published, basis = infer_published(
        report.text,
        kb,
        published=report.published,
        basis=report.published_basis,
        earliest=report.published_earliest,
        latest=report.published_latest,
    )
    doc = prepare_document(report, kb)
    if published.day is None:
        latest = latest_attack_day(doc, kb, published)
        if latest is not None:
            # Reports write out the date of past days ("late on November 23") and name the
            # day they are written as "today": the report is most likely from the day after.
            day = latest + timedelta(days=1)
            published = replace(published, day=day, earliest=latest, latest=latest + timedelta(days=7))
            basis = f"inferred from text: the day after the latest attack it dates ({latest.isoformat()})"
    if published.day is not None and basis != report.published_basis:
        report = replace(report, published=published.day.isoformat())
    report = replace(
        report,
        published_basis=basis,
        published_earliest=published.earliest.isoformat() if published.earliest else None,
        published_latest=published.latest.isoformat() if published.latest else None,
    )
    return report, replace(doc, report=report), published
