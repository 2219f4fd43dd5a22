"""One API for messages to the user. Every message is also logged; tests swap in a recorder.

notify.error(parent, title, text)      notify.info(...)      notify.warn(...)
notify.ask(parent, title, text) -> bool
notify.choose(parent, title, text, [option, …]) -> index of the option chosen
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from ui.log import logger

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


class Notifier(Protocol):
    def show(self, parent: QWidget | None, level: str, title: str, text: str, detail: str = "") -> None: ...
    def ask(
        self, parent: QWidget | None, title: str, text: str, *, default_yes: bool = False,
        yes_text: str = "", no_text: str = "",
    ) -> bool: ...  # fmt: skip
    def choose(self, parent: QWidget | None, title: str, text: str, options: list[str], default: int = 0) -> int: ...


class DialogNotifier:
    """Real message boxes."""

    def show(self, parent: QWidget | None, level: str, title: str, text: str, detail: str = "") -> None:
        from PySide6.QtWidgets import QMessageBox

        icon = {
            "error": QMessageBox.Icon.Critical,
            "warn": QMessageBox.Icon.Warning,
        }.get(level, QMessageBox.Icon.Information)
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
        if detail:
            box.setDetailedText(detail)
        box.exec()

    def ask(
        self, parent: QWidget | None, title: str, text: str, *, default_yes: bool = False,
        yes_text: str = "", no_text: str = "",
    ) -> bool:  # fmt: skip
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
        # Buttons say what they do ("打开已有评估"); Yes/No are translated by Qt's own translations.
        yes = box.addButton(QMessageBox.StandardButton.Yes)
        no = box.addButton(QMessageBox.StandardButton.No)
        if yes_text:
            yes.setText(yes_text)
        if no_text:
            no.setText(no_text)
        box.setDefaultButton(yes if default_yes else no)
        box.setEscapeButton(no)
        box.exec()
        return box.clickedButton() is yes

    def choose(self, parent: QWidget | None, title: str, text: str, options: list[str], default: int = 0) -> int:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
        buttons = [box.addButton(option, QMessageBox.ButtonRole.ActionRole) for option in options]
        box.setDefaultButton(buttons[default])
        box.setEscapeButton(buttons[-1])  # the last option is the way out
        box.exec()
        clicked = box.clickedButton()
        return buttons.index(clicked) if clicked in buttons else len(options) - 1


class RecordingNotifier:
    """For tests: remembers messages and answers questions from a queue (default: yes)."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, str, str]] = []
        self.questions: list[str] = []
        self.answers: list[bool] = []
        self.buttons: list[tuple[str, str]] = []  # the (yes, no) texts of each question

    def show(self, parent: QWidget | None, level: str, title: str, text: str, detail: str = "") -> None:
        self.messages.append((level, title, text))

    def ask(
        self, parent: QWidget | None, title: str, text: str, *, default_yes: bool = False,
        yes_text: str = "", no_text: str = "",
    ) -> bool:  # fmt: skip
        self.questions.append(text)
        self.buttons.append((yes_text, no_text))
        return self.answers.pop(0) if self.answers else True

    def choose(self, parent: QWidget | None, title: str, text: str, options: list[str], default: int = 0) -> int:
        self.questions.append(text)
        return default


_current: Notifier = DialogNotifier()


def set_notifier(notifier: Notifier) -> Notifier:
    """Replace the notifier (tests); returns the previous one."""
    global _current
    previous, _current = _current, notifier
    return previous


def error(parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
    logger("dnz.notify").error("%s: %s %s", title, text, detail)
    _current.show(parent, "error", title, text, detail)


def warn(parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
    logger("dnz.notify").warning("%s: %s", title, text)
    _current.show(parent, "warn", title, text, detail)


def info(parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
    logger("dnz.notify").info("%s: %s", title, text)
    _current.show(parent, "info", title, text, detail)


def ask(
    parent: QWidget | None, title: str, text: str, *, default_yes: bool = False, yes_text: str = "",
    no_text: str = "",
) -> bool:  # fmt: skip
    result = _current.ask(parent, title, text, default_yes=default_yes, yes_text=yes_text, no_text=no_text)
    logger("dnz.notify").info("asked %r -> %s", text, result)
    return result


def choose(parent: QWidget | None, title: str, text: str, options: list[str], default: int = 0) -> int:
    """One of several named answers (buttons); the last option is also what Esc or closing means."""
    result = _current.choose(parent, title, text, options, default)
    logger("dnz.notify").info("asked %r -> %s", text, options[result] if 0 <= result < len(options) else result)
    return result
