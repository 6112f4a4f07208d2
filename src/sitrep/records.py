"""The records every stage passes along, defined once (field names as in GOLD.md)."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from sitrep.resolve.time import TimePhrase, TimeReading

Offsets = tuple[int, int]
"""A character span [start, end) into a report's text."""

WEAPONS = (
    "drone",
    "rocket",
    "missile",
    "ballistic_missile",
    "cruise_missile",
    "mortar",
    "artillery",
    "airstrike",
    "explosive",
    "gunfire",
    "other",
)
# The kinds of weapon a general word covers: "the missiles" after "ballistic missiles".
WEAPON_KINDS: dict[str, tuple[str, ...]] = {"missile": ("ballistic_missile", "cruise_missile")}
CLAIMS = ("claimed", "confirmed", "reported", "denied")

log = logging.getLogger(__name__)


# The metadata of a record field that is kept in memory, never stored or exported.
_IN_MEMORY = {"stored": False}


@dataclass(frozen=True, slots=True)
class Report:
    """One news report as read from a file, feed entry or JSON line."""

    id: str
    text: str
    doc: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    published_basis: str = "unknown"
    published_earliest: str | None = None
    published_latest: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: a town, province, facility or sea area."""

    id: str
    name: str
    kind: str
    country: str
    lat: float
    lon: float
    admin1: str | None = None
    # The second-level area (county, district) where GeoNames names one: for the ACLED CSV.
    admin2: str | None = None
    population: int = 0
    source: str = ""
    aliases: tuple[str, ...] = ()
    # The party whose forces a facility hosts (facilities.csv `hosts`): fire on it is fire on them.
    hosts: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor with the names reports use for it."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    source: str = ""
    is_generic: bool = False
    default_weapon: str | None = None
    acled_inter: int | None = None
    # The actor's name in ACLED's data, where ACLED's own publications or data show it; a
    # state force's name carries the government's term ("(2021-)"), so it holds from
    # `acled_from` to `acled_until` (ISO days; either may be open).
    acled_name: str | None = None
    acled_from: str | None = None
    acled_until: str | None = None
    # The day the name first appeared in the news (a new group or brand): a report that
    # names it is written after that day.
    first_seen: date | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One attack as one report states it, with the span behind each field.

    `spans` maps a field name to the [start, end) offsets of the words that say it;
    `inferred` maps a field name to how it was inferred when no words say it. `reading`
    (in memory only, not stored) says how its days follow from the publication day, so that
    another day re-dates it without extracting the report again.
    """

    doc: str
    report_id: str
    id: str
    trigger: str
    evidence: str
    evidence_spans: tuple[Offsets, ...]
    date: str | None = None
    date_earliest: str | None = None
    date_latest: str | None = None
    date_precision: str | None = None
    place: str | None = None
    place_id: str | None = None
    place_canonical: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    attacker: str | None = None
    target: str | None = None
    weapons: tuple[str, ...] = ()
    strikes: int | None = None
    claim: str = "reported"
    claimed_by: str | None = None
    intercepted: bool | None = None
    killed: int | None = None
    injured: int | None = None
    background: bool = False
    event_type: str | None = None
    sub_event_type: str | None = None
    confidence: float = 0.5
    spans: dict[str, Offsets] = field(default_factory=dict)
    inferred: dict[str, str] = field(default_factory=dict)
    reading: TimeReading | None = field(default=None, compare=False, repr=False, metadata=_IN_MEMORY)


@dataclass(frozen=True, slots=True)
class Figure:
    """A number a report states about the conflict as a whole (a tally, a toll)."""

    doc: str
    report_id: str
    metric: str
    value: float
    evidence: str
    span: Offsets
    qualifier: str = "exact"
    subject: str | None = None
    breakdown: dict[str, float] | None = None
    since: str | None = None
    as_of: str | None = None
    source: str | None = None
    # "<report id>:f<n>", the n-th figure of its report: the key a coder's decisions name.
    key: str | None = None
    # A coder's review (unreviewed, accepted, rejected) and the fields a coder edited.
    review: str = "unreviewed"
    edited: tuple[str, ...] = ()
    # In memory only: the time phrases `since` and `as_of` are read from (the first that
    # resolves; `as_of` falls back on the publication day), for re-dating.
    days: tuple[tuple[TimePhrase, ...], tuple[TimePhrase, ...]] = field(
        default=((), ()), compare=False, repr=False, metadata=_IN_MEMORY
    )


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world attack: the mentions of every report that tells it, fused.

    `mention_keys` are "report_id:mention_id"; `sources` counts independent outlets.
    """

    id: str
    block: str
    date: str | None
    date_earliest: str | None
    date_latest: str | None
    date_precision: str | None
    place: str | None
    place_id: str | None
    place_canonical: str | None
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    attacker: str | None
    target: str | None
    weapons: tuple[str, ...]
    strikes: int | None
    killed: int | None
    killed_source: str | None
    injured: int | None
    injured_source: str | None
    claim: str
    claimed_by: tuple[str, ...]
    confirmed_by: tuple[str, ...]
    denied_by: tuple[str, ...]
    background: bool
    event_type: str | None
    sub_event_type: str | None
    sources: int
    reports: int
    first_seen: str | None
    last_seen: str | None
    mention_keys: tuple[str, ...]
    # A coder's decisions (sitrep.review): "unreviewed", "accepted", "rejected", or
    # "changed" (accepted or rejected, and reports have joined since); fields a coder edited.
    review: str = "unreviewed"
    edited: tuple[str, ...] = ()


REVIEW_ACTIONS = ("accept", "reject", "edit", "merge", "split", "note")


@dataclass(frozen=True, slots=True)
class Decision:
    """One decision of a coder, kept for ever (the review log is append-only).

    It is stored against mention keys, which extraction derives from the report's content,
    so re-fusing, re-ingesting and adding reports never undo it: `key` is the event's first
    mention key when it was decided, `keys` all of them (to tell that reports joined since);
    `block` the fusion block it was made in; `other` is the mention key a merge joins or a
    split sets apart; an edit sets `field`
    from `old_value` to `value` (JSON text).
    """

    action: str
    key: str
    keys: tuple[str, ...]
    block: str
    reviewer: str
    at: str
    other: str | None = None
    field: str | None = None
    value: str | None = None
    old_value: str | None = None
    note: str | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Story:
    """The claims a report tells apart from the attacks they claim (extract.story_claims):
    each attacker with how the days it claimed follow from the publication day (None: no
    day), the attackers whose claims the report ties to places, and whether the report is
    an official release."""

    claims: tuple[tuple[str, TimeReading | None], ...] = ()
    placed: frozenset[str] = frozenset()
    release: bool = False


@dataclass(frozen=True, slots=True)
class Extraction:
    """What one report yields: the report itself, its mentions and its figures.

    `statements` (in memory only): each statement of an attack before those telling one
    attack twice were merged into a mention, and before the claims the report tells apart
    (`story`, in memory only) were given to them: for re-dating under another publication day.
    `coarse`: the attacks told too coarsely for an event (`coarse_reason`), which a store
    queues as unresolved and a batch writes to coarse/.
    """

    report: Report
    mentions: tuple[Mention, ...]
    figures: tuple[Figure, ...]
    statements: tuple[Mention, ...] = field(default=(), compare=False, repr=False, metadata=_IN_MEMORY)
    # Not one of the stored report's fields: a store keeps them in its unresolved queue.
    coarse: tuple[Mention, ...] = field(default=(), compare=False, repr=False, metadata=_IN_MEMORY)
    story: Story | None = field(default=None, compare=False, repr=False, metadata=_IN_MEMORY)


@dataclass(frozen=True, slots=True)
class Undated:
    """A report whose publication day is unknown, waiting to be dated from the corpus: the
    report as settled (what its text tells of the day), and its probe, the extraction under
    a stand-in day whose statements carry the readings that re-date them."""

    report: Report
    probe: Extraction


Record = TypeVar("Record", Report, Mention, Figure, Place, Actor, Event, Decision)

_JSON_TUPLES = {
    "evidence_spans",
    "weapons",
    "aliases",
    "span",
    "claimed_by",
    "confirmed_by",
    "denied_by",
    "mention_keys",
    "edited",
    "keys",
}


def stored_fields(kind: type | object) -> tuple[dataclasses.Field[Any], ...]:
    """The fields of a record that are stored and exported (not those kept in memory only)."""
    return _stored_fields(kind if isinstance(kind, type) else type(kind))


# Every record written asks for its fields: they are worked out once per record type.
@functools.cache
def _stored_fields(kind: type) -> tuple[dataclasses.Field[Any], ...]:
    return tuple(f for f in dataclasses.fields(kind) if f.metadata.get("stored", True))


def to_dict(record: Report | Mention | Figure | Place | Actor | Event | Decision) -> dict[str, Any]:
    """Return a record as plain JSON-ready values (tuples become lists)."""
    out: dict[str, Any] = {}
    for item in stored_fields(record):
        value = getattr(record, item.name)
        if item.name == "evidence_spans":
            value = [list(span) for span in value]
        elif item.name == "spans":
            value = {key: list(span) for key, span in value.items()}
        elif isinstance(value, tuple):
            value = list(value)
        out[item.name] = value
    return out


def from_dict(kind: type[Record], data: dict[str, Any]) -> Record:
    """Build a record of `kind` from `to_dict` output, ignoring unknown keys."""
    names = {item.name for item in stored_fields(kind)}
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in names:
            continue
        if key == "evidence_spans":
            value = tuple((int(a), int(b)) for a, b in value)
        elif key == "spans":
            value = {name: (int(a), int(b)) for name, (a, b) in value.items()}
        elif key == "span" and isinstance(value, list):
            value = (int(value[0]), int(value[1]))
        elif key in _JSON_TUPLES and isinstance(value, list):
            value = tuple(value)
        values[key] = value
    return kind(**values)


def figure_key(report_id: str, number: int) -> str:
    """The key of a report's `number`-th figure (from 1), which a coder's decisions name."""
    return f"{report_id}:f{number}"


def is_figure_key(text: str) -> bool:
    """Whether an id a coder gives names a figure ("<report id>:f3"), not an event."""
    _, _, tail = text.rpartition(":f")
    return bool(tail) and tail.isdigit()


def figure_line(figure: Figure) -> dict[str, Any]:
    """Return a figure as one JSON Lines object in the form tools/score.py reads."""
    return {"kind": "figure", **to_dict(figure)}


# GOLD.md: an event's day must be known to within this many days.
MAX_WINDOW_DAYS = 7


def coarse_reason(mention: Mention) -> str | None:
    """Why an attack the text tells is no event of GOLD.md's: its day is known only to a week
    or more ("last week", "in early November") or not at all (a report of unknown day that
    says "on Tuesday"), or its place only to a province ("in Hasakah province"); None for an
    event. Such attacks are kept, shown and queued for a coder."""
    if mention.date_earliest is None:
        return UNDATED_REASON
    if mention.date_latest is not None and _window_days(mention) >= MAX_WINDOW_DAYS:
        return NO_DAY_REASON
    if mention.geo_precision == 3 and "place" not in mention.inferred:
        # a province that stands in for a village the gazetteer lacks says so in `inferred`
        return PROVINCE_REASON
    return None


def is_coarse(mention: Mention) -> bool:
    """An attack told too coarsely for GOLD.md's events (`coarse_reason`)."""
    return coarse_reason(mention) is not None


NO_DAY_REASON = "no day within a week"
UNDATED_REASON = "no day: the report names none and its own day is unknown"
PROVINCE_REASON = "placed only to a province"


def _window_days(mention: Mention) -> int:
    return (date.fromisoformat(str(mention.date_latest)) - date.fromisoformat(str(mention.date_earliest))).days


@dataclass(frozen=True, slots=True)
class Unresolved:
    """An attack a report tells that is no event yet (`coarse_reason`), kept with the reason
    until a coder resolves it; `resolved_as` is then its mention's key."""

    key: str
    report_id: str
    reason: str
    time_precision: int
    mention: Mention
    resolved_as: str | None = None


def window_text(mention: Mention) -> str:
    """The days a mention's text allows, as a coder reads them: "2024-01-01..2024-01-10", or "no day"."""
    if mention.date_earliest is None:
        return "no day"
    return f"{mention.date_earliest}..{mention.date_latest}"


def time_precision(mention: Mention) -> int:
    """ACLED's time_precision: 1 for a day (or GOLD.md's window of under a week), 2 for a week
    or so, 3 for a month or more, or for no day at all."""
    if mention.date_earliest is None or mention.date_latest is None:
        return 3
    days = _window_days(mention)
    if days < MAX_WINDOW_DAYS:
        return 1
    return 2 if days < 28 else 3


def coarse_line(mention: Mention) -> dict[str, Any]:
    """A coarse attack as one JSON Lines object ("kind": "coarse", which tools/score.py skips),
    with its reason, ACLED's time_precision and its geo_precision (3: a province)."""
    reason = coarse_reason(mention)
    return {"kind": "coarse", "reason": reason, "time_precision": time_precision(mention), **to_dict(mention)}


# Control characters a report's text has no use for (tab, newline and form feed stay):
# PostgreSQL refuses a NUL in text, and a terminal or spreadsheet may act on the others.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def normalise_text(text: str) -> str:
    """Return text with Unicode NFC, unified line ends, no control characters and trimmed outer space."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text, removed = _CONTROLS.subn("", text)
    if removed:
        log.warning("removed %d control characters from a report's text", removed)
    return text.strip()


def report_id(text: str) -> str:
    """Return the stable id of a report: sha256 of its text with whitespace folded."""
    folded = re.sub(r"\s+", " ", normalise_text(text))
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()
