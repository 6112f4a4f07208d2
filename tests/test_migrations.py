"""Upgrading a database made by the first schema keeps every row, on both backends."""

from __future__ import annotations

import json

from sqlalchemy import create_engine, text

import sitrep
from sitrep.store import connect, database_url, migrate

from .conftest import count_rows

REPORT = {
    "id": "r" * 64,
    "doc": "old.txt",
    "published": "2023-10-18",
    "published_basis": "dateline",
    "text": "Drones struck Harir.",
    "ingested_at": "2023-10-19T00:00:00+00:00",
}
MENTION = {
    "report_id": "r" * 64, "id": "m1", "doc": "old.txt", "trigger": "struck", "evidence": "Drones struck Harir.",
    "evidence_spans": json.dumps([[0, 20]]), "date": "2023-10-18", "date_earliest": "2023-10-18", "date_latest": "2023-10-18",
    "date_precision": "day", "place": "Harir", "place_id": "iq-harir", "place_canonical": "Harir Air Base", "admin1": "Erbil",
    "country": "IQ", "lat": 36.54, "lon": 44.35, "geo_precision": 1, "attacker": None, "target": "US forces",
    "weapons": json.dumps(["drone"]), "strikes": None, "claim": "reported", "claimed_by": None, "intercepted": None,
    "killed": None, "injured": None, "background": False, "event_type": "Explosions/Remote violence",
    "sub_event_type": "Air/drone strike", "confidence": 0.8, "spans": json.dumps({}), "inferred": json.dumps({}),
}  # fmt: skip


def test_a_database_of_the_first_schema_upgrades_and_keeps_every_row(db: str) -> None:
    engine = create_engine(database_url(db))
    migrate(engine, source=db, revision="0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO reports (id, doc, published, published_basis, text, ingested_at) VALUES (:id, :doc, :published, :published_basis, :text, :ingested_at)"
            ),
            REPORT,
        )
        columns = ", ".join(MENTION)
        conn.execute(text(f"INSERT INTO mentions ({columns}) VALUES ({', '.join(':' + k for k in MENTION)})"), MENTION)
    engine.dispose()
    connect(db).dispose()  # upgrades to the newest schema
    assert (count_rows(db, "reports"), count_rows(db, "mentions")) == (1, 1)
    (event,) = sitrep.events(db)  # the old mention is fused into an event
    assert (event.place_canonical, event.date, event.mention_keys) == (
        "Harir Air Base",
        "2023-10-18",
        (f"{'r' * 64}:m1",),
    )
