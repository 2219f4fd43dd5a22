"""The live score: total, grade, a bar per dimension, the short board and what earns lost points."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFocusEvent, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from assessments.rounding import fmt_number
from ui.i18n import language
from ui.style import ERROR, FocusRing, scale_font, text_colour
from ui.wizard.widgets import wrap_label

if TYPE_CHECKING:
    from assessments.criteria import Criteria
    from assessments.scoring import Result


class DimensionBars(QWidget):
    """Horizontal bars (score of max per dimension), sized from the font: high-DPI safe."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[tuple[str, float, float]] = []
        self.reference: list[float] | None = None  # the saved scores, drawn under a sandbox's bars
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_items(self, items: list[tuple[str, float, float]], reference: list[float] | None = None) -> None:
        self.items = items
        self.reference = reference
        self.updateGeometry()
        self.update()
        described = [f"{n} {fmt_number(s)}/{fmt_number(m)}" for n, s, m in items]
        if reference is not None:
            saved = self.tr("已保存")
            described = [f"{d} ({saved} {fmt_number(r)})" for d, r in zip(described, reference, strict=False)]
        self.setAccessibleDescription("; ".join(described))

    def _row_height(self) -> int:
        # Two lines per dimension: the name above its bar, so long (English) names never squeeze it.
        return int(self.fontMetrics().height() * 2.6)

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance("M") * 18, self._row_height() * max(len(self.items), 1) + fm.height() // 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("M") * 12, self.sizeHint().height())

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        pal = self.palette()
        line = fm.height()
        value_w = fm.horizontalAdvance("000.0 / 000")
        bar_h = line * 0.8
        for i, (name, score, maximum) in enumerate(self.items):
            top = i * self._row_height()
            painter.setPen(pal.color(QPalette.ColorRole.WindowText))
            painter.drawText(QRectF(0, top, self.width(), line), Qt.AlignmentFlag.AlignVCenter,
                             fm.elidedText(name, Qt.TextElideMode.ElideRight, self.width()))  # fmt: skip
            row_top = top + line * 1.1
            bar = QRectF(0, row_top + (line - bar_h) / 2, max(self.width() - value_w - line / 2, 10), bar_h)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.color(QPalette.ColorRole.Midlight))
            painter.drawRoundedRect(bar, bar_h / 4, bar_h / 4)
            share = 0.0 if maximum <= 0 else max(0.0, min(1.0, score / maximum))
            painter.setBrush(pal.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(QRectF(bar.left(), bar.top(), bar.width() * share, bar.height()), bar_h / 4, bar_h / 4)
            if self.reference is not None and i < len(self.reference):
                # The saved score as a dark line across the bar: how far the sandbox moved it.
                saved = 0.0 if maximum <= 0 else max(0.0, min(1.0, self.reference[i] / maximum))
                x = bar.left() + bar.width() * saved
                painter.setBrush(pal.color(QPalette.ColorRole.WindowText))
                painter.drawRect(QRectF(x - 1.5, bar.top() - bar_h * 0.25, 3, bar_h * 1.5))
            painter.setPen(pal.color(QPalette.ColorRole.WindowText))
            painter.drawText(
                QRectF(self.width() - value_w, row_top, value_w, line),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                f"{fmt_number(score)} / {fmt_number(maximum, 0)}",
            )
        painter.end()


class ScorePanel(QScrollArea):
    def __init__(self, criteria: Criteria, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.criteria = criteria
        self.lang = language()
        self.setWidgetResizable(True)
        # A frame, so that the style shows when Tab has brought the keyboard here (to scroll it).
        self.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QWidget()
        inner.setObjectName("scorePanel")
        layout = QVBoxLayout(inner)
        self.title = title = wrap_label(self.tr("实时评分"), "panelTitle")
        scale_font(title, 1.2, bold=True)
        layout.addWidget(title)
        self.total = QLabel("—")
        self.total.setObjectName("scoreTotal")
        scale_font(self.total, 2.6, bold=True)
        self.total.setAccessibleName(self.tr("总分"))
        layout.addWidget(self.total)
        self.grade = wrap_label("", "scoreGrade")
        scale_font(self.grade, 1.25)
        layout.addWidget(self.grade)
        self.state = wrap_label("", "pageHint")
        layout.addWidget(self.state)
        self.compare = wrap_label("", "fieldMessage")  # the saved assessment beside the sandbox
        self.compare.hide()
        layout.addWidget(self.compare)
        self.bars = DimensionBars()
        layout.addWidget(self.bars)
        self.vetoes = wrap_label("", "fieldMessage")
        text_colour(self.vetoes, ERROR)
        self.vetoes.hide()
        layout.addWidget(self.vetoes)
        layout.addWidget(wrap_label(self.tr("短板（为何未达到更高等级）"), "panelHeading"))
        self.board = wrap_label("", selectable=True)
        layout.addWidget(self.board)
        layout.addWidget(wrap_label(self.tr("失分项及满分所需数值"), "panelHeading"))
        self.gaps = wrap_label("", selectable=True)
        layout.addWidget(self.gaps)
        layout.addStretch(1)
        self.setWidget(inner)
        self.ring = FocusRing(self)
        self.set_result(None, "")

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.ring.follow()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.ring.follow()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.ring.follow()

    @property
    def total_text(self) -> str:
        return self.total.text()

    def set_comparison(self, saved: Result | None, trying: bool) -> None:
        """In the sandbox: the saved assessment's total, grade and bars beside the sandbox's."""
        self.title.setText(self.tr("试算评分") if trying else self.tr("实时评分"))
        if not trying:
            self.compare.hide()
            return
        if saved is None:
            self.compare.setText(self.tr("已保存的评估：暂无法评分"))
        else:
            grade = self.criteria.grade(saved.grade).name.get(self.lang)
            self.compare.setText(
                self.tr("已保存的评估：%1 分，%2（竖线为已保存的各维度得分）")
                .replace("%1", fmt_number(saved.total_rounded))
                .replace("%2", grade)
            )
            if self.bars.items:
                self.bars.set_items(self.bars.items, [d.rounded for d in saved.dimensions])
        self.compare.show()

    def set_result(self, result: Result | None, message: str) -> None:
        lang = self.lang
        if result is None:
            self.total.setText("—")
            self.grade.setText(self.tr("暂无法评分"))
            self.state.setText(message or self.tr("填写能源消费等数据后显示得分。"))
            self.bars.set_items([(d.name.get(lang), 0.0, d.max_points) for d in self.criteria.dimensions])
            self.board.setText("")
            self.gaps.setText("")
            self.vetoes.hide()
            return
        self.total.setText(fmt_number(result.total_rounded))
        grade = self.criteria.grade(result.grade).name.get(lang)
        self.grade.setText(self.tr("等级：%1").replace("%1", grade))
        if result.complete:
            self.state.setText(self.tr("已全部填写。"))
        else:
            self.state.setText(
                self.tr("草稿：尚有 %1 项未填写，暂按 0 分计。").replace("%1", str(len(result.missing)))
            )
        self.bars.set_items([(d.name.get(lang), d.rounded, d.max_points) for d in result.dimensions])
        failed = [v for v in result.vetoes if v.status == "fail"]
        if failed:
            names = "、".join(f"{v.id} {v.title.get(lang)}" for v in failed)
            self.vetoes.setText(self.tr("前提条件未满足：%1").replace("%1", names))
            self.vetoes.show()
        else:
            self.vetoes.hide()
        self.board.setText("\n".join("• " + item.get(lang) for item in result.short_board) or self.tr("无"))
        lines = []
        for gap in result.gaps:
            lines.append(
                self.tr("• %1 %2：失 %3 分；当前 %4 → %5")
                .replace("%1", gap.indicator)
                .replace("%2", gap.title.get(lang))
                .replace("%3", fmt_number(gap.lost_points))
                .replace("%4", gap.current.get(lang))
                .replace("%5", gap.target.get(lang))
            )
        self.gaps.setText("\n".join(lines) or self.tr("无失分项。"))
