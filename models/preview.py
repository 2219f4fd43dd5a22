"""The assessment list read straight from the database file, before the storage layer is loaded.

The desktop shows its list while SQLAlchemy is still being imported: a read-only ``sqlite3``
query of a file that is known to be this program's database at the schema this program expects.
Anything else — no file, another program's file, an older or newer schema, a journal left by a
crash (``-wal`` with content), any read error — gives ``None``, and the list waits for the normal
open (create, recover, migrate, check), which is also what tells the user about a problem. The
preview is never written to and never replaces that open: the service's list follows it.

Only the standard library and ``assessments``-free modules are imported here (start-up time).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from .list_row import AssessmentRow
from .revision import APPLICATION_ID, HEAD_REVISION

# The same columns, join and order as models/repo.list_assessments (a test holds them equal).
LIST_SQL = (
    "SELECT a.id, a.enterprise_id, e.name, e.uscc, e.county, a.year, a.criteria_id, a.criteria_version, a.status,"
    " a.total, a.grade, a.revision, a.resume_page, a.updated_at FROM assessments a JOIN enterprises e"
    " ON e.id = a.enterprise_id ORDER BY a.updated_at DESC, a.id DESC"
)


# The preview's rows are the repository's rows.
PreviewRow = AssessmentRow


def preview_list(path: Path) -> list[AssessmentRow] | None:
    """The list of the database at ``path``, or None when only the normal open may read it."""
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            return None  # a crash left changes in the journal: the normal open recovers them first
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.2)
        try:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                return None
            if conn.execute("SELECT version_num FROM alembic_version").fetchall() != [(HEAD_REVISION,)]:
                return None
            rows = conn.execute(LIST_SQL).fetchall()
        finally:
            conn.close()
        parse = datetime.fromisoformat
        # LIST_SQL selects the row's fields in order; only the time needs converting.
        return [AssessmentRow._make((*r[:-1], parse(r[-1]).replace(tzinfo=UTC))) for r in rows]
    except Exception:  # a preview only: whatever is wrong, the normal open finds it and says so
        return None
