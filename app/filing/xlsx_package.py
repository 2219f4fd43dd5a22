"""Reading a received workbook package safely: limits first, XML without DTDs, streaming.

Nothing here trusts the file. The ZIP directory is checked (member count, uncompressed sizes,
compression ratio) before any member is inflated; every XML part is parsed with defusedxml and
DTDs forbidden (no entity expansion, no external references); the carried envelope is found by
streaming column A of each sheet and only the shared strings it needs are kept. openpyxl is
loaded only later, by ``xlsx_compare``, on a package that passed these checks and is not much
larger than the workbook rebuilt from its own envelope.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Final
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from .carry import ENVELOPE_FORMAT, LEGACY_ENVELOPE_FORMAT
from .errors import FilingReadError
from .limits import (
    MAX_SHEETS,
    MAX_XML_PART_BYTES,
    MAX_ZIP_MEMBER_BYTES,
    MAX_ZIP_MEMBERS,
    MAX_ZIP_RATIO,
    MAX_ZIP_TOTAL_BYTES,
    MB,
    too_large,
    too_many,
)

CHUNK: Final = 30000  # characters of envelope per cell (a cell holds at most 32 767)
MAX_CARRIED_ROWS: Final = 3 + (16 * MB) // CHUNK + 8
_MARKERS: Final = (ENVELOPE_FORMAT, LEGACY_ENVELOPE_FORMAT)


def _not_a_workbook(path: Path, detail: str = "") -> FilingReadError:
    return FilingReadError(
        path,
        "不是有效的 Excel（.xlsx）文件，或文件已损坏" + (f"（{detail}）" if detail else "") + "。",
        f"not a valid .xlsx file {detail}".strip(),
    )


def hostile_xml(path: Path, part: str) -> FilingReadError:
    return FilingReadError(
        path,
        f"文件中的 {part} 含有 XML 文档类型声明（DTD/实体），本程序导出的文件中没有这种内容，"
        "可能是恶意构造的文件，已停止读取。",
        f"{part} contains an XML DTD or entity declarations; refused",
    )


@dataclass(frozen=True)
class SheetRef:
    name: str
    state: str  # visible | hidden | veryHidden
    part: str  # member name in the package


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _attr(element: Element, name: str) -> str | None:
    """An attribute by local name, whatever its namespace prefix."""
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return None


class XlsxPackage:
    """A checked workbook package: its members, its sheets in order, and bounded reads."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError) as exc:
            raise _not_a_workbook(path) from exc
        if len(infos) > MAX_ZIP_MEMBERS:
            raise too_many(path, "压缩包中的部件", len(infos), MAX_ZIP_MEMBERS)
        total = 0
        self.members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if info.file_size > MAX_ZIP_MEMBER_BYTES:
                raise too_large(
                    path, f"压缩包中的部件 {info.filename[:80]} 解压后", info.file_size, MAX_ZIP_MEMBER_BYTES
                )
            if info.file_size > MB and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
                raise FilingReadError(
                    path,
                    f"压缩包中的部件 {info.filename[:80]} 压缩比异常（{info.file_size // max(info.compress_size, 1)} 倍），"
                    "可能是“压缩炸弹”，已停止读取。",
                    "a member's compression ratio is abnormal (zip bomb?)",
                )
            total += info.file_size
            self.members[info.filename] = info
        if total > MAX_ZIP_TOTAL_BYTES:
            raise too_large(path, "压缩包解压后的总大小", total, MAX_ZIP_TOTAL_BYTES)
        self.total_bytes = total
        self.workbook_part = self._office_document()
        self.sheets = self._sheets()
        self.shared_strings = self._shared_strings_part()

    # ------------------------------------------------------------------ bounded reads

    def read(self, name: str, limit: int = MAX_ZIP_MEMBER_BYTES) -> bytes:
        info = self.members.get(name)
        if info is None:
            raise _not_a_workbook(self.path, f"缺少部件 {name[:80]}")
        if info.file_size > limit:
            raise too_large(self.path, f"部件 {name[:80]}", info.file_size, limit)
        try:
            with self.zip.open(info) as handle:
                # The declared size bounds the read: a member that inflates to more fails its CRC.
                data = handle.read(limit + 1)
        except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError, RuntimeError, OSError) as exc:
            raise _not_a_workbook(self.path, f"部件 {name[:80]} 无法解压") from exc
        if len(data) > limit:
            raise too_large(self.path, f"部件 {name[:80]}", len(data), limit)
        return data

    def xml(self, name: str) -> Element:
        data = self.read(name, MAX_XML_PART_BYTES)
        try:
            root: Element = fromstring(data, forbid_dtd=True)
        except DefusedXmlException as exc:
            raise hostile_xml(self.path, name) from exc
        except (ParseError, ValueError) as exc:
            raise _not_a_workbook(self.path, f"部件 {name[:80]} 不是有效的 XML") from exc
        return root

    def parse(self, name: str, handler: Any) -> None:
        """Feed an XML part to ``handler.start(local, attrs)``, ``.end(local)``, ``.text(data)``
        with expat directly (the fast path for sheets), DTDs and entities refused."""
        from xml.parsers import expat

        data = self.read(name)
        parser = expat.ParserCreate(namespace_separator="}")
        locals_: dict[str, str] = {}

        def local(tag: str) -> str:
            short = locals_.get(tag)
            if short is None:
                short = locals_[tag] = tag.rpartition("}")[2]
            return short

        def refuse(*_: Any) -> int:
            raise hostile_xml(self.path, name)

        parser.StartDoctypeDeclHandler = refuse
        parser.EntityDeclHandler = refuse
        parser.UnparsedEntityDeclHandler = refuse
        parser.ExternalEntityRefHandler = refuse
        parser.StartElementHandler = lambda tag, attrs: handler.start(local(tag), attrs)
        parser.EndElementHandler = lambda tag: handler.end(local(tag))
        parser.CharacterDataHandler = handler.text
        parser.buffer_text = True
        try:
            parser.Parse(data, True)
        except expat.ExpatError as exc:
            raise _not_a_workbook(self.path, f"部件 {name[:80]} 不是有效的 XML") from exc

    # ------------------------------------------------------------------ structure

    def relationships(self, owner: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type, member name) of a part (``owner``), targets resolved."""
        folder = PurePosixPath(owner).parent
        rels_name = str(folder / "_rels" / (PurePosixPath(owner).name + ".rels")).lstrip("./")
        if owner == "":
            rels_name = "_rels/.rels"
        if rels_name not in self.members:
            return {}
        out: dict[str, tuple[str, str]] = {}
        for rel in self.xml(rels_name):
            if _local(rel.tag) != "Relationship":
                continue
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External":
                out[rel.get("Id") or ""] = (rel.get("Type") or "", "external:" + target)
                continue
            resolved = target.lstrip("/") if target.startswith("/") else _normalise(folder / target)
            out[rel.get("Id") or ""] = (rel.get("Type") or "", resolved)
        return out

    def _office_document(self) -> str:
        for kind, target in self.relationships("").values():
            if kind.endswith("/officeDocument"):
                return target
        if "xl/workbook.xml" in self.members:
            return "xl/workbook.xml"
        raise _not_a_workbook(self.path, "没有工作簿部件")

    def _sheets(self) -> list[SheetRef]:
        root = self.xml(self.workbook_part)
        rels = self.relationships(self.workbook_part)
        sheets: list[SheetRef] = []
        for element in root.iter():
            if _local(element.tag) != "sheet":
                continue
            if len(sheets) >= MAX_SHEETS:
                raise too_many(self.path, "工作表", len(sheets) + 1, MAX_SHEETS)
            rel = rels.get(_attr(element, "id") or "")
            part = rel[1] if rel is not None else ""
            sheets.append(SheetRef(element.get("name") or "", element.get("state") or "visible", part))
        return sheets

    def _shared_strings_part(self) -> str | None:
        for kind, target in self.relationships(self.workbook_part).values():
            if kind.endswith("/sharedStrings") and target in self.members:
                return target
        return None

    def cell_bytes(self) -> int:
        """Uncompressed size of the sheets and shared strings: what openpyxl would turn into cells."""
        parts = {s.part for s in self.sheets} | ({self.shared_strings} if self.shared_strings else set())
        return sum(self.members[p].file_size for p in parts if p in self.members)

    # ------------------------------------------------------------------ the carried envelope

    def _column_a(self, sheet: SheetRef, rows: int) -> list[tuple[int, str, str]]:
        """(row, type, raw value) of the column-A cells in the first ``rows`` rows of a sheet
        (expat, stopped as soon as a later row starts)."""
        collector = _ColumnA(rows)
        with contextlib.suppress(_Stop):
            self.parse(sheet.part, collector)
        return collector.cells

    def _strings(self, wanted: set[int]) -> dict[int, str]:
        """The shared strings with the given indexes (expat; only these are kept)."""
        if not wanted or self.shared_strings is None:
            return {}
        collector = _WantedStrings(wanted)
        with contextlib.suppress(_Stop):
            self.parse(self.shared_strings, collector)
        return collector.found

    def _values(self, cells: list[tuple[int, str, str]]) -> dict[int, str]:
        shared = {int(v) for _, kind, v in cells if kind == "s" and v.isdigit() and len(v) < 10}
        strings = self._strings(shared)
        out: dict[int, str] = {}
        for row, kind, raw in cells:
            if kind == "s":
                out[row] = strings.get(int(raw), "") if raw.isdigit() and len(raw) < 10 else ""
            else:
                out[row] = raw
        return out

    def carried(self) -> list[tuple[SheetRef, bytes]]:
        """Every sheet that carries an envelope (A1 holds the format name), with the envelope's
        bytes; ``b""`` for a marked sheet whose envelope cannot be read."""
        candidates = [s for s in self.sheets if s.part in self.members]
        firsts = {s.name: self._column_a(s, 1) for s in candidates}
        first_values = self._values(
            [(i, kind, raw) for i, s in enumerate(candidates) for _, kind, raw in firsts[s.name][:1]]
        )
        out: list[tuple[SheetRef, bytes]] = []
        for i, sheet in enumerate(candidates):
            if first_values.get(i) not in _MARKERS:
                continue
            by_row = self._values(self._column_a(sheet, MAX_CARRIED_ROWS))
            try:
                count = int(float(by_row.get(3, "")))
            except ValueError:
                count = -1
            if not 0 <= count <= MAX_CARRIED_ROWS - 3:
                out.append((sheet, b""))
                continue
            envelope = "".join(by_row.get(4 + j, "") for j in range(count))
            out.append((sheet, envelope.encode("utf-8", "surrogatepass")))
        return out


class _Stop(Exception):
    """Raised by a parse handler that has what it needs."""


class _ColumnA:
    """Collects column-A cells (row, type, raw text of <v> or inline <t>) up to a row."""

    def __init__(self, rows: int) -> None:
        self.rows = rows
        self.cells: list[tuple[int, str, str]] = []
        self.current: tuple[int, str] | None = None
        self.buffer: list[str] | None = None

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "c":
            column, row = _split_ref(attrs.get("r") or "")
            if row > self.rows:
                raise _Stop
            self.current = (row, attrs.get("t") or "n") if column == "A" and row > 0 else None
            self.buffer = [] if self.current is not None else None
        elif tag in ("v", "t") and self.buffer is not None:
            self.buffer.clear()

    def end(self, tag: str) -> None:
        if tag == "c" and self.current is not None and self.buffer is not None:
            self.cells.append((self.current[0], self.current[1], "".join(self.buffer)))
            self.current = self.buffer = None

    def text(self, data: str) -> None:
        if self.buffer is not None:
            self.buffer.append(data)


class _WantedStrings:
    """The text of chosen <si> items (plain <t>, or the <t> of each run; not phonetic <rPh>)."""

    def __init__(self, wanted: set[int]) -> None:
        self.wanted, self.last = wanted, max(wanted)
        self.found: dict[int, str] = {}
        self.index = -1
        self.buffer: list[str] | None = None
        self.in_t = False
        self.phonetic = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "si":
            self.index += 1
            if self.index > self.last:
                raise _Stop
            self.buffer = [] if self.index in self.wanted else None
        elif tag == "rPh":
            self.phonetic += 1
        elif tag == "t":
            self.in_t = not self.phonetic

    def end(self, tag: str) -> None:
        if tag == "si" and self.buffer is not None:
            self.found[self.index] = "".join(self.buffer)
            self.buffer = None
        elif tag == "rPh":
            self.phonetic -= 1
        elif tag == "t":
            self.in_t = False

    def text(self, data: str) -> None:
        if self.in_t and self.buffer is not None:
            self.buffer.append(data)


def _normalise(path: PurePosixPath) -> str:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)


def _split_ref(ref: str) -> tuple[str, int]:
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters) :]
    return letters.upper(), int(digits) if digits.isdigit() and len(digits) < 8 else 0


def open_package(path: Path, data: bytes) -> XlsxPackage:
    """A checked package, or a FilingReadError in Chinese (any error of the ZIP/XML layers)."""
    try:
        return XlsxPackage(path, data)
    except FilingReadError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, KeyError, EOFError, OSError) as exc:
        raise _not_a_workbook(path) from exc


def package_summary(pkg: XlsxPackage) -> dict[str, Any]:
    """For messages and tests: sheet names, states and the member count."""
    return {"sheets": [(s.name, s.state) for s in pkg.sheets], "members": len(pkg.members)}
