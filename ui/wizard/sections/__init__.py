"""Editors for the input sections of the answers document, one module per editor.

`box.SectionBox` is the card every editor is built on; `specs.SECTION_EDITORS` says which editor
each section gets and `make_sections` builds them for a page.
"""

from ui.wizard.sections.box import SectionBox
from ui.wizard.sections.form import FieldsSection
from ui.wizard.sections.intensity import IntensitySection
from ui.wizard.sections.outlets import OutletsSection
from ui.wizard.sections.scalar import ScalarSection
from ui.wizard.sections.specs import SECTION_EDITORS, make_sections
from ui.wizard.sections.water import WaterSection

__all__ = [
    "SECTION_EDITORS",
    "FieldsSection",
    "IntensitySection",
    "OutletsSection",
    "ScalarSection",
    "SectionBox",
    "WaterSection",
    "make_sections",
]
