"""The first schema: reports, their attack mentions and figures."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "meta", sa.Column("key", sa.String(64), primary_key=True), sa.Column("value", sa.Text, nullable=False)
    )
    op.create_table(
        "reports",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("doc", sa.Text, nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.String(40)),
        sa.Column("published_basis", sa.Text, nullable=False),
        sa.Column("published_earliest", sa.String(10)),
        sa.Column("published_latest", sa.String(10)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "mentions",
        sa.Column("report_id", sa.String(64), sa.ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("doc", sa.Text, nullable=False),
        sa.Column("trigger", sa.Text, nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("evidence_spans", sa.JSON, nullable=False),
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
        sa.Column("claim", sa.String(16), nullable=False),
        sa.Column("claimed_by", sa.Text),
        sa.Column("intercepted", sa.Boolean),
        sa.Column("killed", sa.Integer),
        sa.Column("injured", sa.Integer),
        sa.Column("background", sa.Boolean, nullable=False),
        sa.Column("event_type", sa.Text),
        sa.Column("sub_event_type", sa.Text),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("spans", sa.JSON, nullable=False),
        sa.Column("inferred", sa.JSON, nullable=False),
    )
    op.create_index("mentions_country_date", "mentions", ["country", "date"])
    op.create_index("mentions_place", "mentions", ["place_id"])
    op.create_table(
        "figures",
        sa.Column("report_id", sa.String(64), sa.ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("number", sa.Integer, primary_key=True),
        sa.Column("doc", sa.Text, nullable=False),
        sa.Column("metric", sa.String(32), nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("qualifier", sa.String(16), nullable=False),
        sa.Column("subject", sa.Text),
        sa.Column("breakdown", sa.JSON),
        sa.Column("since", sa.String(10)),
        sa.Column("as_of", sa.String(10)),
        sa.Column("source", sa.Text),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("span", sa.JSON, nullable=False),
    )
    op.create_index("figures_metric", "figures", ["metric"])


def downgrade() -> None:
    for table in ("figures", "mentions", "reports", "meta"):
        op.drop_table(table)
