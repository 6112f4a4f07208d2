"""Charts of the campaign: events per week by country, and quoted tallies against sitrep's count."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no screen: charts go to files

import matplotlib.pyplot as plt

from sitrep.analyze import Stats, cumulative_events
from sitrep.colours import colour_of
from sitrep.errors import UsageError
from sitrep.records import Event

CHART_SUFFIXES = (".png", ".svg")


def plot_stats(stats: Stats, events: Sequence[Event], path: Path) -> dict[str, Any]:
    """Draw the weekly events stacked by country and the tallies against sitrep's cumulative
    count to a PNG or SVG file; return the data drawn (for checks and captions)."""
    if path.suffix.lower() not in CHART_SUFFIXES:
        raise UsageError("the chart must be a .png or .svg file", source=str(path))
    weeks = list(stats.weekly_by_country)
    countries = sorted({c for counts in stats.weekly_by_country.values() for c in counts})
    figure, (top, bottom) = plt.subplots(2, 1, figsize=(11, 8.5), constrained_layout=True)
    bottoms = [0] * len(weeks)
    stacked = {}
    for country in countries:
        heights = [stats.weekly_by_country[w].get(country, 0) for w in weeks]
        top.bar(
            [date.fromisoformat(w) for w in weeks],
            heights,
            width=6,
            bottom=bottoms,
            label=country,
            align="edge",
            color=colour_of(country),
        )
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
        stacked[country] = heights
    top.set_title("Attacks per week, by country (distinct events)")
    top.set_xlabel("week starting")
    top.set_ylabel("events")
    top.legend(title="country", ncols=min(len(countries), 6) or 1)
    tallies = _draw_tallies(bottom, stats, events)
    for axes in (top, bottom):
        axes.tick_params(axis="x", labelrotation=30)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path)
    plt.close(figure)
    return {"weeks": weeks, "stacked": stacked, "tallies": tallies}


def _draw_tallies(axes: Any, stats: Stats, events: Sequence[Event]) -> list[dict[str, Any]]:
    drawn = []
    if stats.coverage:
        since = min(c.figure.since or "" for c in stats.coverage)
        countries = sorted({c for line in stats.coverage for c in line.countries})
        running = cumulative_events(events, since=since, countries=countries, target="US forces")
        if running:
            axes.step(
                [date.fromisoformat(d) for d, _ in running],
                [n for _, n in running],
                where="post",
                label="sitrep: distinct events documented",
            )
        days = [date.fromisoformat((c.figure.as_of or since)[:10]) for c in stats.coverage]
        values = [c.figure.value for c in stats.coverage]
        axes.scatter(days, values, marker="o", color="tab:red", zorder=3, label="tallies quoted in reports")
        for line, day in zip(stats.coverage, days, strict=True):
            figure = line.figure
            label = f"{figure.qualifier} {figure.value:g}" if figure.qualifier != "exact" else f"{figure.value:g}"
            source = (figure.source or "quoted")[:28]
            axes.annotate(
                f"{label} ({source})", (day, figure.value), fontsize=7, xytext=(4, 4), textcoords="offset points"
            )
            drawn.append({"as_of": figure.as_of, "value": figure.value, "own": line.own_count, "source": figure.source})
    axes.set_title("Quoted tallies of attacks against sitrep's own count")
    axes.set_xlabel("date")
    axes.set_ylabel("attacks since the tally's start")
    if drawn:  # with no quoted tally the panel is empty, and a legend would name nothing
        axes.legend(loc="upper left")
    return drawn
