"""Persistence: SQLAlchemy 2 models, SQLite set-up, Alembic migrations, backups. No Qt."""
