"""Languages: Simplified Chinese is the source language; English comes from Qt Linguist files.

`resources/translations/dnz_en.ts` is the translation source (kept in the repository) and
`dnz_en.qm` is built from it by `scripts/build_translations.py`. Texts from the criteria and
factor data are bilingual in the data itself (LocalText.get(lang)).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.resources import resource_path

_installed: list[QTranslator] = []
_language = "zh"


def qm_path(lang: str) -> str:
    return str(resource_path("translations", f"dnz_{lang}.qm"))


def install_language(app: QCoreApplication, lang: str) -> bool:
    """Switch the program's translators; True when everything needed was found."""
    global _language
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    _language = "en" if lang == "en" else "zh"
    ok = True
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if _language == "en":
        ours = QTranslator(app)
        ok = ours.load(qm_path("en"))
        if ok:
            app.installTranslator(ours)
            _installed.append(ours)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    else:
        # Qt's own texts (buttons of standard dialogs, file dialogs, context menus) in Chinese too:
        # Qt's qtbase_zh_CN (copied beside ours by build.spec, else from the Qt installation), then
        # qt_extra_zh_CN for the few file-dialog texts Qt's translation lacks (installed last, asked first).
        ok = False
        for name, folders in (("qtbase_zh_CN", (str(resource_path("translations")), qt_dir)),
                              ("qt_extra_zh_CN", (str(resource_path("translations")),))):  # fmt: skip
            qt = QTranslator(app)
            if any(qt.load(name, folder) for folder in folders):
                app.installTranslator(qt)
                _installed.append(qt)
                ok = True
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return ok


def qt_translations_loaded() -> list[str]:
    """The files of the translators installed now (tests: Qt's own Chinese is really there)."""
    return [t.filePath() for t in _installed]


def language() -> str:
    """"zh" or "en": which side of the data's bilingual texts to show."""
    return _language
