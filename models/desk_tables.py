"""The bureau desk's tables (revision 0004): received filings and correction requests.

A received file is stored once by its SHA-256. What the list ranks by (grade order, total, name)
and filters by (year, county, status, current) are columns of their own, so ``desk list`` is one
indexed query and never re-verifies or re-parses a document.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class DeskFile(Base):
    __tablename__ = "desk_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(8))  # xlsx | pdf | "" (not recognised)
    file_name: Mapped[str] = mapped_column(String(500))  # as received (the base name)
    source_path: Mapped[str] = mapped_column(Text)  # where it was imported from
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # The verification outcome (app/filing/verify.py): verified | modified | unverifiable.
    status: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(Text)
    differences_json: Mapped[str] = mapped_column(Text, default="[]")
    notes_json: Mapped[str] = mapped_column(Text, default="[]")
    fingerprint: Mapped[str] = mapped_column(String(128), default="")
    exported_at: Mapped[str | None] = mapped_column(String(64))
    program: Mapped[str] = mapped_column(String(200), default="")
    # Filed under (USCC, year); NULL when the file carried nothing readable.
    uscc: Mapped[str | None] = mapped_column(String(40))
    year: Mapped[int | None] = mapped_column(Integer)
    name: Mapped[str | None] = mapped_column(String(200))
    county: Mapped[str | None] = mapped_column(String(50))
    # The carried document re-scored: what the ranking uses (never the figures the file displays).
    total: Mapped[float | None] = mapped_column(Float)
    grade: Mapped[str | None] = mapped_column(String(16))
    grade_order: Mapped[int] = mapped_column(Integer, default=99)  # 0 = best grade; 99 = none
    dimensions_json: Mapped[str | None] = mapped_column(Text)  # {dimension id: score}
    document_json: Mapped[str | None] = mapped_column(Text)  # the carried dnz-answers/1 document
    # The newest filing of an enterprise and year is current; older ones are its history.
    is_current: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)  # 1, 2, … within (uscc, year)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("desk_files.id", ondelete="SET NULL"))
    changes_json: Mapped[str | None] = mapped_column(Text)  # what changed since previous_id, in words
    answers_request: Mapped[str | None] = mapped_column(String(40))  # the correction request answered
    review_state: Mapped[str] = mapped_column(String(16), default="received")  # received | returned
    review_note: Mapped[str | None] = mapped_column(Text)
    # The fixed part of this file's ``desk list --json`` object (the keys that never change after
    # import, as JSON members without braces): the list joins these texts instead of building
    # ten thousand JSON objects per call.
    list_body: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_desk_files_ranking", "is_current", "year", "grade_order", "total", "name"),
        Index("ix_desk_files_enterprise", "uscc", "year"),
    )


class DeskRequest(Base):
    """A correction request (退回修改) sent back for one received filing."""

    __tablename__ = "desk_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[str] = mapped_column(String(40), unique=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("desk_files.id", ondelete="CASCADE"), index=True)
    uscc: Mapped[str] = mapped_column(String(40))
    year: Mapped[int] = mapped_column(Integer)
    fingerprint: Mapped[str] = mapped_column(String(128))  # of the filing it answers
    items_json: Mapped[str] = mapped_column(Text)  # [{"question", "title", "note"}]
    note: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
