"""The reach of news outlets (data/outlets.yaml), for the ACLED CSV's `source_scale`.

ACLED codes a source by its reach relative to the event's country: International (a wire,
or an outlet of a country outside the event's region), Regional (an outlet of another
country of the region), National (of the event's country), Subnational (of one region of
it), New media (a channel or blog); a source it cannot place is Other. An event told by
several outlets joins their scales, narrowest first: "National-International".

>>> source_scale(["Shafaq News", "Arab News (Reuters)"], "IQ", lambda c: "Middle East")
'National-International'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

# ACLED's order of the scales in a combined value.
SCALES = ("New media", "Other", "Subnational", "National", "Regional", "International")


@dataclass(frozen=True, slots=True)
class Outlet:
    """An outlet of data/outlets.yaml: where it is based and how far it reaches."""

    name: str
    pattern: re.Pattern[str]
    country: str | None = None
    international: bool = False
    subnational: bool = False
    new_media: bool = False

    def scale(self, event_country: str | None, region: Callable[[str], str]) -> str:
        """This outlet's scale for an event in `event_country`."""
        if self.new_media:
            return "New media"
        if self.international or self.country is None:
            return "International"
        if self.country == event_country:
            return "Subnational" if self.subnational else "National"
        same_region = event_country and region(self.country) and region(self.country) == region(event_country)
        return "Regional" if same_region else "International"


@functools.cache
def known_outlets() -> tuple[Outlet, ...]:
    """Every outlet of data/outlets.yaml."""
    text = resources.files("sitrep").joinpath("data", "outlets.yaml").read_text(encoding="utf-8")
    return tuple(_outlet(entry) for entry in yaml.safe_load(text))


def _outlet(entry: dict[str, Any]) -> Outlet:
    names = [str(n) for n in entry.get("aliases") or [entry["name"]]]
    words = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return Outlet(
        name=str(entry["name"]),
        pattern=re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.IGNORECASE),
        country=str(entry["country"]) if entry.get("country") else None,
        international=bool(entry.get("international")),
        subnational=bool(entry.get("subnational")),
        new_media=bool(entry.get("new_media")),
    )


def credited(source: str) -> list[Outlet]:
    """The known outlets a report's source names. An outlet it credits in parentheses is the
    source, and the one that carried its story is not: "Arab News (Reuters)" is Reuters."""
    named = [outlet for outlet in known_outlets() if outlet.pattern.search(source)]
    inside = "".join(_PARENTHESES.findall(source))
    wires = [outlet for outlet in named if outlet.pattern.search(inside)]
    return wires or named


_PARENTHESES = re.compile(r"\(([^)]*)\)")


def source_scale(sources: Iterable[str], event_country: str | None, region: Callable[[str], str]) -> str:
    """ACLED's source_scale of an event told by these sources; `region` gives a country's
    ACLED region ("" where unknown)."""
    scales: set[str] = set()
    for source in sources:
        outlets = credited(source)
        if not outlets:
            scales.add("Other")
        scales.update(outlet.scale(event_country, region) for outlet in outlets)
    return "-".join(s for s in SCALES if s in scales) or "Other"
