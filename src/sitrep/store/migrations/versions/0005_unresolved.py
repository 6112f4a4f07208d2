"""The unresolved queue: attacks a report tells with no day within a week, kept with the
reason until a coder gives one (then the attack is stored as a mention, and fused). No row
of an older database is touched.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    op.create_table(
        "unresolved",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("report_id", sa.String(64), sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("time_precision", sa.Integer, nullable=False),
        sa.Column("mention", sa.JSON, nullable=False),
        sa.Column("resolved_as", sa.Text),
    )


def downgrade() -> None:
    op.drop_table("unresolved")
