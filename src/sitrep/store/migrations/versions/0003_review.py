"""Review: the coder's decisions (an append-only log) and each event's review state.

Events get their review state and the fields a coder edited; every existing event starts
unreviewed with nothing edited. No row is lost.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.add_column("events", sa.Column("review", sa.String(12), nullable=False, server_default="unreviewed"))
    op.add_column("events", sa.Column("edited", sa.JSON, nullable=False, server_default="[]"))
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("action", sa.String(8), nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("keys", sa.JSON, nullable=False),
        sa.Column("block", sa.Text, nullable=False),
        sa.Column("reviewer", sa.Text, nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("other", sa.Text),
        sa.Column("field", sa.String(32)),
        sa.Column("value", sa.Text),
        sa.Column("old_value", sa.Text),
        sa.Column("note", sa.Text),
    )
    op.create_index("decisions_block", "decisions", ["block"])


def downgrade() -> None:
    op.drop_index("decisions_block", "decisions")
    op.drop_table("decisions")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("edited")
        batch.drop_column("review")
