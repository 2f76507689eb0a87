"""A report chart inside a Qt widget, painted with QPainter. See docs/CHARTS.md.

The drawing itself is ``digipunt_app.ui.chart_painter``, shared with the PNG and PDF exports, so
the screen and the forwarded PDF show the same chart. The widget keeps the plain ``Breakdown`` or
``Reach`` list and repaints it in ``paintEvent`` at its current size and font.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

from digipunt_app.core.reports_model import Breakdown, Reach
from digipunt_app.ui import chart_painter


def chart_font_size() -> float:
    """Chart text follows the app font (system size and the 100-200 % setting)."""
    app = QApplication.instance()
    size = app.font().pointSizeF() if isinstance(app, QApplication) else 10.0
    return max(10.0, (size if size > 0 else 10.0) * 1.15)


def chart_words() -> dict[str, str]:
    """The words drawn inside charts, in the UI language (``reports_charts.WORDS`` keys)."""
    return {
        "reach_title": QCoreApplication.translate("ChartView", "Unieke volwassenen bereikt"),
        "exact": QCoreApplication.translate("ChartView", "met bezoekerscode (exact)"),
        "estimated": QCoreApplication.translate("ChartView", "geschat: eerste bezoek zonder code"),
        "estimated_short": QCoreApplication.translate("ChartView", "geschat"),
        "other": QCoreApplication.translate("ChartView", "Overige"),
        "week": QCoreApplication.translate("ChartView", "Week"),
        "empty": QCoreApplication.translate("ChartView", "Geen gegevens in deze periode"),
    }


class ChartView(QWidget):
    """One chart; ``show_breakdown`` or ``show_reach`` sets what it paints."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(320)
        self.breakdown: Breakdown | None = None
        self.reaches: tuple[Reach, ...] | None = None
        self.words: dict[str, str] = {}

    def show_breakdown(self, breakdown: Breakdown, value_name: str | None = None) -> None:
        self.breakdown, self.reaches = breakdown, None
        self.words = chart_words() | {"value_name": value_name or breakdown.value_name}
        height = chart_painter.breakdown_height(breakdown, self, chart_font_size())
        self._fit(height)
        self.setAccessibleName(breakdown.title)

    def show_reach(self, reaches: tuple[Reach, ...]) -> None:
        self.breakdown, self.reaches = None, tuple(reaches)
        self.words = chart_words()
        self._fit(chart_painter.reach_height(self.reaches, self, chart_font_size()))
        self.setAccessibleName(self.words["reach_title"])

    def _fit(self, height: float) -> None:
        self.setFixedHeight(int(height + 16))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        rect = QRectF(self.rect()).adjusted(8, 8, -8, -8)
        font = chart_font_size()
        if self.breakdown is not None:
            chart_painter.paint_breakdown(
                painter, rect, self.breakdown, font_pt=font, words=self.words
            )
        elif self.reaches is not None:
            chart_painter.paint_reach(painter, rect, self.reaches, font_pt=font, words=self.words)
        painter.end()
