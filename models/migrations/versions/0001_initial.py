"""Initial schema: enterprises, assessments, answers, journal, evidence.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from models.migrations import guards

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    guards.create_table(
        "enterprises",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("uscc", sa.String(18), nullable=False),
        sa.Column("industry_code", sa.String(10)),
        sa.Column("county", sa.String(50)),
        sa.Column("address", sa.String(300)),
        sa.Column("contact", sa.String(100)),
        sa.Column("phone", sa.String(40)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_enterprises"),
        sa.UniqueConstraint("uscc", name="uq_enterprises_uscc"),
    )
    guards.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enterprise_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("criteria_id", sa.String(64), nullable=False),
        sa.Column("criteria_version", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("total", sa.Float()),
        sa.Column("grade", sa.String(16)),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["enterprise_id"], ["enterprises.id"], name="fk_assessments_enterprise_id_enterprises", ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_assessments"),
    )
    guards.create_index("ix_assessments_enterprise_id", "assessments", ["enterprise_id"])
    guards.create_index("ix_assessments_updated_at", "assessments", ["updated_at"])
    guards.create_table(
        "answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value_json", sa.Text(), nullable=False),
        sa.Column("kept_json", sa.Text()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessments.id"], name="fk_answers_assessment_id_assessments", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_answers"),
        sa.UniqueConstraint("assessment_id", "key", name="uq_answers_assessment_key"),
    )
    guards.create_table(
        "journal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("old_json", sa.Text()),
        sa.Column("new_json", sa.Text()),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessments.id"], name="fk_journal_assessment_id_assessments", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_journal"),
    )
    guards.create_index("ix_journal_assessment_id", "journal", ["assessment_id"])
    guards.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("question", sa.String(64), nullable=False),
        sa.Column("original_name", sa.String(255), nullable=False),
        sa.Column("stored_name", sa.String(255), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessments.id"], name="fk_evidence_assessment_id_assessments", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_evidence"),
        sa.UniqueConstraint("assessment_id", "question", "sha256", name="uq_evidence_once"),
    )
    guards.create_index("ix_evidence_assessment_id", "evidence", ["assessment_id"])


def downgrade() -> None:
    for table in ("evidence", "journal", "answers", "assessments", "enterprises"):
        op.drop_table(table)
