"""The enterprise-side service tests of test_services.py, run again on PostgreSQL.

The same test functions, with the ``service`` fixture opened on a fresh PostgreSQL database
(tests/pg.py). Tests about the SQLite file itself do not apply (SQLITE_ONLY).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.services import AssessmentService
from tests import test_services as on_sqlite
from tests.pg import pg_url  # noqa: F401  (fixture)

# About the SQLite file itself (its location, its pragmas, the file backup taken before a delete):
# a server database has none of these; the delete itself is tested below.
SQLITE_ONLY = {
    "test_database_file_lives_in_the_data_folder",
    "test_pragmas_on_every_connection",
    "test_delete_needs_the_confirmation_token",
}

for _name in dir(on_sqlite):
    if _name.startswith("test_") and _name not in SQLITE_ONLY:
        globals()[_name] = getattr(on_sqlite, _name)


@pytest.fixture
def service(tmp_path: Path, pg_url: str) -> Iterator[AssessmentService]:  # noqa: F811
    svc = AssessmentService.open_url(pg_url, tmp_path / "data")
    yield svc
    svc.close()


def test_delete_needs_the_confirmation_token_on_postgresql(service: AssessmentService) -> None:
    from assessments.document import parse_document
    from models.errors import Conflict, NotFound
    from tests.conftest import example

    aid = service.import_document(parse_document(example()))
    with pytest.raises(Conflict, match="不匹配"):
        service.delete_assessment(aid, "wrong")
    assert service.get_assessment(aid).id == aid
    service.delete_assessment(aid, service.deletion_token(aid))
    with pytest.raises(NotFound):
        service.get_assessment(aid)
    assert service.backups() == []  # a server database is backed up by its server, not as files
