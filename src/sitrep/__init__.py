"""sitrep: turn news reports about attacks into a trustworthy event database.

>>> import sitrep
>>> summary = sitrep.ingest(["samples/"], db="demo.db")  # doctest: +SKIP
>>> for attack in sitrep.events("demo.db", country="SY"):  # doctest: +SKIP
...     print(attack.date, attack.place_canonical, attack.attacker)
"""

from importlib.metadata import version as _version

from sitrep.analyze import Coverage, Series, Stats
from sitrep.api import (
    EventDetail,
    IngestSummary,
    PlaceLookup,
    accept,
    batch,
    brief,
    edit,
    evaluate,
    event,
    events,
    export,
    extract,
    figure_log,
    figures,
    fuse,
    ingest,
    merge,
    note,
    places,
    reject,
    resolve,
    review_figure,
    review_log,
    review_queue,
    split,
    stats,
    unresolved,
)
from sitrep.errors import DataFileError, InputError, NotFoundError, SitrepError, StoreError, UsageError
from sitrep.records import Actor, Decision, Event, Extraction, Figure, Mention, Place, Report, Unresolved

__version__ = _version("sitrep")

__all__ = [
    "Actor",
    "Coverage",
    "DataFileError",
    "Decision",
    "Event",
    "EventDetail",
    "Extraction",
    "Figure",
    "IngestSummary",
    "InputError",
    "Mention",
    "NotFoundError",
    "Place",
    "PlaceLookup",
    "Report",
    "Series",
    "SitrepError",
    "Stats",
    "StoreError",
    "Unresolved",
    "UsageError",
    "accept",
    "batch",
    "brief",
    "edit",
    "evaluate",
    "event",
    "events",
    "export",
    "extract",
    "figure_log",
    "figures",
    "fuse",
    "ingest",
    "merge",
    "note",
    "places",
    "reject",
    "resolve",
    "review_figure",
    "review_log",
    "review_queue",
    "split",
    "stats",
    "unresolved",
]
