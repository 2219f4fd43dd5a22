"""Remember the wizard page per assessment; keep the result snapshot of each export.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from models.migrations import guards

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    guards.add_column("assessments", sa.Column("resume_page", sa.String(40)))
    guards.create_table(
        "export_snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("document_json", sa.Text(), nullable=False),
        sa.Column("result_json", sa.Text(), nullable=False),
        sa.Column("files_json", sa.Text(), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name="fk_export_snapshots_assessment_id_assessments",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_export_snapshots"),
    )
    guards.create_index("ix_export_snapshots_assessment_id", "export_snapshots", ["assessment_id"])


def downgrade() -> None:
    op.drop_index("ix_export_snapshots_assessment_id", "export_snapshots")
    op.drop_table("export_snapshots")
    with op.batch_alter_table("assessments") as batch:
        batch.drop_column("resume_page")
