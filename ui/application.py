"""Starting the desktop program (a first window; the wizard arrives with its own issue)."""

from __future__ import annotations

import argparse
import sys


def run_gui(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("双近零标杆企业自评估")
    window.setCentralWidget(QLabel("双近零标杆企业自评估"))
    window.resize(960, 640)
    window.show()
    return int(app.exec())
