"""What a report chart shows, as plain data (no Qt, no drawing). See docs/CHARTS.md.

``digipunt_app.ui.chart_painter`` paints these with QPainter on screen, into PNG images and into
the PDF report; this module holds the choices that do not depend on how they are drawn: the
colour-blind-safe palette, the Dutch words inside charts, which bars a breakdown draws (the
smallest categories grouped as "Overige (n)") and the short labels of weeks and months.
"""

from __future__ import annotations

from dataclasses import dataclass

from digipunt_app.core.reports_labels import MONTHS_NL
from digipunt_app.core.reports_model import Breakdown

# Okabe & Ito (2008), safe for the common colour-vision deficiencies.
BLUE = "#0072B2"
ORANGE = "#E69F00"
ORANGE_EDGE = "#7A5200"
GREEN = "#009E73"
VERMILLION = "#D55E00"
SKY = "#56B4E9"
PURPLE = "#CC79A7"
TEXT = "#1A1A1A"
MUTED = "#555555"
GRID = "#BBBBBB"
PALETTE = (BLUE, ORANGE, GREEN, VERMILLION, SKY, PURPLE)

MAX_BARS = 12  # more categories than this: the smallest are drawn as one "Overige" bar
CROWDED = 16  # more time bars than this: smaller, rotated numbers and sparse labels
MAX_TIME_LABELS = 13

# The words drawn inside charts (Dutch, as in the exports); the UI passes translations.
WORDS = {
    "reach_title": "Unieke volwassenen bereikt",
    "exact": "met bezoekerscode (exact)",
    "estimated": "geschat: eerste bezoek zonder code",
    "estimated_short": "geschat",
    "other": "Overige",
    "week": "Week",
    "empty": "Geen gegevens in deze periode",
}


@dataclass(frozen=True)
class Bar:
    """One bar to draw: its label (may hold a line break) and its value."""

    label: str
    value: float


def category_bars(breakdown: Breakdown, other: str = WORDS["other"]) -> list[Bar]:
    """The bars of a category chart, in table order (biggest first), without zero rows; beyond
    ``MAX_BARS`` the smallest are summed into one "Overige (n)" bar (the table keeps them all)."""
    lines = [line for line in breakdown.lines if line.value]
    if len(lines) <= MAX_BARS:
        return [Bar(line.label, line.value) for line in lines]
    rest = lines[MAX_BARS - 1 :]
    bars = [Bar(line.label, line.value) for line in lines[: MAX_BARS - 1]]
    bars.append(Bar(f"{other} ({len(rest)})", sum(line.value for line in rest)))
    return bars


def time_bars(breakdown: Breakdown) -> list[Bar]:
    """The bars of a time chart, every week or month of the period in order (also empty ones)."""
    lines = breakdown.lines
    years = {line.code[:4] for line in lines}
    crowded = len(lines) > CROWDED
    return [Bar(short_time_label(line.code, len(years) > 1, crowded), line.value) for line in lines]


def is_crowded(breakdown: Breakdown) -> bool:
    return breakdown.kind == "time" and len(breakdown.lines) > CROWDED


def time_caption(breakdown: Breakdown, week: str = WORDS["week"]) -> str:
    """The caption under a crowded week chart ("Week (2026)"); empty otherwise."""
    if not is_crowded(breakdown) or "-W" not in breakdown.lines[0].code:
        return ""
    years = sorted({line.code[:4] for line in breakdown.lines})
    return f"{week} ({'-'.join(years)})"


def label_step(count: int) -> int:
    """Label every n-th time bar so that at most ``MAX_TIME_LABELS`` labels are written."""
    return max(1, -(-count // MAX_TIME_LABELS))


def short_time_label(code: str, with_year: bool, crowded: bool = False) -> str:
    """``2026-W03`` -> ``wk 3`` (``3`` when crowded), ``2026-01`` -> ``jan``; with a second line
    for the year when the period spans years."""
    if "-W" in code:
        year, week = code.split("-W")
        if crowded:
            return str(int(week))
        return f"wk {int(week)}" + (f"\n{year}" if with_year else "")
    year, month = code.split("-")
    name = MONTHS_NL[int(month) - 1][:3]
    return f"{name}\n{year}" if with_year else name


def bar_count(breakdown: Breakdown) -> int:
    if breakdown.kind == "time":
        return len(breakdown.lines)
    return min(len([line for line in breakdown.lines if line.value]), MAX_BARS)
