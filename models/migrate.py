"""Run the Alembic migrations shipped inside this package, at start-up, after a backup.

On SQLite the whole upgrade — every revision, every DDL statement, the version stamp — is one
transaction on a connection that has the file alone (models/exclusive.py): it completes, or the
file stays exactly as it was (a kill, a full disk, an error). The backup before it is taken once
per state of the data, so failed starts do not pile up copies and rotate the clean one away.
After the upgrade the schema is compared with the one this program expects; a file that does
not match is refused, naming the backup.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, create_engine, event, inspect, text
from sqlalchemy.pool import StaticPool

from . import desk_tables  # noqa: F401  (its tables belong to the schema checked here)
from .backup import take_backup_once
from .base import Base
from .db import Database, translate_errors
from .errors import DatabaseUnreadable, ReadOnlyDatabase
from .exclusive import exclusive_access
from .revision import HEAD_REVISION

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# PostgreSQL advisory lock held while a server database is migrated ("DNZM").
MIGRATION_LOCK_KEY = 0x444E5A4D



def _config() -> Config:
    from alembic.config import Config

    cfg = Config()
    # Set in code (no alembic.ini) so a frozen build finds the bundled scripts too.
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions()}


def current_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def schema_problems(conn: Connection) -> list[str]:
    """What differs between the file's tables, columns and indexes and what this program expects."""
    found = inspect(conn)
    tables = set(found.get_table_names())
    problems = []
    for table in Base.metadata.sorted_tables:
        if table.name not in tables:
            problems.append(f"缺少表 {table.name}")
            continue
        columns = [c["name"] for c in found.get_columns(table.name)]
        missing = [c.name for c in table.columns if c.name not in columns]
        if missing:
            problems.append(f"表 {table.name} 缺少列 {', '.join(missing)}")
        indexes = {i["name"] for i in found.get_indexes(table.name)}
        for index in table.indexes:
            if index.name not in indexes:
                problems.append(f"表 {table.name} 缺少索引 {index.name}")
    return problems


def _refuse(problems: list[str], backup: Path | None) -> DatabaseUnreadable:
    named = f"升级前的备份：{backup}。" if backup else ""
    detail = "；".join(problems[:4])
    return DatabaseUnreadable(
        f"数据库结构与本程序不一致（{detail}），无法使用。文件未被改动。{named}请从备份恢复。",
        f"the database structure does not match this program ({detail}); it was not changed. "
        f"{f'Backup before the upgrade: {backup}. ' if backup else ''}Restore a backup.",
    )


def stamped_revision(conn: Connection) -> str | None:
    """The revision in ``alembic_version``, read without Alembic; None when there is no single stamp."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    return str(rows[0][0]) if len(rows) == 1 else None


def upgrade(db: Database) -> str | None:
    """Bring the schema to head and check it. Returns the backup taken before migrating, if any.

    A database at the head revision is only checked (Alembic is not imported); any other state,
    including one this shortcut cannot read, takes Alembic's path below."""
    with translate_errors(), db.engine.connect() as conn:
        at_head = stamped_revision(conn) == HEAD_REVISION
        problems = schema_problems(conn) if at_head and db.is_sqlite else []
    if not at_head:
        return _upgrade_with_alembic(db)
    if problems:
        raise _refuse(problems, None)
    return None


def _upgrade_with_alembic(db: Database) -> str | None:
    from .migrations import guards

    head = head_revision()
    with translate_errors(), db.engine.connect() as conn:
        current = current_revision(conn)
        problems = schema_problems(conn) if current == head else []
    if current is not None and current not in known_revisions():
        raise DatabaseUnreadable(
            f"这个数据库由更新版本的程序创建（结构版本 {current}），本程序无法打开。文件未被改动；请使用新版本程序。",
            f"this database was made by a newer program version (schema {current}); use the newer program.",
        )
    if current == head:
        if problems:
            raise _refuse(problems, None)
        return None
    if db.read_only:
        raise ReadOnlyDatabase(
            "这个数据库需要先升级结构，只读方式无法打开。请关闭另一个窗口后正常打开。",
            "the database needs an upgrade, which a read-only window cannot do.",
        )
    if db.path is None:  # a server database: transactional DDL as it comes
        with translate_errors(), db.engine.begin() as conn:
            # Several programs may open a new shared database at once: one migrates, the others
            # wait here, then find it at head (alembic reads the version again under the lock).
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            _run(conn)
            problems = schema_problems(conn)
        if problems:
            raise _refuse(problems, None)
        return None
    backup = take_backup_once(db.path, f"pre-migration-{current}") if current is not None else None
    db.dispose()  # our own pooled connections would keep the file from being ours alone
    with exclusive_access(db.path, "升级数据库结构", "upgrading the database") as raw:
        # Table rebuilds need foreign keys off (an SQLite rule), which only works outside a transaction.
        raw.execute("PRAGMA foreign_keys = OFF")
        engine = create_engine("sqlite://", creator=lambda: raw, poolclass=StaticPool)
        event.listen(engine, "begin", lambda c: c.exec_driver_sql("BEGIN IMMEDIATE"))
        try:
            with translate_errors(), engine.connect() as conn, conn.begin():
                try:
                    _run(conn)
                except guards.SchemaMismatch as exc:
                    raise _refuse([exc.zh.removeprefix("数据库结构异常：")], backup) from None
                problems = schema_problems(conn)
                if problems:
                    raise _refuse(problems, backup)  # rolls the whole upgrade back
        finally:
            engine.dispose()
    return str(backup) if backup else None


def _run(conn: Connection) -> None:
    from alembic import command
    from alembic.util import CommandError

    cfg = _config()
    cfg.attributes["connection"] = conn
    try:
        command.upgrade(cfg, "head")
    except CommandError as exc:
        raise DatabaseUnreadable(
            f"数据库结构版本无法识别（{exc}）。文件未被改动。", f"unknown schema revision: {exc}"
        ) from None
