"""A layout that places its items left to right and wraps to a new line when the width runs out,
so rows of tiles and check boxes stay usable at 200% font size.

It is on the entry form, so it runs before the first paint: it never looks up the ``Qt``
namespace (see ``first_paint``). It does not override ``expandingDirections`` either (returning a
``Qt.Orientation`` would build that namespace): the host widgets sit in vertical layouts with a
stretch or a stretching table beside them, so they get no extra space either way.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 8) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._heights: dict[int, int] = {}  # width -> height, until the layout is invalidated
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    # --- QLayout interface -------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt naming)
        self._items.append(item)
        self._heights.clear()

    def invalidate(self) -> None:
        self._heights.clear()
        super().invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        self._heights.clear()
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._arrange(QRect(0, 0, width, 0), move=False)
        return height

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    # --- placement ---------------------------------------------------------------------------
    def _gaps(self, item: QLayoutItem) -> tuple[int, int]:
        """Horizontal and vertical gap after ``item``: the spacing given, else the style's."""
        if self._spacing >= 0:
            return self._spacing, self._spacing
        widget = item.widget()
        if widget is None:
            return 6, 6
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QSizePolicy

        button = QSizePolicy.ControlType.PushButton
        style = widget.style()
        return (
            style.layoutSpacing(button, button, Qt.Orientation.Horizontal),
            style.layoutSpacing(button, button, Qt.Orientation.Vertical),
        )

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line_height = area.x(), area.y(), 0
        for item in self._items:
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue
            hint = item.sizeHint()
            gap_x, gap_y = self._gaps(item)
            width = min(hint.width(), max(area.width(), 1))
            if x + width > area.right() + 1 and line_height > 0:
                x = area.x()
                y += line_height + gap_y
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += width + gap_x
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + m.bottom()

