"""The publication day a report's URL gives: news sites file stories under /2023/11/18/."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from urllib.parse import urlparse

from sitrep.records import Report

__all__ = ["date_from_url", "dated_by_url"]

# A year, month and day in the URL's path, as separate segments or one ("2023-11-18",
# "20231118"); the year starts with 19 or 20 so that story ids are not taken for dates.
_PATH_DATE = re.compile(
    r"(?:^|[/_-])(?P<y>(?:19|20)\d\d)(?P<sep>[/_-]?)(?P<m>[01]\d)(?P=sep)(?P<d>[0-3]\d)(?=$|[/_.-])"
)


def date_from_url(url: str | None) -> date | None:
    """The day a URL's path files the story under, if it names one."""
    if not url:
        return None
    match = _PATH_DATE.search(urlparse(url).path)
    if match is None:
        return None
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def dated_by_url(report: Report) -> Report:
    """The report with its URL's day as its publication date, when it has no other."""
    if report.published is not None:
        return report
    day = date_from_url(report.url)
    if day is None:
        return report
    return replace(report, published=day.isoformat(), published_basis="metadata: the day in its URL")
