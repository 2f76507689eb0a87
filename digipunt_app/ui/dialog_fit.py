"""Dialogs as big as their text needs, at any text size and in any language (issue 2).

A top-level window does not follow the height-for-width of word-wrapped labels: Qt sizes a dialog
from its size hint, and at 200% text or with a longer translation the wrapped lines need more
height than that, so the last line was cut off. ``fit_to_contents`` resizes a dialog to the
height its contents need at its width (never narrower than ``min_width``, never wider than the
screen) and only ever grows a dialog that is already on screen (a message that appears later).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog


def fit_to_contents(dialog: QDialog, min_width: int = 0) -> None:
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    need = dialog.minimumSizeHint()
    width = max(dialog.sizeHint().width(), min_width, need.width())
    screen = dialog.screen()
    if screen is not None:  # wrap more lines rather than run off a small screen
        width = max(min(width, screen.availableGeometry().width()), need.width())
    if dialog.isVisible():
        width = max(width, dialog.width())
    height = (layout.totalHeightForWidth(width) if layout.hasHeightForWidth()
              else dialog.sizeHint().height())
    height = max(height, need.height())
    if dialog.isVisible():
        height = max(height, dialog.height())
    dialog.resize(width, height)
