"""The reports table as the service created it at start-up before it had migrations.

A database that already holds this table and no alembic_version is stamped with
this revision by ``orderwise db upgrade``, not created again.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "unknown_word_reports",
        sa.Column("text_key", sa.Text, primary_key=True),
        sa.Column("lang", sa.String(35), primary_key=True),
        sa.Column("host", sa.String(253), primary_key=True),
        sa.Column("page_kind", sa.String(6), primary_key=True),
        sa.Column("text", sa.String(64), nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade():
    op.drop_table("unknown_word_reports")
