"""The coder stays in charge: decisions on fused events, applied every time a block is fused.

A coder accepts or rejects an event, edits its fields, merges two events, splits a mention
out of one, or leaves a note. Each decision is a Decision row of an append-only log, stored
against mention keys ("report_id:m1"), which do not change when reports are ingested again
or others are added. Fusion reads the decisions of a block (`Decisions`) and:

- keeps a split mention apart from every other (`apart`, in fuse.cluster_block);
- joins the groups a merge names (`joined`);
- gives each event the review state and edits of the decisions that hold most of its
  mentions (`reviewed`): "changed" when reports joined it after it was accepted or rejected.

Figures are reviewed the same way, against their keys ("report_id:f2"), in the log's
"figures" block (`FIGURES_BLOCK`): accepted, rejected (left out of every tally), edited
(`parse_figure_edit`: subject, metric, value) or noted (`reviewed_figure`).

Editable fields and how a coder writes them (`parse_edit`):
    date=2024-01-28 or date=2024-01-27..2024-01-28    place=<gazetteer name or id> or place=33.5,38.6
    attacker=<name>  target=<name>  weapons=drone,rocket  claim=claimed  killed=3  injured=0
    background=true
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sitrep.errors import UsageError
from sitrep.fuse import mention_key
from sitrep.knowledge import Knowledge
from sitrep.records import CLAIMS, WEAPONS, Decision, Event, Figure, Mention, Place
from sitrep.resolve.weapon import event_types

EDITABLE = ("date", "place", "attacker", "target", "weapons", "claim", "killed", "injured", "background")
STATES = ("unreviewed", "accepted", "rejected", "changed")
# What an export holds unless told otherwise: every event but those a coder rejected.
EXPORTED_STATES = ("unreviewed", "accepted", "changed")
FIGURE_EDITABLE = ("subject", "metric", "value")
# The log's block for decisions on figures: no fusion block has this name.
FIGURES_BLOCK = "figures"
_STATE_OF = {"accept": "accepted", "reject": "rejected"}


@dataclass(frozen=True, slots=True)
class Decisions:
    """The decisions of one fusion block, in the order they were made."""

    log: tuple[Decision, ...] = ()

    @property
    def apart(self) -> frozenset[str]:
        """Mention keys a split set apart: each is an event of its own unless merged again."""
        return frozenset(d.other for d in self.log if d.action == "split" and d.other)

    def joined(self, groups: list[list[Mention]]) -> list[list[Mention]]:
        """The groups, with those a merge names joined into one (in the order of their first)."""
        merges = [(d.key, d.other) for d in self.log if d.action == "merge" and d.other]
        if not merges:
            return groups
        parent = list(range(len(groups)))
        where = {mention_key(m): n for n, group in enumerate(groups) for m in group}

        def root(n: int) -> int:
            while parent[n] != n:
                n = parent[n]
            return n

        for a, b in merges:
            if a in where and b in where:
                low, high = sorted((root(where[a]), root(where[b])))
                parent[high] = low
        joined: dict[int, list[Mention]] = defaultdict(list)
        for n, group in enumerate(groups):
            joined[root(n)].extend(group)
        return [joined[n] for n in sorted(joined)]

    def reviewed(self, events: list[Event]) -> list[Event]:
        """Each event with the state and edits of the decisions that belong to it."""
        owners = _owners(self.log, events)
        return [_with_decisions(event, [d for d in self.log if owners.get(id(d)) == event.id]) for event in events]


def _owners(log: Iterable[Decision], events: list[Event]) -> dict[int, str]:
    """Which event each decision belongs to: the one that holds most of the mentions it was
    made on (a split leaves the decision with the larger part), ties to the one holding its key."""
    by_key = {key: event for event in events for key in event.mention_keys}
    owners = {}
    for decision in log:
        overlap: dict[str, int] = defaultdict(int)
        for key in decision.keys:
            if key in by_key:
                overlap[by_key[key].id] += 1
        if not overlap:
            continue
        lead = by_key[decision.key].id if decision.key in by_key else None
        owners[id(decision)] = max(overlap, key=lambda event_id: (overlap[event_id], event_id == lead))
    return owners


def _with_decisions(event: Event, decisions: list[Decision]) -> Event:
    edited: dict[str, dict[str, Any]] = {}
    state = "unreviewed"
    for decision in decisions:
        if decision.action == "edit" and decision.field and decision.value is not None:
            edited[decision.field] = json.loads(decision.value)
        elif decision.action in _STATE_OF:
            state = _STATE_OF[decision.action]
            if set(event.mention_keys) - set(decision.keys):
                state = "changed"
    values: dict[str, Any] = {k: v for fields in edited.values() for k, v in fields.items()}
    if "weapons" in values:
        values["weapons"] = tuple(values["weapons"])
    return replace(event, **values, review=state, edited=tuple(sorted(edited)))


def retyped(values: dict[str, Any], kb: Knowledge) -> dict[str, Any]:
    """A weapons edit with the ACLED event types its weapons give (a coder who turns a
    "drone" into a "rocket" turns an air strike into shelling)."""
    if "weapons" not in values:
        return values
    event_type, sub_event_type = event_types(tuple(values["weapons"]), kb)
    return {**values, "event_type": event_type, "sub_event_type": sub_event_type}


def parse_edit(field: str, text: str, place_named: Callable[[str], Place | None]) -> dict[str, Any]:
    """The event fields a coder's `field=text` sets, or a UsageError naming what is accepted."""
    if field not in EDITABLE:
        raise UsageError(f"cannot edit {field!r}; editable: {', '.join(EDITABLE)}")
    value = text.strip()
    if field == "date":
        return _date_fields(value)
    if field == "place":
        return _place_fields(value, place_named)
    if field in ("attacker", "target"):
        return {field: value or None}
    if field == "weapons":
        weapons = sorted({w.strip() for w in value.split(",") if w.strip()})
        unknown = [w for w in weapons if w not in WEAPONS]
        if unknown:
            raise UsageError(f"unknown weapon {unknown[0]!r}; choose from {', '.join(WEAPONS)}")
        return {"weapons": weapons}
    if field == "claim":
        if value not in CLAIMS:
            raise UsageError(f"claim must be one of {', '.join(CLAIMS)}")
        return {"claim": value}
    if field == "background":
        if value.lower() not in ("true", "false"):
            raise UsageError("background must be true or false")
        return {"background": value.lower() == "true"}
    if not value.isdigit():
        raise UsageError(f"{field} must be a whole number")
    return {field: int(value)}


def _date_fields(value: str) -> dict[str, Any]:
    first, _, last = value.partition("..")
    try:
        earliest, latest = date.fromisoformat(first), date.fromisoformat(last or first)
    except ValueError as exc:
        raise UsageError(f"date {value!r} is not YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD") from exc
    if latest < earliest or (latest - earliest).days >= 7:
        raise UsageError(f"date window {value!r} must run forwards and be under a week")
    return {
        "date": earliest.isoformat() if earliest == latest else None,
        "date_earliest": earliest.isoformat(),
        "date_latest": latest.isoformat(),
        "date_precision": "day" if earliest == latest else "window",
    }


def _place_fields(value: str, place_named: Callable[[str], Place | None]) -> dict[str, Any]:
    point = _point(value)
    if point is not None:
        lat, lon = point
        fields = {"place": value, "place_id": None, "place_canonical": value, "admin1": None}
        return {**fields, "lat": lat, "lon": lon, "geo_precision": 1}
    place = place_named(value)
    if place is None:
        raise UsageError(f"no gazetteer place {value!r} (give its name, its id, or lat,lon)")
    return {
        "place": place.name,
        "place_id": place.id,
        "place_canonical": place.name,
        "admin1": place.admin1,
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
        "geo_precision": 3 if place.kind == "province" else 1,
    }


def _point(value: str) -> tuple[float, float] | None:
    parts = value.split(",")
    if len(parts) != 2:
        return None
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise UsageError(f"place {value!r}: latitude must lie in -90..90 and longitude in -180..180")
    return lat, lon


def reviewed_figure(figure: Figure, decisions: Iterable[Decision]) -> Figure:
    """A figure with its coder's decisions (oldest first) applied: its review state, and
    its edited fields with what the coder set."""
    state, edited = figure.review, set(figure.edited)
    values: dict[str, Any] = {}
    for decision in decisions:
        if decision.action in _STATE_OF:
            state = _STATE_OF[decision.action]
        elif decision.action == "edit" and decision.field and decision.value is not None:
            values.update(json.loads(decision.value))
            edited.add(decision.field)
    return replace(figure, **values, review=state, edited=tuple(sorted(edited)))


def parse_states(text: str) -> tuple[str, ...]:
    """The review states a coder lists ("accepted", "accepted,unreviewed" or "all"), or a
    UsageError naming what is accepted."""
    if text.strip() == "all":
        return STATES
    named = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [state for state in named if state not in STATES]
    if unknown or not named:
        raise UsageError(
            f"unknown review state {', '.join(unknown) or repr(text)}; choose from {', '.join(STATES)} or all"
        )
    return named


def parse_figure_edit(field: str, text: str) -> dict[str, Any]:
    """The figure fields a coder's `field=text` sets, or a UsageError naming what is accepted."""
    if field not in FIGURE_EDITABLE:
        raise UsageError(f"cannot edit a figure's {field!r}; editable: {', '.join(FIGURE_EDITABLE)}")
    value = text.strip()
    if field == "value":
        try:
            return {"value": float(value)}
        except ValueError:
            raise UsageError(f"value must be a number: {value!r}") from None
    if not value:
        raise UsageError(f"a figure's {field} cannot be empty")
    return {field: value}
