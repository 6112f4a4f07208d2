"""The database tables, defined once for SQLite and PostgreSQL.

They are the head of the migrations in store/migrations/versions: change one here and
add a migration there in the same commit.
"""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

reports = Table(
    "reports",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("doc", Text, nullable=False),
    Column("source", Text),
    Column("url", Text),
    Column("title", Text),
    Column("published", String(40)),
    Column("published_basis", Text, nullable=False),
    Column("published_earliest", String(10)),
    Column("published_latest", String(10)),
    Column("text", Text, nullable=False),
    Column("ingested_at", String(40), nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("report_id", String(64), ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(16), primary_key=True),
    Column("doc", Text, nullable=False),
    Column("trigger", Text, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("evidence_spans", JSON, nullable=False),
    Column("date", String(10)),
    Column("date_earliest", String(10)),
    Column("date_latest", String(10)),
    Column("date_precision", String(10)),
    Column("place", Text),
    Column("place_id", String(64)),
    Column("place_canonical", Text),
    Column("admin1", Text),
    Column("country", String(2)),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", Integer),
    Column("attacker", Text),
    Column("target", Text),
    Column("weapons", JSON, nullable=False),
    Column("strikes", Integer),
    Column("claim", String(16), nullable=False),
    Column("claimed_by", Text),
    Column("intercepted", Boolean),
    Column("killed", Integer),
    Column("injured", Integer),
    Column("background", Boolean, nullable=False),
    Column("event_type", Text),
    Column("sub_event_type", Text),
    Column("confidence", Float, nullable=False),
    Column("spans", JSON, nullable=False),
    Column("inferred", JSON, nullable=False),
    Column("block", Text),
)
Index("mentions_country_date", mentions.c.country, mentions.c.date)
Index("mentions_place", mentions.c.place_id)
Index("mentions_block", mentions.c.block)

# A block whose mentions changed and whose events must be fused again; written in the
# same transaction as the report, cleared in the same transaction as the new events.
dirty_blocks = Table(
    "dirty_blocks",
    metadata,
    Column("block", Text, primary_key=True),
)

events = Table(
    "events",
    metadata,
    Column("id", String(24), primary_key=True),
    Column("block", Text, nullable=False),
    Column("date", String(10)),
    Column("date_earliest", String(10)),
    Column("date_latest", String(10)),
    Column("date_precision", String(10)),
    Column("place", Text),
    Column("place_id", String(64)),
    Column("place_canonical", Text),
    Column("admin1", Text),
    Column("country", String(2)),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", Integer),
    Column("attacker", Text),
    Column("target", Text),
    Column("weapons", JSON, nullable=False),
    Column("strikes", Integer),
    Column("killed", Integer),
    Column("killed_source", Text),
    Column("injured", Integer),
    Column("injured_source", Text),
    Column("claim", String(16), nullable=False),
    Column("claimed_by", JSON, nullable=False),
    Column("confirmed_by", JSON, nullable=False),
    Column("denied_by", JSON, nullable=False),
    Column("background", Boolean, nullable=False),
    Column("event_type", Text),
    Column("sub_event_type", Text),
    Column("sources", Integer, nullable=False),
    Column("reports", Integer, nullable=False),
    Column("first_seen", String(10)),
    Column("last_seen", String(10)),
    Column("mention_keys", JSON, nullable=False),
    Column("review", String(12), nullable=False, server_default="unreviewed"),
    Column("edited", JSON, nullable=False, server_default="[]"),
)
Index("events_block", events.c.block)
Index("events_country_date", events.c.country, events.c.date)
Index("events_date", events.c.date_earliest, events.c.id)

event_mentions = Table(
    "event_mentions",
    metadata,
    Column("report_id", String(64), primary_key=True),
    Column("mention_id", String(16), primary_key=True),
    Column("event_id", String(24), nullable=False),
)
Index("event_mentions_event", event_mentions.c.event_id)

# Attacks a report tells whose day is known only to a week or more: kept with the reason,
# for a coder to give a day (which stores the attack as a mention of its report).
unresolved = Table(
    "unresolved",
    metadata,
    Column("key", Text, primary_key=True),
    Column("report_id", String(64), ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    Column("reason", Text, nullable=False),
    Column("time_precision", Integer, nullable=False),
    Column("mention", JSON, nullable=False),
    Column("resolved_as", Text),
)

figures = Table(
    "figures",
    metadata,
    Column("report_id", String(64), ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("doc", Text, nullable=False),
    Column("metric", String(32), nullable=False),
    Column("value", Float, nullable=False),
    Column("qualifier", String(16), nullable=False),
    Column("subject", Text),
    Column("breakdown", JSON),
    Column("since", String(10)),
    Column("as_of", String(10)),
    Column("source", Text),
    Column("evidence", Text, nullable=False),
    Column("span", JSON, nullable=False),
)
Index("figures_metric", figures.c.metric)

decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", String(8), nullable=False),
    Column("key", Text, nullable=False),
    Column("keys", JSON, nullable=False),
    Column("block", Text, nullable=False),
    Column("reviewer", Text, nullable=False),
    Column("at", String(32), nullable=False),
    Column("other", Text),
    Column("field", String(32)),
    Column("value", Text),
    Column("old_value", Text),
    Column("note", Text),
)
Index("decisions_block", decisions.c.block)
