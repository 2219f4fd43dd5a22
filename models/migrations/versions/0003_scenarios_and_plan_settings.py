"""What-if scenarios and improvement-plan settings, stored apart from the assessment (issue #16).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-20

Two new tables only (no existing table is rebuilt), created inside the migration's transaction.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scenarios",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("changes_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessments.id"], name="fk_scenarios_assessment_id_assessments", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_scenarios"),
        sa.UniqueConstraint("assessment_id", "name", name="uq_scenarios_assessment_name"),
    )
    op.create_index("ix_scenarios_assessment_id", "scenarios", ["assessment_id"])
    op.create_table(
        "plan_settings",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(16), nullable=False),
        sa.Column("costs_json", sa.Text(), nullable=False),
        sa.Column("in_filing", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessments.id"], name="fk_plan_settings_assessment_id_assessments", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("assessment_id", name="pk_plan_settings"),
    )


def downgrade() -> None:
    op.drop_table("plan_settings")
    op.drop_index("ix_scenarios_assessment_id", "scenarios")
    op.drop_table("scenarios")
