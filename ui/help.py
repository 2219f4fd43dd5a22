"""使用说明: the user guide (resources/help/help_<lang>.html), opened from 帮助 and with F1 on every page
at the section that explains the page shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.resources import resource_path
from ui.i18n import language

if TYPE_CHECKING:
    from app.wizard_flow import WizardFlow

# Wizard pages whose section in the guide has the page's own id as its anchor.
_PAGE_ANCHORS = frozenset({"profile", "prerequisites", "process", "energy", "governance", "emission", "evidence",
                           "review", "plan", "export"})  # fmt: skip


def help_html(lang: str) -> str:
    path = resource_path("help", f"help_{'en' if lang == 'en' else 'zh'}.html")
    return path.read_text(encoding="utf-8")


class HelpDialog(QDialog):
    def __init__(self, anchor: str = "start", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("使用说明"))
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(help_html(language()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        fm = self.fontMetrics()
        self.resize(fm.horizontalAdvance("M") * 76, fm.height() * 44)
        self.anchor = anchor
        self.browser.scrollToAnchor(anchor)

    def showEvent(self, event: object) -> None:  # the scroll position needs the laid-out document
        super().showEvent(event)  # type: ignore[arg-type]
        self.browser.scrollToAnchor(self.anchor)

    @staticmethod
    def topic_for(page: str | None, flow: WizardFlow | None) -> str:
        """The guide's section for a wizard page (None: the list, or no assessment open)."""
        if page is None:
            return "start"
        if page in _PAGE_ANCHORS:
            return page
        if flow is not None and page in flow.page_ids and flow.page(page).kind == "dimension":
            return "dimensions"  # a dimension of another criteria set
        return "start"

    @classmethod
    def run(cls, anchor: str, parent: QWidget | None) -> None:
        """Show the guide; tests replace this classmethod."""
        cls(anchor, parent).exec()
