"""A real PostgreSQL for the tests, reached through one environment variable: ``DNZ_TEST_PG_URL``
(a SQLAlchemy URL, ``postgresql+psycopg://user@host:port/db``, of a server where that user may
create databases). Every test gets a fresh database of its own, dropped afterwards.

Without the variable: where the server binaries are installed (Debian package ``postgresql``) a
throw-away cluster is started with ``scripts/pg_test_cluster.sh``; where they are not, the tests
that need a server are skipped with that reason — except in CI (``CI`` set), where a missing
server is a failure, never a skip.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENV = "DNZ_TEST_PG_URL"


def _installed() -> bool:
    return any(Path("/usr/lib/postgresql").glob("*/bin/initdb")) or bool(os.environ.get("PG_BIN"))


def _start_local_cluster() -> str:
    out = subprocess.run(
        ["bash", str(ROOT / "scripts" / "pg_test_cluster.sh"), "start"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    if out.returncode != 0:
        pytest.fail(f"could not start the local PostgreSQL test cluster:\n{out.stderr}")
    return out.stdout.strip().rsplit("=", 1)[1]


def server_url() -> str:
    """The admin URL of the test server (see the module docstring)."""
    url = os.environ.get(ENV)
    if url:
        return url
    if _installed():
        url = _start_local_cluster()
        os.environ[ENV] = url  # once per session, and for subprocesses
        return url
    if os.environ.get("CI"):
        pytest.fail(f"{ENV} is not set and no PostgreSQL server is installed: CI must test on PostgreSQL")
    pytest.skip(f"no PostgreSQL server installed locally and {ENV} not set (scripts/pg_test_cluster.sh)")


def _admin(url: str, statement: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(statement))
    finally:
        engine.dispose()


@contextmanager
def fresh_database() -> Iterator[str]:
    """A new, empty database on the test server (its URL), dropped afterwards."""
    from sqlalchemy.engine import make_url

    admin = server_url()
    name = f"dnz_test_{uuid.uuid4().hex[:12]}"
    _admin(admin, f'CREATE DATABASE "{name}"')
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        _admin(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_url() -> Iterator[str]:
    """The URL of a fresh, empty PostgreSQL database for this test."""
    with fresh_database() as url:
        yield url
