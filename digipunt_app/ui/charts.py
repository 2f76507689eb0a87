"""A report chart inside a Qt widget (matplotlib's ``FigureCanvasQTAgg``). See docs/CHARTS.md.

matplotlib is imported when the first ``ChartView`` is made (the dashboard builds its charts only
when its tab is first shown), never at app start. The drawing itself is
``digipunt_app.core.reports_charts``, shared with the PNG/PDF exports, so the screen and the
forwarded PDF show the same chart.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QSizePolicy, QVBoxLayout, QWidget

from digipunt_app.core.reports_model import Breakdown, Reach


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
    """One chart; ``show_breakdown`` or ``show_reach`` redraws it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        from digipunt_app.core.reports_charts import new_figure

        self.figure = new_figure(7.0, 3.6)
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)

    def show_breakdown(self, breakdown: Breakdown, value_name: str | None = None) -> None:
        from digipunt_app.core.reports_charts import chart_height, draw_breakdown

        self.figure.clear()
        words = chart_words() | {"value_name": value_name or breakdown.value_name}
        draw_breakdown(
            self.figure.add_subplot(), breakdown, font_size=chart_font_size(), words=words
        )
        self._fit(chart_height(breakdown))
        self.canvas.setAccessibleName(breakdown.title)

    def show_reach(self, reaches: tuple[Reach, ...]) -> None:
        from digipunt_app.core.reports_charts import draw_reach

        self.figure.clear()
        draw_reach(
            self.figure.add_subplot(), reaches, font_size=chart_font_size(), words=chart_words()
        )
        self._fit(max(2.4, 1.5 + 0.6 * len(reaches)))

    def _fit(self, height_in: float) -> None:
        scale = chart_font_size() / 11.5  # bigger text needs a taller chart
        pixels = int(height_in * self.figure.dpi * max(1.0, scale))
        self.canvas.setFixedHeight(pixels)
        self.canvas.draw_idle()
