"""A count of the database's changes, so readers can keep what they worked out from it;
events indexed by date, the order the dashboard's table asks for first.

Every write that changes what a reader sees (a report stored, a block fused, a decision
made) adds one to meta's "changes" row; the dashboard's tallies and map points are kept
until it moves. No row is lost.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"

_META = sa.table("meta", sa.column("key", sa.String), sa.column("value", sa.Text))


def upgrade() -> None:
    op.execute(_META.delete().where(_META.c.key == "changes"))
    op.execute(_META.insert().values(key="changes", value="0"))
    op.create_index("events_date", "events", ["date_earliest", "id"])


def downgrade() -> None:
    op.drop_index("events_date", "events")
    op.execute(_META.delete().where(_META.c.key == "changes"))
