"""Run the Alembic migrations shipped inside this package, at start-up, after a backup."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text

from .backup import take_backup
from .db import Database, translate_errors

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    cfg = Config()
    # Set in code (no alembic.ini) so a frozen build finds the bundled scripts too.
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database) -> str | None:
    """Bring the schema to head. Returns the backup taken before migrating, if any."""
    head = head_revision()
    with db.engine.connect() as conn:
        current = current_revision(conn)
        has_tables = bool(
            conn.execute(text("SELECT count(*) FROM sqlite_master WHERE type='table'")).scalar_one()
            if db.is_sqlite
            else 1
        )
    if current == head:
        return None
    backup = None
    if db.path is not None and current is not None and has_tables:
        taken = take_backup(db.path, f"pre-migration-{current}", keep=5)
        backup = str(taken) if taken else None
    with translate_errors(), db.engine.begin() as conn:
        if db.is_sqlite:
            # Batch migrations rebuild tables; foreign keys must be off meanwhile (SQLite rule).
            conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
        cfg = _config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    # PRAGMA foreign_keys cannot change inside the migration transaction; start every later
    # connection afresh so the connect listener switches foreign keys on again.
    db.engine.dispose()
    return backup
