"""Schema operations that find a half-done earlier attempt and finish it, or refuse it.

Migrations run in one transaction now (models/migrate.py): a failure leaves the file as it was.
Program versions up to 0.2.0 committed each DDL statement on its own, so a file killed during
their migration may hold part of a revision's objects without its version stamp. Each guard
skips an object that exists in exactly the shape the revision creates, and refuses (naming the
object) one that exists in another shape, which no migration of ours can have left.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from models.errors import DatabaseUnreadable


class SchemaMismatch(DatabaseUnreadable):
    """An object of the schema exists in a shape no migration of this program makes."""

    def __init__(self, what_zh: str, what_en: str) -> None:
        super().__init__(f"数据库结构异常：{what_zh}", f"unexpected database structure: {what_en}")


def _columns(table: str) -> list[str]:
    return [c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)]


def _tables() -> set[str]:
    return set(sa.inspect(op.get_bind()).get_table_names())


def _require_columns(table: str, expected: list[str]) -> None:
    found = _columns(table)
    if found != expected:
        raise SchemaMismatch(
            f"表 {table} 已存在，但其列为 {', '.join(found)}，应为 {', '.join(expected)}",
            f"table {table} exists with columns {found}, expected {expected}",
        )


def create_table(name: str, *elements: Any) -> None:
    if name in _tables():
        _require_columns(name, [e.name for e in elements if isinstance(e, sa.Column)])
        return
    op.create_table(name, *elements)


def create_index(name: str, table: str, columns: list[str]) -> None:
    existing = {i["name"]: i for i in sa.inspect(op.get_bind()).get_indexes(table)}
    if name in existing:
        if existing[name]["column_names"] != columns:
            raise SchemaMismatch(
                f"索引 {name} 已存在，但建在 {existing[name]['column_names']} 上，应为 {columns}",
                f"index {name} exists on {existing[name]['column_names']}, expected {columns}",
            )
        return
    op.create_index(name, table, columns)


def add_column(table: str, column: sa.Column[Any]) -> None:
    if column.name in _columns(table):
        return
    with op.batch_alter_table(table) as batch:
        batch.add_column(column)
