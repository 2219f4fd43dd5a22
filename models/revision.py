"""What identifies this program's database, known without SQLAlchemy or Alembic (start-up time)."""

from __future__ import annotations

# ``PRAGMA application_id`` of every database this program makes ("DNZ1").
APPLICATION_ID = 0x444E5A31

# The newest revision in migrations/versions: a database already at it opens without importing
# Alembic. tests/test_storage.py holds it equal to Alembic's head; a new migration changes it.
HEAD_REVISION = "0004"
