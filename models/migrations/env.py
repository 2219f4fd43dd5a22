"""Alembic environment: always run programmatically with a connection from models.migrate."""

from __future__ import annotations

from alembic import context

from models.base import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only used through models.migrate
    raise RuntimeError("run migrations through models.migrate.upgrade(), which passes a connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds tables
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
