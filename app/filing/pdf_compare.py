"""Comparing a received PDF with the one rebuilt from its envelope, object by object.

Used only when the bytes differ. Objects are compared by what they mean, not how they are
stored: indirect references are followed, streams are compared decoded (a re-compressed or
renumbered file with the same objects is the same filing). Each difference is named in Chinese
by what a reader would notice: incremental updates appended after export, document properties,
catalog entries (open actions, forms, layers, bookmarks, scripts), attachments, and per page its
boxes, annotations, drawing content (with the text that changed), fonts (glyph program, widths,
ToUnicode map) and other resources.
"""

from __future__ import annotations

import difflib
import hashlib
import io
from collections.abc import Iterator
from typing import Any, Final

from .pdf_read import attachment_bytes, attachments, page_text, pdf_errors

MAX_NODES: Final = 200_000  # objects visited in one comparison (hostile nesting is cut off)
MAX_DEPTH: Final = 40
MAX_TEXT_LINES: Final = 12
_BOXES: Final = {
    "/MediaBox": "页面尺寸（MediaBox）",
    "/CropBox": "显示区域（CropBox），区域外的内容不显示",
    "/BleedBox": "出血框",
    "/TrimBox": "裁切框",
    "/ArtBox": "内容框",
    "/Rotate": "旋转角度",
    "/UserUnit": "单位长度",
}
_CATALOG: Final = {
    "/OpenAction": "打开文件时执行的动作",
    "/AA": "自动执行的动作",
    "/AcroForm": "表单域（可覆盖在页面上显示任意内容）",
    "/OCProperties": "可选内容图层（可按条件隐藏或显示内容）",
    "/Outlines": "书签",
    "/PageLabels": "页码标签",
    "/Metadata": "XMP 元数据",
    "/ViewerPreferences": "阅读器设置",
    "/PageMode": "打开方式",
    "/PageLayout": "页面布局",
    "/StructTreeRoot": "结构树",
    "/MarkInfo": "标记信息",
    "/Lang": "语言",
    "/URI": "链接设置",
    "/Dests": "跳转目标",
    "/AF": "关联文件",
    "/Threads": "文章线索",
    "/Perms": "权限",
    "/Legal": "法律声明",
    "/Collection": "文件包视图",
}
_INFO: Final = {
    "/Title": "标题", "/Author": "作者", "/Subject": "主题", "/Keywords": "关键词", "/Creator": "创建程序",
    "/Producer": "生成程序", "/CreationDate": "创建时间", "/ModDate": "修改时间", "/Trapped": "陷印",
}  # fmt: skip
_IGNORED_STREAM_KEYS: Final = frozenset({"/Length", "/Filter", "/DecodeParms", "/DL"})


class _Budget:
    def __init__(self) -> None:
        self.left = MAX_NODES

    def spend(self) -> bool:
        self.left -= 1
        return self.left >= 0


def _resolve(value: Any) -> Any:
    return value.get_object() if hasattr(value, "get_object") else value


def _data(stream: Any) -> bytes | None:
    try:
        return bytes(stream.get_data())
    except pdf_errors():
        return None


def _is_stream(value: Any) -> bool:
    return hasattr(value, "get_data") and isinstance(value, dict)


def same(a: Any, b: Any, budget: _Budget, seen: set[tuple[int, int]] | None = None, depth: int = 0) -> bool:
    """Whether two PDF objects mean the same (references followed, streams decoded). Cycles are
    cut by the pairs of references already entered; nesting deeper than a filing needs, or more
    objects than the budget, counts as different."""
    seen = set() if seen is None else seen
    if not budget.spend() or depth > MAX_DEPTH:
        return False
    ra, rb = getattr(a, "idnum", None), getattr(b, "idnum", None)
    if ra is not None and rb is not None:
        if (ra, rb) in seen:
            return True
        seen.add((ra, rb))
    a, b = _resolve(a), _resolve(b)
    if _is_stream(a) or _is_stream(b):
        if not (_is_stream(a) and _is_stream(b)):
            return False
        keys = (set(a.keys()) | set(b.keys())) - _IGNORED_STREAM_KEYS
        if any(not same(dict.get(a, k), dict.get(b, k), budget, seen, depth + 1) for k in keys):
            return False
        da, db = _data(a), _data(b)
        return da is not None and da == db
    if isinstance(a, dict) or isinstance(b, dict):
        if not (isinstance(a, dict) and isinstance(b, dict)) or set(a.keys()) != set(b.keys()):
            return False
        return all(same(dict.get(a, k), dict.get(b, k), budget, seen, depth + 1) for k in a if k != "/Parent")
    if isinstance(a, list) or isinstance(b, list):
        if not (isinstance(a, list) and isinstance(b, list)) or len(a) != len(b):
            return False
        return all(same(x, y, budget, seen, depth + 1) for x, y in zip(list.__iter__(a), list.__iter__(b), strict=True))
    return bool(a == b)


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit] + "…"


class _Report:
    """Differences in order, each sentence once; the pages a sentence applies to are collected."""

    def __init__(self) -> None:
        self.items: dict[str, list[int]] = {}

    def add(self, text: str, page: int | None = None) -> None:
        pages = self.items.setdefault(text, [])
        if page is not None:
            pages.append(page)

    def lines(self) -> list[str]:
        out = []
        for text, pages in self.items.items():
            if len(pages) > 1:
                out.append(f"{_pages(pages)}：{text}")
            elif pages:
                out.append(f"第 {pages[0]} 页：{text}")
            else:
                out.append(text)
        return out


def _pages(pages: list[int]) -> str:
    if len(pages) <= 6:
        return "第 " + "、".join(str(p) for p in pages) + " 页"
    return f"第 {pages[0]}–{pages[-1]} 页（共 {len(pages)} 页）"


def _info(reader: Any) -> dict[str, str]:
    try:
        info = reader.metadata or {}
        return {str(k): str(_resolve(v)) for k, v in info.items()}
    except pdf_errors():
        return {"（无法读取）": ""}


def _root(reader: Any) -> Any:
    return _resolve(reader.trailer.get("/Root"))


def _fonts(resources: Any) -> Iterator[tuple[str, Any]]:
    fonts = _resolve(resources.get("/Font")) if resources is not None else None
    if fonts is not None and hasattr(fonts, "items"):
        for name, font in fonts.items():
            yield str(name), _resolve(font)


def _font_parts(font: Any) -> dict[str, Any]:
    """The parts of a font a reader's view depends on, by Chinese name."""
    parts: dict[str, Any] = {
        "名称（BaseFont）": font.get("/BaseFont"),
        "类型": font.get("/Subtype"),
        "编码": font.get("/Encoding"),
        "字宽表": font.get("/Widths"),
        "首末字符": (font.get("/FirstChar"), font.get("/LastChar")),
        "ToUnicode 映射（决定复制、搜索出的文字）": font.get("/ToUnicode"),
        "下级字体": font.get("/DescendantFonts"),
    }
    descriptor = _resolve(font.get("/FontDescriptor"))
    if descriptor is not None and hasattr(descriptor, "get"):
        for key in ("/FontFile", "/FontFile2", "/FontFile3"):
            if key in descriptor:
                parts["字形程序（" + key[1:] + "）"] = descriptor.get(key)
        parts["字体描述"] = {k: v for k, v in descriptor.items() if k not in ("/FontFile", "/FontFile2", "/FontFile3")}
    return parts


def _compare_fonts(number: int, got: Any, want: Any, report: _Report, budget: _Budget) -> None:
    got_fonts, want_fonts = dict(_fonts(got)), dict(_fonts(want))
    for name in got_fonts.keys() - want_fonts.keys():
        base = got_fonts[name].get("/BaseFont") if hasattr(got_fonts[name], "get") else None
        report.add(f"多出字体 {name}（{base}），本程序生成的文件中没有", number)
    for name in want_fonts.keys() - got_fonts.keys():
        report.add(f"缺少字体 {name}", number)
    for name in sorted(got_fonts.keys() & want_fonts.keys()):
        a, b = got_fonts[name], want_fonts[name]
        if same(a, b, budget):
            continue
        if not (hasattr(a, "get") and hasattr(b, "get")):
            report.add(f"字体 {name} 被替换", number)
            continue
        pa, pb = _font_parts(a), _font_parts(b)
        changed = [key for key in pa.keys() | pb.keys() if not same(pa.get(key), pb.get(key), budget)]
        what = "、".join(sorted(changed)) or "内容"
        report.add(f"字体 {name}（{b.get('/BaseFont')}）被改动：{what}", number)


def _compare_resources(number: int, got: Any, want: Any, report: _Report, budget: _Budget) -> None:
    got, want = _resolve(got), _resolve(want)
    if got is None or want is None or not (hasattr(got, "keys") and hasattr(want, "keys")):
        if not same(got, want, budget):
            report.add("页面资源被改动", number)
        return
    _compare_fonts(number, got, want, report, budget)
    for key in sorted((set(got.keys()) | set(want.keys())) - {"/Font"}):
        a, b = _resolve(got.get(key)), _resolve(want.get(key))
        if same(a, b, budget):
            continue
        zh = {"/XObject": "图像或表单对象", "/ExtGState": "图形状态（透明度等）", "/Pattern": "图案",
              "/Shading": "渐变", "/ColorSpace": "颜色空间", "/Properties": "标记属性"}.get(key, key)  # fmt: skip
        if hasattr(a, "keys") and hasattr(b, "keys"):
            extra = sorted(set(a.keys()) - set(b.keys()))
            if extra:
                report.add(f"多出{zh} {'、'.join(str(x) for x in extra[:5])}", number)
                continue
        report.add(f"{zh}被改动", number)


def _annotations(page: Any) -> list[str]:
    annots = _resolve(page.get("/Annots"))
    out = []
    for annot in annots or []:
        annot = _resolve(annot)
        if not hasattr(annot, "get"):
            out.append("一个无法读取的批注")
            continue
        subtype = str(annot.get("/Subtype", "")).lstrip("/") or "未知"
        contents = annot.get("/Contents")
        text = f"，内容“{_short(str(contents))}”" if contents else ""
        out.append(f"{subtype}{text}")
    return out


def _content(page: Any) -> bytes | None:
    try:
        contents = page.get_contents()
        return b"" if contents is None else bytes(contents.get_data())
    except pdf_errors():
        return None


def _text_differences(number: int, got_page: Any, want_page: Any, report: _Report) -> bool:
    got_lines = page_text(got_page).splitlines()
    want_lines = page_text(want_page).splitlines()
    if got_lines == want_lines:
        return False
    matcher = difflib.SequenceMatcher(a=got_lines, b=want_lines, autojunk=False)
    shown = 0
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if shown >= MAX_TEXT_LINES:
            report.add("文字还有更多不同之处（未全部列出）", number)
            break
        got = " / ".join(got_lines[a0:a1]) or "（无）"
        want = " / ".join(want_lines[b0:b1]) or "（无）"
        report.add(f"文字为“{_short(got, 80)}”，按携带的数据重新生成应为“{_short(want, 80)}”", number)
        shown += 1
    return True


def _compare_page(number: int, got: Any, want: Any, report: _Report, budget: _Budget) -> None:
    for key, zh in _BOXES.items():
        a, b = got.get(key), want.get(key)
        if (a is not None or b is not None) and not same(a, b, budget):
            shown = [round(float(x), 2) for x in _resolve(a)] if isinstance(_resolve(a), list) else a
            report.add(f"{zh}被改为 {shown}", number)
    for annotation in _annotations(got):
        report.add(f"多出批注（{annotation}），本程序生成的文件中没有批注", number)
    # The text that changed, when it did; otherwise the drawing itself (boxes, lines, colours).
    if _content(got) != _content(want) and not _text_differences(number, got, want, report):
        report.add("绘图内容被改动（文字相同，但图形、颜色、位置或覆盖物不同）", number)
    _compare_resources(number, got.get("/Resources"), want.get("/Resources"), report, budget)
    known = {"/Type", "/Parent", "/Contents", "/Resources", "/Annots", *_BOXES}
    for key in sorted((set(got.keys()) | set(want.keys())) - known):
        if not same(got.get(key), want.get(key), budget):
            report.add(f"页面属性 {key} 被改动", number)


def compare_pdfs(path: Any, received: bytes, reader: Any, rebuilt: bytes) -> list[str]:
    """Chinese sentences naming what differs between a received PDF and its rebuild."""
    from pypdf import PdfReader

    report = _Report()
    budget = _Budget()
    fresh = PdfReader(io.BytesIO(rebuilt))
    extra = received.count(b"%%EOF") - rebuilt.count(b"%%EOF")
    if extra > 0:
        report.add(f"文件在导出后被追加修改了 {extra} 次（PDF 增量更新），追加的内容会覆盖或改变原有页面")
    got_info, want_info = _info(reader), _info(fresh)
    for key in sorted(set(got_info) | set(want_info)):
        if got_info.get(key) != want_info.get(key):
            zh = _INFO.get(key, key)
            if key not in want_info:
                report.add(f"文档属性多出“{zh}”：“{_short(got_info[key])}”")
            elif key not in got_info:
                report.add(f"文档属性缺少“{zh}”")
            else:
                report.add(f"文档属性“{zh}”被改为“{_short(got_info[key])}”（应为“{_short(want_info[key])}”）")
    got_root, want_root = _root(reader), _root(fresh)
    for key in sorted((set(got_root.keys()) | set(want_root.keys())) - {"/Type", "/Pages", "/Names"}):
        if not same(got_root.get(key), want_root.get(key), budget):
            report.add(f"文档级设置“{_CATALOG.get(key, key)}”被{'加入' if key not in want_root else '改动'}")
    got_names = _resolve(got_root.get("/Names"))
    want_names = _resolve(want_root.get("/Names"))
    for key in sorted((set(got_names or {}) | set(want_names or {})) - {"/EmbeddedFiles"}):
        zh = {"/JavaScript": "JavaScript 脚本", "/Dests": "跳转目标"}.get(key, key)
        report.add(f"文档中多出名称树“{zh}”")
    got_files = attachments(path, reader)
    want_files = attachments(path, fresh)
    got_names_list = sorted(name for name, _ in got_files)
    want_names_list = sorted(name for name, _ in want_files)
    if got_names_list != want_names_list:
        extra_files = [
            n for n in got_names_list if n not in want_names_list or got_names_list.count(n) > want_names_list.count(n)
        ]
        report.add(f"附件被改动：文件中有 {'、'.join(got_names_list) or '（无）'}，应只有 {'、'.join(want_names_list)}"
                   + (f"（多出 {'、'.join(sorted(set(extra_files)))}）" if extra_files else ""))  # fmt: skip
    else:
        for (name, got_entry), (_, want_entry) in zip(
            sorted(got_files, key=lambda x: x[0]), sorted(want_files, key=lambda x: x[0]), strict=True
        ):
            a = attachment_bytes(path, got_entry, len(rebuilt) * 4 + 1024)
            b = attachment_bytes(path, want_entry, len(rebuilt) * 4 + 1024)
            if hashlib.sha256(a).digest() != hashlib.sha256(b).digest():
                report.add(f"附件 {name} 的内容与按其数据重新生成的不同（携带的数据在导出后被编辑过）")
            elif not same(got_entry.pdf_object, want_entry.pdf_object, budget):
                report.add(f"附件 {name} 的说明或属性被改动")
    got_pages, want_pages = list(reader.pages), list(fresh.pages)
    if len(got_pages) != len(want_pages):
        report.add(f"页数被改为 {len(got_pages)} 页（按携带的数据重新生成为 {len(want_pages)} 页）")
    for number, (got, want) in enumerate(zip(got_pages, want_pages, strict=False), 1):
        _compare_page(number, got, want, report, budget)
    if budget.left < 0:
        report.add("文件结构过于复杂，比较在上限处停止（其余部分未比较）")
    return report.lines()
