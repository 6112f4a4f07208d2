"""Fused events: mentions get their fusion block; events, their links and dirty blocks.

Existing mentions get their block computed here, and every block is marked dirty, so the
next command fuses the events of a database made by the first schema. No row is lost.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sitrep.fuse import block_of
from sitrep.records import Mention

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.add_column("mentions", sa.Column("block", sa.Text))
    op.create_index("mentions_block", "mentions", ["block"])
    op.create_table("dirty_blocks", sa.Column("block", sa.Text, primary_key=True))
    op.create_table(
        "events",
        sa.Column("id", sa.String(24), primary_key=True),
        sa.Column("block", sa.Text, nullable=False),
        sa.Column("date", sa.String(10)),
        sa.Column("date_earliest", sa.String(10)),
        sa.Column("date_latest", sa.String(10)),
        sa.Column("date_precision", sa.String(10)),
        sa.Column("place", sa.Text),
        sa.Column("place_id", sa.String(64)),
        sa.Column("place_canonical", sa.Text),
        sa.Column("admin1", sa.Text),
        sa.Column("country", sa.String(2)),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("geo_precision", sa.Integer),
        sa.Column("attacker", sa.Text),
        sa.Column("target", sa.Text),
        sa.Column("weapons", sa.JSON, nullable=False),
        sa.Column("strikes", sa.Integer),
        sa.Column("killed", sa.Integer),
        sa.Column("killed_source", sa.Text),
        sa.Column("injured", sa.Integer),
        sa.Column("injured_source", sa.Text),
        sa.Column("claim", sa.String(16), nullable=False),
        sa.Column("claimed_by", sa.JSON, nullable=False),
        sa.Column("confirmed_by", sa.JSON, nullable=False),
        sa.Column("denied_by", sa.JSON, nullable=False),
        sa.Column("background", sa.Boolean, nullable=False),
        sa.Column("event_type", sa.Text),
        sa.Column("sub_event_type", sa.Text),
        sa.Column("sources", sa.Integer, nullable=False),
        sa.Column("reports", sa.Integer, nullable=False),
        sa.Column("first_seen", sa.String(10)),
        sa.Column("last_seen", sa.String(10)),
        sa.Column("mention_keys", sa.JSON, nullable=False),
    )
    op.create_index("events_block", "events", ["block"])
    op.create_index("events_country_date", "events", ["country", "date"])
    op.create_table(
        "event_mentions",
        sa.Column("report_id", sa.String(64), primary_key=True),
        sa.Column("mention_id", sa.String(16), primary_key=True),
        sa.Column("event_id", sa.String(24), nullable=False),
    )
    op.create_index("event_mentions_event", "event_mentions", ["event_id"])
    _backfill_blocks()


def _backfill_blocks() -> None:
    connection = op.get_bind()
    mentions = sa.table(
        "mentions",
        sa.column("report_id"),
        sa.column("id"),
        sa.column("country"),
        sa.column("admin1"),
        sa.column("lat"),
        sa.column("lon"),
        sa.column("block"),
    )
    blocks = set()
    rows = connection.execute(
        sa.select(
            mentions.c.report_id, mentions.c.id, mentions.c.country, mentions.c.admin1, mentions.c.lat, mentions.c.lon
        )
    ).all()
    for report_id, mention_id, country, admin1, lat, lon in rows:
        if not country:
            continue
        stand_in = Mention(
            doc="",
            report_id=report_id,
            id=mention_id,
            trigger="",
            evidence="",
            evidence_spans=(),
            country=country,
            admin1=admin1,
            lat=lat,
            lon=lon,
        )
        block = block_of(stand_in)
        blocks.add(block)
        connection.execute(
            mentions.update().where(mentions.c.report_id == report_id, mentions.c.id == mention_id).values(block=block)
        )
    if blocks:
        dirty = sa.table("dirty_blocks", sa.column("block"))
        connection.execute(dirty.insert(), [{"block": b} for b in sorted(blocks)])


def downgrade() -> None:
    for table in ("event_mentions", "events", "dirty_blocks"):
        op.drop_table(table)
    op.drop_index("mentions_block", "mentions")
    op.drop_column("mentions", "block")
