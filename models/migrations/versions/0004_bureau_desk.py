"""The bureau desk: received filings and correction requests (issue #15).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

Two new tables only, created inside the migration's transaction; the same script runs on SQLite
(a single reviewer) and PostgreSQL (a shared desk).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "desk_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("file_name", sa.String(500), nullable=False),
        sa.Column("source_path", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("differences_json", sa.Text(), nullable=False),
        sa.Column("notes_json", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(128), nullable=False),
        sa.Column("exported_at", sa.String(64), nullable=True),
        sa.Column("program", sa.String(200), nullable=False),
        sa.Column("uscc", sa.String(40), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(200), nullable=True),
        sa.Column("county", sa.String(50), nullable=True),
        sa.Column("total", sa.Float(), nullable=True),
        sa.Column("grade", sa.String(16), nullable=True),
        sa.Column("grade_order", sa.Integer(), nullable=False),
        sa.Column("dimensions_json", sa.Text(), nullable=True),
        sa.Column("document_json", sa.Text(), nullable=True),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("previous_id", sa.Integer(), nullable=True),
        sa.Column("changes_json", sa.Text(), nullable=True),
        sa.Column("answers_request", sa.String(40), nullable=True),
        sa.Column("review_state", sa.String(16), nullable=False),
        sa.Column("review_note", sa.Text(), nullable=True),
        sa.Column("list_body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["previous_id"], ["desk_files.id"], name="fk_desk_files_previous_id_desk_files", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_desk_files"),
        sa.UniqueConstraint("sha256", name="uq_desk_files_sha256"),
    )
    op.create_index("ix_desk_files_ranking", "desk_files", ["is_current", "year", "grade_order", "total", "name"])
    op.create_index("ix_desk_files_enterprise", "desk_files", ["uscc", "year"])
    op.create_table(
        "desk_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.String(40), nullable=False),
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.Column("uscc", sa.String(40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(128), nullable=False),
        sa.Column("items_json", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["file_id"], ["desk_files.id"], name="fk_desk_requests_file_id_desk_files", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_desk_requests"),
        sa.UniqueConstraint("request_id", name="uq_desk_requests_request_id"),
    )
    op.create_index("ix_desk_requests_file_id", "desk_requests", ["file_id"])


def downgrade() -> None:
    op.drop_index("ix_desk_requests_file_id", "desk_requests")
    op.drop_table("desk_requests")
    op.drop_index("ix_desk_files_enterprise", "desk_files")
    op.drop_index("ix_desk_files_ranking", "desk_files")
    op.drop_table("desk_files")
