"""The enterprise-side service tests of test_services.py, run again on PostgreSQL.

The same test functions, with the ``service`` fixture opened on a fresh PostgreSQL database
(tests/pg.py). Tests about the SQLite file itself (its location, its pragmas) do not apply.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.services import AssessmentService
from tests import test_services as on_sqlite
from tests.pg import pg_url  # noqa: F401  (fixture)

SQLITE_ONLY = {"test_database_file_lives_in_the_data_folder", "test_pragmas_on_every_connection"}

for _name in dir(on_sqlite):
    if _name.startswith("test_") and _name not in SQLITE_ONLY:
        globals()[_name] = getattr(on_sqlite, _name)


@pytest.fixture
def service(tmp_path: Path, pg_url: str) -> Iterator[AssessmentService]:  # noqa: F811
    svc = AssessmentService.open_url(pg_url, tmp_path / "data")
    yield svc
    svc.close()
