"""Verifying a filing by rebuilding it: ``verify_filing(path) -> Verification``.

1. The file is read with limits (limits.py): a workbook through ``xlsx_package`` (ZIP checks,
   XML without DTDs), a PDF through ``pdf_read`` (bounded streams). Exactly one carried envelope.
2. The carried document is re-scored under its criteria version and the fingerprint recomputed
   over document, result, evidence manifest and journal summary.
3. The filing is rendered again from the envelope by the same renderer (render.py) and compared:
   the same bytes → "一致（原样）"; otherwise a workbook is compared at content level
   (xlsx_compare, so a no-op re-save by Excel, LibreOffice or openpyxl still verifies) and a PDF
   object by object (pdf_compare). Every difference is a Chinese sentence naming where it is.
4. A file of an older renderer (legacy.py) gets a data check and a plain statement that its
   appearance can only be checked with the version that made it — never a silent "一致".

``verify_filing`` never raises: damaged, hostile or foreign files are ``unverifiable`` with a
Chinese reason. Status: ``verified`` (exit 0), ``modified`` (exit 1), ``unverifiable`` (exit 2).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

from assessments.criteria import load_criteria
from assessments.errors import DomainError
from assessments.fingerprint import FINGERPRINT_FORMAT, compute_fingerprint, short_fingerprint
from assessments.scoring import score

from .carry import CarriedFiling, library_versions
from .errors import CarriedDataDamaged, FilingReadError
from .limits import GROWTH_MARGIN_BYTES, MAX_GROWTH, check_file_size

log = logging.getLogger(__name__)

Status = Literal["verified", "modified", "unverifiable"]
VERIFIED: Final = "verified"
MODIFIED: Final = "modified"
UNVERIFIABLE: Final = "unverifiable"
EXIT_CODES: Final = {VERIFIED: 0, MODIFIED: 1, UNVERIFIABLE: 2}
MAX_LISTED: Final = 200


@dataclass(frozen=True)
class Verification:
    """What ``verify`` found. ``differences`` are reasons the file is not what the program made;
    ``notes`` are facts a reviewer should know that are not differences (re-saved, old version)."""

    path: Path
    status: Status
    summary: str
    kind: str = ""  # "xlsx" | "pdf" | "" (not recognised)
    differences: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    carried: CarriedFiling | None = field(default=None, repr=False)
    fingerprint: str = ""  # as carried ("" when none could be read)
    program: str = ""  # the program that made the file, as carried
    renderer: int | None = None
    identical: bool = False  # byte for byte the file this program renders from the envelope
    data_verified: bool = False  # carried document re-scored, fingerprint matches
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == VERIFIED

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.status]

    def text(self) -> str:
        lines = [self.summary]
        if self.differences:
            lines.append(f"共 {len(self.differences)} 处不符：")
            lines += [f"  {i}. {d}" for i, d in enumerate(self.differences, 1)]
        lines += self.notes
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (for ``verify --json`` and the desk)."""
        c = self.carried
        return {
            "file": str(self.path),
            "status": self.status,
            "summary": self.summary,
            "kind": self.kind,
            "differences": list(self.differences),
            "notes": list(self.notes),
            "fingerprint": self.fingerprint,
            "program": self.program,
            "renderer": self.renderer,
            "identical": self.identical,
            "data_verified": self.data_verified,
            "criteria": c.criteria_id if c else None,
            "criteria_version": c.criteria_version if c else None,
            "exported_at": c.exported_at if c else None,
            "seconds": round(self.seconds, 3),
        }


def _read(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise FilingReadError(path, "这是一个文件夹，请选择 .xlsx 或 .pdf 备案文件。", "this is a folder")
        check_file_size(path, path.stat().st_size)
        data = path.read_bytes()
    except FileNotFoundError:
        raise FilingReadError(path, "找不到该文件，请检查路径。", "file not found") from None
    except PermissionError:
        raise FilingReadError(path, "没有读取该文件的权限，或文件正被其他程序独占打开。", "permission denied") from None
    except OSError as exc:
        raise FilingReadError(path, f"无法读取文件：{exc.strerror or exc}", f"cannot read the file: {exc}") from None
    check_file_size(path, len(data))
    return data


def file_kind(path: Path, data: bytes) -> str:
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return "xlsx"
    raise FilingReadError(
        path,
        "只能读取本程序导出的 .xlsx 或 .pdf 备案文件（该文件两者都不是）。",
        "only .xlsx or .pdf filings exported by this program",
    )


@dataclass
class _Found:
    """A read file: its kind, bytes, carried envelope and parsed container."""

    kind: str
    data: bytes
    carried: CarriedFiling
    package: Any = None  # XlsxPackage
    reader: Any = None  # pypdf PdfReader


def _open(path: Path) -> _Found:
    data = _read(path)
    kind = file_kind(path, data)
    if kind == "xlsx":
        from .carry import parse_envelope
        from .xlsx_package import open_package

        package = open_package(path, data)
        carried = package.carried()
        if not carried:
            raise FilingReadError(
                path,
                "该 Excel 文件不是本程序导出的备案表（没有携带答卷数据），无法核验或导入。",
                "this workbook was not exported by this program (no carried answers document)",
            )
        if len(carried) > 1:
            names = "、".join(f"“{sheet.name}”" for sheet, _ in carried)
            raise FilingReadError(
                path,
                f"该 Excel 文件携带了 {len(carried)} 份答卷数据（工作表 {names}），本程序导出的文件只有一份："
                "无法确定哪一份是真的，不予核验或导入。",
                f"the workbook carries {len(carried)} answers documents; exactly one is accepted",
            )
        envelope = carried[0][1]
        if not envelope:
            raise CarriedDataDamaged(path, "文件中携带的答卷数据已损坏或被修改，无法读取。", "carried data damaged")
        return _Found(kind, data, parse_envelope(envelope, path, "xlsx"), package=package)
    from .pdf_read import pdf_limits, read_pdf

    with pdf_limits():
        reader, carried_pdf = read_pdf(path, data)
    return _Found(kind, data, carried_pdf, reader=reader)


def read_filing(path: Path | str) -> CarriedFiling:
    """The carried envelope of a filing (not verified); FilingReadError in Chinese otherwise."""
    return _open(Path(path)).carried


def _verdict(
    path: Path,
    status: Status,
    summary: str,
    started: float,
    found: _Found | None = None,
    **kw: Any,
) -> Verification:
    carried = found.carried if found is not None else None
    return Verification(
        path=path,
        status=status,
        summary=summary,
        kind=found.kind if found is not None else "",
        carried=carried,
        fingerprint=carried.fingerprint if carried else "",
        program=carried.program if carried else "",
        renderer=carried.renderer if carried else None,
        seconds=time.perf_counter() - started,
        **kw,
    )


def verify_filing(path: Path | str) -> Verification:
    """Verify one filing; never raises (see the module docstring). Safe to call from several
    processes at once; memory stays within a few hundred MB whatever the file holds."""
    started = time.perf_counter()
    path = Path(path)
    try:
        return _verify(path, started)
    except FilingReadError as exc:  # CarriedDataDamaged included: nothing to rebuild from
        return _verdict(path, UNVERIFIABLE, f"无法核验：{exc.zh}", started)
    except MemoryError:
        return _verdict(path, UNVERIFIABLE, "无法核验：文件内容过大，内存不足，已停止读取。", started)
    except RecursionError:
        return _verdict(path, UNVERIFIABLE, "无法核验：文件结构嵌套过深，不像本程序导出的备案文件。", started)
    except Exception as exc:  # a hostile file must never end in a traceback
        log.exception("verify failed on %s", path)
        return _verdict(
            path,
            UNVERIFIABLE,
            f"无法核验：读取文件时出错（{type(exc).__name__}），文件可能已损坏或不是本程序导出的备案文件。",
            started,
        )


def _verify(path: Path, started: float) -> Verification:
    found = _open(path)
    carried = found.carried
    try:
        doc = carried.document()
    except DomainError as exc:
        return _verdict(path, UNVERIFIABLE, f"无法核验：{path.name} 携带的答卷不是有效的答卷（导出后被改动或已损坏），"
                        "无法按其重新生成文件。", started, found,
                        differences=(f"携带的答卷有误：{exc.text('zh')}",))  # fmt: skip
    try:
        criteria = load_criteria(doc.criteria)
    except DomainError as exc:
        return _verdict(path, UNVERIFIABLE, f"无法核验：本程序没有文件所用的评价标准 {doc.criteria}"
                        f"（{exc.text('zh')}），请使用更新的程序版本。", started, found)  # fmt: skip
    try:
        result = score(doc)
    except DomainError as exc:
        return _verdict(path, UNVERIFIABLE, f"无法核验：{path.name} 携带的答卷无法评分，无法按其重新生成文件。",
                        started, found, differences=(f"携带的答卷无法评分：{exc.text('zh')}",))  # fmt: skip
    problems: list[str] = []
    if doc.criteria != carried.criteria_id or criteria.version != carried.criteria_version:
        problems.append(
            f"评价标准不一致：文件记录为 {carried.criteria_id}（版本 {carried.criteria_version}），"
            f"携带的答卷按 {criteria.id}（版本 {criteria.version}）评分"
        )
    if carried.legacy:
        return _verify_legacy(path, found, doc, result, criteria, problems, started)
    if carried.fingerprint_format != FINGERPRINT_FORMAT:
        problems.append(f"文件记录的指纹格式为 {carried.fingerprint_format}，本版本为 {FINGERPRINT_FORMAT}")
    fingerprint = compute_fingerprint(
        doc, result, evidence=carried.evidence, journal=carried.journal, plan=carried.plan_data
    )
    if carried.plan_data is not None:  # what the plan claims, confirmed by the engine on the carried answers
        from assessments.plan.filed import check_filed_plan, parse_filed_plan

        problems.extend(check_filed_plan(parse_filed_plan(carried.plan_data), doc))
    data_ok = fingerprint == carried.fingerprint and not problems
    if fingerprint != carried.fingerprint:
        problems.append(
            f"指纹不一致：文件记录的指纹为 {short_fingerprint(carried.fingerprint)}，按携带的答卷、佐证材料清单和修改记录"
            f"重新计算为 {short_fingerprint(fingerprint)}——携带的数据在导出后被修改"
        )
    try:
        fresh = _rebuild(found, doc, result)
    except Exception as exc:  # e.g. reportlab LayoutError on hostile text
        log.warning("rebuilding %s failed: %r", path, exc)
        return _verdict(path, UNVERIFIABLE, f"无法核验：无法按 {path.name} 携带的数据重新生成文件（{type(exc).__name__}），"
                        "携带的数据可能被改动。", started, found, differences=tuple(problems))  # fmt: skip
    if fresh == found.data and not problems:
        return _verdict(path, VERIFIED, f"一致（原样）：{path.name} 与按其携带的数据重新生成的文件逐字节相同"
                        f"（指纹 {short_fingerprint(carried.fingerprint)}）。", started, found,
                        identical=True, data_verified=True)  # fmt: skip
    if found.kind == "xlsx":
        differences = _compare_workbook(found, fresh)
    else:
        from .pdf_compare import compare_pdfs
        from .pdf_read import pdf_limits

        with pdf_limits():
            differences = compare_pdfs(path, found.data, found.reader, fresh)
    notes: list[str] = []
    ours = library_versions()
    if differences and carried.libraries and carried.libraries != ours:
        notes.append(
            "注意：生成该文件时的程序库版本（"
            + "，".join(f"{k} {v}" for k, v in sorted(carried.libraries.items()))
            + "）与本机不同（"
            + "，".join(f"{k} {v}" for k, v in sorted(ours.items()))
            + "），部分差异可能来自程序库版本。"
        )
    all_differences = (problems + differences)[:MAX_LISTED]
    if len(problems) + len(differences) > MAX_LISTED:
        all_differences.append(f"（另有 {len(problems) + len(differences) - MAX_LISTED} 处差异未列出）")
    if all_differences:
        return _verdict(path, MODIFIED, f"不一致：{path.name} 与按其携带的数据重新生成的文件不同，导出后被改动。",
                        started, found, differences=tuple(all_differences), notes=tuple(notes),
                        data_verified=data_ok)  # fmt: skip
    return _verdict(path, VERIFIED, f"一致：{path.name} 的内容与按其携带的数据重新生成的文件相同"
                    f"（指纹 {short_fingerprint(carried.fingerprint)}）。", started, found,
                    notes=(_resaved_note(carried),),
                    data_verified=True)  # fmt: skip


def _resaved_note(carried: CarriedFiling) -> str:
    if carried.libraries and carried.libraries != library_versions():
        return "文件的字节与本机重新生成的不同（生成该文件时的程序库版本与本机不同，或文件被重新保存过），但显示的内容没有变化。"
    return "文件经过重新保存（例如在 Excel 或 LibreOffice 中打开后保存），文件的字节不同，但显示的内容没有变化。"


def _compare_workbook(found: _Found, fresh: bytes) -> list[str]:
    from io import BytesIO
    from zipfile import ZipFile

    from .xlsx_compare import compare_looks, extra_parts
    from .xlsx_package import open_package
    from .xlsx_read import read_look

    package = found.package
    fresh_package = open_package(found.carried.path, fresh)
    received, wanted = package.cell_bytes(), fresh_package.cell_bytes()
    if received > MAX_GROWTH * wanted + GROWTH_MARGIN_BYTES:
        return [
            f"文件中的表格数据（{received / 1024 / 1024:.1f} MB）远多于按携带数据重新生成的备案表"
            f"（{wanted / 1024 / 1024:.1f} MB）：导出后被加入了大量内容（未逐格比较）"
        ]
    differences = extra_parts(package.members, ZipFile(BytesIO(fresh)).namelist())
    return differences + compare_looks(read_look(package), _look_of(fresh_package, fresh))


def _rebuild(found: _Found, doc: Any, result: Any) -> bytes:
    """The file this program renders from the carried envelope (remembered by envelope)."""
    from .render import render_filing

    carried = found.carried
    key = (found.kind, hashlib.sha256(carried.raw).digest())
    with _LOOKS_LOCK:
        if key in _REBUILT:
            _REBUILT.move_to_end(key)
            return _REBUILT[key]
    rendered = render_filing(
        doc, exported_at=carried.exported_at, program=carried.program, result=result, evidence=carried.evidence,
        journal=carried.journal, libraries=carried.libraries, xlsx=found.kind == "xlsx", pdf=found.kind == "pdf",
        plan=carried.plan_data,
    )  # fmt: skip
    data = rendered.xlsx if found.kind == "xlsx" else rendered.pdf
    assert data is not None
    with _LOOKS_LOCK:
        _REBUILT[key] = data
        while len(_REBUILT) > _LOOKS_KEPT:
            _REBUILT.popitem(last=False)
    return data


# Rebuilds and their looks, remembered by envelope and by bytes: verifying many edits of one
# filing (or the same file again) renders and reads the rebuild once. A pure function of the
# envelope and this program, so remembering changes no result. Small (a few entries), thread-safe.
_LOOKS: OrderedDict[bytes, Any] = OrderedDict()
_REBUILT: OrderedDict[tuple[str, bytes], bytes] = OrderedDict()
_LOOKS_LOCK = threading.Lock()
_LOOKS_KEPT: Final = 4


def _look_of(package: Any, data: bytes) -> Any:
    from .xlsx_read import read_look

    key = hashlib.sha256(data).digest()
    with _LOOKS_LOCK:
        if key in _LOOKS:
            _LOOKS.move_to_end(key)
            return _LOOKS[key]
    look = read_look(package)
    with _LOOKS_LOCK:
        _LOOKS[key] = look
        while len(_LOOKS) > _LOOKS_KEPT:
            _LOOKS.popitem(last=False)
    return look


def clear_caches() -> None:
    """Forget remembered rebuilds (benchmarks measure verify without them)."""
    with _LOOKS_LOCK:
        _LOOKS.clear()
        _REBUILT.clear()


def _verify_legacy(path: Path, found: _Found, doc: Any, result: Any, criteria: Any, problems: list[str],
                   started: float) -> Verification:  # fmt: skip
    from .legacy import check_legacy, legacy_summary

    look = None
    if found.kind == "xlsx":
        from .xlsx_package import open_package
        from .xlsx_read import read_look

        # The old layout is close to the current one: a workbook far bigger than the current
        # rendering of the same data is not read (bounded memory and time).
        wanted = open_package(path, _rebuild(found, doc, result)).cell_bytes()
        if found.package.cell_bytes() > MAX_GROWTH * wanted + GROWTH_MARGIN_BYTES:
            problems.append("文件中的表格数据远多于该答卷应有的内容：导出后被加入了大量内容")
        else:
            look = read_look(found.package)
    check = check_legacy(found.carried, doc, result, criteria, look)
    return _verdict(path, UNVERIFIABLE, "无法完全核验：" + legacy_summary(found.carried, path), started, found,
                    differences=tuple(problems + check.differences), notes=tuple(check.notes),
                    data_verified=check.data_verified and not problems)  # fmt: skip
