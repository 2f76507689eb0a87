"""Report charts painted with QPainter: one routine per chart kind. See docs/CHARTS.md.

The same routines paint on screen (``ui.charts.ChartView``), into PNG images (``render_png``) and
into the A4 PDF (``ui.report_pdf``), so the forwarded report looks like the dashboard. They take a
plain ``Breakdown`` or ``Reach`` list, a ``QRectF`` on the painter's device and a font size in
points; every distance is derived from the font's height on that device, so a chart scales with
the 100-200 % setting, the screen and the PDF resolution alike.

Readable at a glance: big fonts, one colour-blind-safe palette (Okabe & Ito), the value written on
every bar, the estimated part of the reach hatched as well as coloured and named in a legend
(colour is never the only signal). QPainter on a QImage or a QPdfWriter is safe off the GUI thread.
"""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPaintDevice,
    QPainter,
    QPen,
)

from digipunt_app.core.reports_charts import (
    BLUE,
    GRID,
    MUTED,
    ORANGE,
    ORANGE_EDGE,
    TEXT,
    WORDS,
    bar_count,
    category_bars,
    is_crowded,
    label_step,
    time_bars,
    time_caption,
)
from digipunt_app.core.reports_labels import format_int, format_number
from digipunt_app.core.reports_model import Breakdown, Reach

FONT_PT = 13.0
_ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_ALIGN_CENTER = Qt.AlignmentFlag.AlignCenter
_WRAP = int(Qt.TextFlag.TextWordWrap)

_app: QGuiApplication | None = None


def ensure_gui_app() -> None:
    """Fonts need a Q(Gui)Application. Headless (``digipunt export --format pdf`` in a script, no
    display on Linux) one is made with the offscreen platform. A QApplication (not only a
    QGuiApplication) so that widgets made later in the same process still work."""
    global _app
    if QGuiApplication.instance() is not None:
        return
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    _app = QApplication(["digipunt"])


def chart_font(point_size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


class _Pen:
    """Fonts and metrics of one chart on one device."""

    def __init__(self, device: QPaintDevice, font_pt: float) -> None:
        self.device = device
        self.pt = font_pt
        self.title = chart_font(font_pt + 3, bold=True)
        self.body = chart_font(font_pt)
        self.bold = chart_font(font_pt, bold=True)
        self.small = chart_font(max(6.0, font_pt - 3))
        self.em = self.metrics(self.body).height()

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.device)

    def width(self, font: QFont, text: str) -> float:
        metrics = self.metrics(font)
        return max((metrics.horizontalAdvance(part) for part in text.split("\n")), default=0.0)

    def height(self, font: QFont, lines: int = 1) -> float:
        return self.metrics(font).lineSpacing() * lines


def _text(
    painter: QPainter, rect: QRectF, text: str, font: QFont, flags: int, colour: str = TEXT
) -> None:
    painter.setFont(font)
    painter.setPen(QColor(colour))
    painter.drawText(rect, int(flags), text)


def _title(painter: QPainter, pen: _Pen, rect: QRectF, title: str) -> float:
    """Write the chart title at the top left; return the y below it."""
    height = pen.height(pen.title) * 1.5
    box = QRectF(rect.left(), rect.top(), rect.width(), height)
    _text(painter, box, title, pen.title, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return rect.top() + height


def _empty(painter: QPainter, pen: _Pen, rect: QRectF, words: dict[str, str]) -> None:
    _text(painter, rect, words["empty"], pen.body, _ALIGN_CENTER, MUTED)


def _wrap(label: str, width: int) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


# --- breakdowns ----------------------------------------------------------------------------
def paint_breakdown(
    painter: QPainter,
    rect: QRectF,
    breakdown: Breakdown,
    *,
    font_pt: float = FONT_PT,
    words: dict[str, str] | None = None,
) -> None:
    """Paint ``breakdown`` into ``rect``: vertical bars in time order, or horizontal bars biggest
    first; the value on every bar; a plain sentence when there is nothing to show. ``words``
    overrides entries of ``WORDS`` (and ``value_name``, the caption of the value axis)."""
    w = {**WORDS, "value_name": breakdown.value_name, **(words or {})}
    pen = _Pen(painter.device(), font_pt)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    top = _title(painter, pen, rect, breakdown.title)
    body = QRectF(rect.left(), top, rect.width(), max(0.0, rect.bottom() - top))
    if not breakdown.lines or breakdown.total == 0:
        _empty(painter, pen, body, w)
    elif breakdown.kind == "time":
        _time_chart(painter, pen, body, breakdown, w)
    else:
        _category_chart(painter, pen, body, breakdown, w)
    painter.restore()


def breakdown_height(breakdown: Breakdown, device: QPaintDevice, font_pt: float = FONT_PT) -> float:
    """The height (device pixels) that gives ``breakdown``'s chart room for every bar label."""
    pen = _Pen(device, font_pt)
    title = pen.height(pen.title) * 1.5
    if not breakdown.lines or breakdown.total == 0:
        return title + pen.em * 3
    if breakdown.kind == "time":
        return title + pen.em * 13
    rows = sum(
        max(1.7, 1.15 * _wrap(bar.label, 26).count("\n") + 1.5)
        for bar in category_bars(breakdown, w_other(None))
    )
    return title + pen.em * (rows + 2.2)


def w_other(words: dict[str, str] | None) -> str:
    return (words or {}).get("other", WORDS["other"])


def _category_chart(
    painter: QPainter, pen: _Pen, rect: QRectF, breakdown: Breakdown, w: dict[str, str]
) -> None:
    bars = category_bars(breakdown, w["other"])
    labels = [_wrap(bar.label, 26) for bar in bars]
    values = [format_number(bar.value, breakdown.decimals) for bar in bars]
    gap = pen.em * 0.5
    label_width = min(rect.width() * 0.4, max(pen.width(pen.body, text) for text in labels) + gap)
    value_room = max(pen.width(pen.body, text) for text in values) + gap * 1.5
    caption = pen.height(pen.small) * 1.8
    x0 = rect.left() + label_width + gap
    span = max(1.0, rect.right() - value_room - x0)
    weights = [max(1.7, 1.15 * label.count("\n") + 1.5) for label in labels]
    unit = (rect.height() - caption) / sum(weights)
    biggest = max(bar.value for bar in bars) or 1.0
    y = rect.top()
    for bar, label, value, weight in zip(bars, labels, values, weights, strict=True):
        row = unit * weight
        thickness = min(row * 0.7, pen.em * 1.4)
        middle = y + row / 2
        _text(
            painter,
            QRectF(rect.left(), y, label_width, row),
            label,
            pen.body,
            _ALIGN_RIGHT,
        )
        length = span * bar.value / biggest
        painter.fillRect(QRectF(x0, middle - thickness / 2, length, thickness), QColor(BLUE))
        _text(
            painter,
            QRectF(x0 + length + gap * 0.6, y, value_room + gap, row),
            value,
            pen.body,
            _ALIGN_LEFT,
        )
        y += row
    painter.setPen(QPen(QColor(GRID), max(1.0, pen.em / 14)))
    painter.drawLine(QPointF(x0, rect.top()), QPointF(x0, y))
    _text(
        painter,
        QRectF(x0, y, span, caption),
        w["value_name"],
        pen.small,
        _ALIGN_CENTER,
        MUTED,
    )


def _time_chart(
    painter: QPainter, pen: _Pen, rect: QRectF, breakdown: Breakdown, w: dict[str, str]
) -> None:
    bars = time_bars(breakdown)
    crowded = is_crowded(breakdown)
    number_font = pen.small if crowded else pen.body
    values = [
        format_number(bar.value, breakdown.decimals) if bar.value or not crowded else ""
        for bar in bars
    ]
    label_lines = max(label.label.count("\n") + 1 for label in bars)
    caption_text = time_caption(breakdown, w["week"])
    labels_height = pen.height(pen.body, label_lines) + pen.em * 0.3
    caption = pen.height(pen.small) * 1.5 if caption_text else 0.0
    axis = pen.height(pen.small) * 1.6  # the value name, written upwards
    if crowded:
        headroom = max(pen.width(number_font, v) for v in values) + pen.em * 0.4
    else:
        headroom = pen.height(number_font) * 1.2
    x0, x1 = rect.left() + axis, rect.right()
    base = rect.bottom() - labels_height - caption
    top = rect.top() + headroom
    slot = (x1 - x0) / len(bars)
    biggest = max(bar.value for bar in bars) or 1.0
    step = label_step(len(bars))
    for index, (bar, value) in enumerate(zip(bars, values, strict=True)):
        left = x0 + index * slot
        height = max(0.0, (base - top) * bar.value / biggest)
        painter.fillRect(
            QRectF(left + slot * 0.15, base - height, slot * 0.7, height), QColor(BLUE)
        )
        if value and crowded:
            painter.save()
            painter.translate(left + slot / 2, base - height - pen.em * 0.2)
            painter.rotate(-90)
            _text(
                painter,
                QRectF(0, -slot / 2, headroom, slot),
                value,
                number_font,
                _ALIGN_LEFT,
            )
            painter.restore()
        elif value:
            box = QRectF(left - slot, base - height - pen.height(number_font) * 1.1, slot * 3, 0)
            box.setHeight(pen.height(number_font))
            _text(painter, box, value, number_font, _ALIGN_CENTER)
        if index % step == 0:
            _text(
                painter,
                QRectF(left - slot, base + pen.em * 0.2, slot * 3, labels_height),
                bar.label,
                pen.body,
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            )
    painter.setPen(QPen(QColor(GRID), max(1.0, pen.em / 14)))
    painter.drawLine(QPointF(x0, base), QPointF(x1, base))
    if caption_text:
        box = QRectF(x0, rect.bottom() - caption, x1 - x0, caption)
        _text(painter, box, caption_text, pen.small, _ALIGN_CENTER, MUTED)
    painter.save()
    painter.translate(rect.left(), (top + base) / 2)
    painter.rotate(-90)
    box = QRectF(-(base - top) / 2, 0, base - top, axis)
    _text(painter, box, w["value_name"], pen.small, _ALIGN_CENTER, MUTED)
    painter.restore()


# --- reach ---------------------------------------------------------------------------------
def paint_reach(
    painter: QPainter,
    rect: QRectF,
    reaches: Sequence[Reach],
    *,
    font_pt: float = FONT_PT,
    words: dict[str, str] | None = None,
) -> None:
    """Unique adults per scope as horizontal bars: the exact part solid blue, the estimated part
    orange and hatched, the funding tiers as labelled dashed lines, a legend below."""
    w = {**WORDS, **(words or {})}
    pen = _Pen(painter.device(), font_pt)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    top = _title(painter, pen, rect, w["reach_title"])
    body = QRectF(rect.left(), top, rect.width(), max(0.0, rect.bottom() - top))
    if not reaches:
        _empty(painter, pen, body, w)
    else:
        _reach_chart(painter, pen, body, list(reaches), w)
    painter.restore()


def reach_height(reaches: Sequence[Reach], device: QPaintDevice, font_pt: float = FONT_PT) -> float:
    pen = _Pen(device, font_pt)
    title = pen.height(pen.title) * 1.5
    if not reaches:
        return title + pen.em * 3
    rows = sum(max(2.6, 1.15 * _wrap(r.label, 22).count("\n") + 1.6) for r in reaches)
    return title + pen.em * (rows + 4.6)


def _reach_chart(
    painter: QPainter, pen: _Pen, rect: QRectF, reaches: list[Reach], w: dict[str, str]
) -> None:
    gap = pen.em * 0.5
    labels = [_wrap(r.label, 22) for r in reaches]
    totals = [format_int(r.total) for r in reaches]
    notes = [
        f"({format_int(r.estimated)} {w['estimated_short']})" if r.estimated else ""
        for r in reaches
    ]
    label_width = min(rect.width() * 0.35, max(pen.width(pen.body, x) for x in labels) + gap)
    value_room = (
        max(
            max(pen.width(pen.bold, t) for t in totals), max(pen.width(pen.small, n) for n in notes)
        )
        + gap * 1.5
    )
    tier_row = pen.height(pen.small) * 1.4
    legend = _legend_height(pen, rect.width(), w)
    x0 = rect.left() + label_width + gap
    span = max(1.0, rect.right() - value_room - x0)
    tiers = sorted({t for r in reaches for t in r.tiers})
    biggest = max([r.total for r in reaches] + tiers) or 1
    weights = [max(2.6, 1.15 * label.count("\n") + 1.6) for label in labels]
    rows_top = rect.top() + tier_row
    rows_bottom = rect.bottom() - legend
    unit = (rows_bottom - rows_top) / sum(weights)

    def x_of(value: float) -> float:
        return x0 + span * value / biggest

    y = rows_top
    for reach, label, total, note, weight in zip(
        reaches, labels, totals, notes, weights, strict=True
    ):
        row = unit * weight
        thickness = min(row * 0.6, pen.em * 1.6)
        bar_top = y + (row - thickness) / 2
        _text(painter, QRectF(rect.left(), y, label_width, row), label, pen.body, _ALIGN_RIGHT)
        exact = QRectF(x0, bar_top, x_of(reach.with_code) - x0, thickness)
        painter.fillRect(exact, QColor(BLUE))
        guessed = QRectF(exact.right(), bar_top, x_of(reach.total) - exact.right(), thickness)
        if reach.estimated:
            _hatched(painter, pen, guessed)
        end = x_of(reach.total) + gap * 0.6
        # the numbers get a white ground so that a tier line behind them never hides a digit
        height = pen.height(pen.bold) + (pen.height(pen.small) if note else 0.0)
        box = QRectF(end, y + (row - height) / 2, value_room, height)
        inner = QRectF(
            box.left(),
            box.top(),
            max(pen.width(pen.bold, total), pen.width(pen.small, note)),
            height,
        )
        painter.fillRect(inner.adjusted(-2, 0, 2, 0), QColor("white"))
        first = QRectF(box.left(), box.top(), box.width(), pen.height(pen.bold))
        _text(painter, first, total, pen.bold, _ALIGN_LEFT)
        if note:
            second = QRectF(box.left(), first.bottom(), box.width(), pen.height(pen.small))
            _text(painter, second, note, pen.small, _ALIGN_LEFT)
        y += row
    dash = QPen(QColor("#555555"), max(1.0, pen.em / 12), Qt.PenStyle.DashLine)
    for tier in tiers:
        x = x_of(tier)
        painter.setPen(dash)
        painter.drawLine(QPointF(x, rows_top), QPointF(x, rows_bottom))
        text = format_int(tier)
        width = pen.width(pen.small, text) + gap
        box = QRectF(x - width / 2, rect.top(), width, tier_row)
        _text(painter, box, text, pen.small, _ALIGN_CENTER, "#333333")
    painter.setPen(QPen(QColor(GRID), max(1.0, pen.em / 14)))
    painter.drawLine(QPointF(x0, rows_top), QPointF(x0, rows_bottom))
    _legend(painter, pen, QRectF(rect.left(), rows_bottom, rect.width(), legend), w)


def _hatched(painter: QPainter, pen: _Pen, rect: QRectF) -> None:
    """Orange with dark diagonal hatching and an outline: recognisable without colour."""
    if rect.width() <= 0:
        return
    painter.save()
    painter.fillRect(rect, QColor(ORANGE))
    painter.setClipRect(rect)
    painter.setPen(QPen(QColor(ORANGE_EDGE), max(1.0, pen.em / 16)))
    spacing = max(3.0, pen.em * 0.4)
    x = rect.left() - rect.height()
    while x < rect.right():
        painter.drawLine(QPointF(x, rect.bottom()), QPointF(x + rect.height(), rect.top()))
        x += spacing
    painter.setClipping(False)
    painter.setPen(QPen(QColor(ORANGE_EDGE), max(1.0, pen.em / 16)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect)
    painter.restore()


def _legend_items(w: dict[str, str]) -> list[tuple[str, bool]]:
    return [(w["exact"], False), (w["estimated"], True)]


def _legend_height(pen: _Pen, width: float, w: dict[str, str]) -> float:
    line = pen.height(pen.small) * 1.6
    return line * (1 if _legend_width(pen, w) <= width else 2) + pen.em * 0.3


def _legend_width(pen: _Pen, w: dict[str, str]) -> float:
    swatch = pen.em * 1.6
    return sum(swatch + pen.width(pen.small, t) + pen.em for t, _ in _legend_items(w))


def _legend(painter: QPainter, pen: _Pen, rect: QRectF, w: dict[str, str]) -> None:
    line = pen.height(pen.small) * 1.6
    swatch = pen.em * 1.2
    one_line = _legend_width(pen, w) <= rect.width()
    x = rect.center().x() - _legend_width(pen, w) / 2 if one_line else rect.left()
    y = rect.top() + pen.em * 0.3
    for text, hatched in _legend_items(w):
        box = QRectF(x, y + (line - swatch * 0.7) / 2, swatch, swatch * 0.7)
        if hatched:
            _hatched(painter, pen, box)
        else:
            painter.fillRect(box, QColor(BLUE))
        width = pen.width(pen.small, text) + pen.em
        _text(
            painter, QRectF(x + swatch + pen.em * 0.4, y, width, line), text, pen.small, _ALIGN_LEFT
        )
        if one_line:
            x += swatch + pen.em * 0.4 + width
        else:
            y += line


# --- PNG -----------------------------------------------------------------------------------
def render_image(
    breakdown: Breakdown | None = None,
    reaches: Sequence[Reach] | None = None,
    *,
    width: int = 800,
    height: int = 450,
    dpi: int = 100,
    font_pt: float = FONT_PT,
) -> QImage:
    """One chart (a breakdown, or the reach) on a white image of ``width`` x ``height`` pixels;
    ``dpi`` sets how many pixels a point of text takes (200 dpi for a 200 % image)."""
    ensure_gui_app()
    image = QImage(width, height, QImage.Format.Format_RGB32)
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(QColor("white"))
    painter = QPainter(image)
    margin = QFontMetricsF(chart_font(font_pt), image).height() * 0.6
    rect = QRectF(margin, margin, width - 2 * margin, height - 2 * margin)
    if breakdown is not None:
        paint_breakdown(painter, rect, breakdown, font_pt=font_pt)
    else:
        paint_reach(painter, rect, reaches or (), font_pt=font_pt)
    painter.end()
    return image


def render_png(
    path: Path,
    breakdown: Breakdown | None = None,
    reaches: Sequence[Reach] | None = None,
    *,
    width: int = 800,
    height: int = 450,
    dpi: int = 100,
) -> Path:
    """Write one chart to a PNG file (see ``render_image``)."""
    image = render_image(breakdown, reaches, width=width, height=height, dpi=dpi)
    if not image.save(str(path), "PNG"):
        raise OSError(f"kan {path} niet schrijven")
    return Path(path)


__all__ = [
    "bar_count",
    "breakdown_height",
    "ensure_gui_app",
    "paint_breakdown",
    "paint_reach",
    "reach_height",
    "render_image",
    "render_png",
]
