"""Dating undated reports from the corpus: the dated attacks at the same site."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from sitrep.corpus import DatedAttack, Reference
from sitrep.records import Mention


def _mention(lat: float, lon: float, report_id: str = "undated") -> Mention:
    return Mention(
        doc="x.txt",
        report_id=report_id,
        id="m1",
        trigger="struck",
        evidence="",
        evidence_spans=(),
        date="2023-11-08",
        country="SY",
        lat=lat,
        lon=lon,
    )


def test_the_same_site_is_found_across_grid_cells_and_farther_sites_are_not() -> None:
    # 36.0 N lies on a cell border: 9 km north and 9 km east are in other cells.
    here = (35.99, 40.49)
    attacks = [
        DatedAttack("north", "SY", 36.07, 40.49, date(2023, 11, 8)),
        DatedAttack("east", "SY", 35.99, 40.59, date(2023, 11, 8)),
        DatedAttack("far", "SY", 35.99, 40.65, date(2023, 11, 8)),
        DatedAttack("other-country", "IQ", 35.99, 40.49, date(2023, 11, 8)),
        DatedAttack("undated", "SY", 35.99, 40.49, date(2023, 11, 8)),
    ]
    reference = Reference(attacks)
    assert sorted(a.report_id for a in reference.near(_mention(*here))) == ["east", "north"]
    assert (reference.first, reference.last) == (date(2023, 11, 8), date(2023, 11, 8))


def test_stored_attacks_are_read_only_when_needed() -> None:
    def stored() -> Iterator[DatedAttack]:
        raise AssertionError("read without need")
        yield  # a generator: the body runs on first use

    reference = Reference(stored())
    reference.add([_mention(33.5, 38.6, "dated")])
    with pytest.raises(AssertionError, match="read without need"):
        reference.near(_mention(33.5, 38.6))
