"""Charts of a report, drawn with matplotlib (no Qt, no pyplot). See docs/CHARTS.md.

matplotlib is imported inside the functions, never at module import, so importing this module (or
starting the app) costs nothing; the first chart pays the import once. Every function draws onto a
``matplotlib.figure.Figure`` that the caller owns: the dashboard puts it in a ``FigureCanvasQTAgg``,
the PNG and PDF exports render it with Agg / the PDF backend.

Readable at a glance: big fonts, one colour-blind-safe palette (Okabe-Ito), the value written on
every bar, hatching besides colour for the estimated part of the reach (colour is never the only
signal).
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from digipunt_app.core.reports_labels import MONTHS_NL, format_int, format_number
from digipunt_app.core.reports_model import Breakdown, Reach

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# Okabe & Ito (2008), safe for the common colour-vision deficiencies.
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREEN = "#009E73"
VERMILLION = "#D55E00"
SKY = "#56B4E9"
PURPLE = "#CC79A7"
TEXT = "#1A1A1A"
GRID = "#BBBBBB"
PALETTE = (BLUE, ORANGE, GREEN, VERMILLION, SKY, PURPLE)

FONT_SIZE = 13
MAX_BARS = 12  # more categories than this: the smallest are drawn as one "Overige" bar

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


def new_figure(width_in: float = 8.0, height_in: float = 4.5, dpi: int = 100) -> Figure:
    """A Figure not tied to pyplot (safe in worker threads and in Qt widgets)."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width_in, height_in), dpi=dpi, layout="constrained")


def draw_breakdown(
    ax: Axes,
    breakdown: Breakdown,
    *,
    font_size: float = FONT_SIZE,
    words: dict[str, str] | None = None,
) -> None:
    """Draw ``breakdown`` on ``ax``: vertical bars in time order, or horizontal bars biggest
    first; the value on every bar; a plain sentence when there is nothing to show.
    ``words`` overrides entries of ``WORDS`` (and ``value_name``, the value axis title)."""
    w = {**WORDS, "value_name": breakdown.value_name, **(words or {})}
    ax.set_title(breakdown.title, fontsize=font_size + 3, loc="left", color=TEXT, pad=10)
    if not breakdown.lines or breakdown.total == 0:
        _empty(ax, font_size, w)
        return
    if breakdown.kind == "time":
        _time_bars(ax, breakdown, font_size, w)
    else:
        _category_bars(ax, breakdown, font_size, w)


def draw_reach(
    ax: Axes,
    reaches: tuple[Reach, ...] | list[Reach],
    *,
    font_size: float = FONT_SIZE,
    words: dict[str, str] | None = None,
) -> None:
    """Unique adults per scope as horizontal bars: exact part solid, estimated part hatched,
    with the funding tiers as labelled dashed lines."""
    w = {**WORDS, **(words or {})}
    ax.set_title(w["reach_title"], fontsize=font_size + 3, loc="left", color=TEXT, pad=22)
    if not reaches:
        _empty(ax, font_size, w)
        return
    names = [_wrap(r.label, 22) for r in reaches][::-1]
    exact = [r.with_code for r in reaches][::-1]
    guessed = [r.estimated for r in reaches][::-1]
    y = list(range(len(reaches)))
    ax.barh(y, exact, color=BLUE, label=w["exact"], height=0.6)
    ax.barh(
        y,
        guessed,
        left=exact,
        color=ORANGE,
        hatch="///",
        edgecolor="#7A5200",
        linewidth=0.5,
        label=w["estimated"],
        height=0.6,
    )
    tiers = sorted({t for r in reaches for t in r.tiers})
    biggest = max([r.total for r in reaches] + tiers)
    ax.set_xlim(0, biggest * 1.45)  # room for the number behind the longest bar
    for tier in tiers:
        ax.axvline(tier, color="#555555", linestyle="--", linewidth=1.2)
        ax.text(
            tier,
            1.0,
            format_int(tier),
            ha="center",
            va="bottom",
            fontsize=font_size - 3,
            color="#333333",
            transform=ax.get_xaxis_transform(),
        )
    for yi, reach in zip(y, reaches[::-1], strict=True):
        short = w["estimated_short"]
        note = f"\n({format_int(reach.estimated)} {short})" if reach.estimated else ""
        ax.text(
            reach.total + biggest * 0.015,
            yi,
            f"{format_int(reach.total)}{note}",
            va="center",
            fontsize=font_size - 1,
            color=TEXT,
            fontweight="bold",
        )
    ax.set_yticks(y, names, fontsize=font_size)
    ax.set_ylim(-0.6, len(reaches) - 0.4)
    ax.tick_params(axis="x", labelsize=font_size - 3)
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12),
        ncol=2,
        fontsize=font_size - 3,
        frameon=False,
    )
    _tidy(ax, axis="x")


def render_png(
    path: Path,
    breakdown: Breakdown | None = None,
    reaches: tuple[Reach, ...] | None = None,
    *,
    width_in: float = 8.0,
    height_in: float = 4.5,
    dpi: int = 100,
) -> Path:
    """Write one chart (a breakdown, or the reach) to a PNG file with the Agg renderer."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = new_figure(width_in, height_in, dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    if breakdown is not None:
        draw_breakdown(ax, breakdown)
    else:
        draw_reach(ax, reaches or ())
    fig.savefig(path, format="png")
    return path


# --- internals -----------------------------------------------------------------------------
def _category_bars(ax: Axes, breakdown: Breakdown, font_size: float, w: dict[str, str]) -> None:
    lines = [line for line in breakdown.lines if line.value]
    if len(lines) > MAX_BARS:
        rest = lines[MAX_BARS - 1 :]
        lines = lines[: MAX_BARS - 1]
        labels = [line.label for line in lines] + [f"{w['other']} ({len(rest)})"]
        values = [line.value for line in lines] + [sum(line.value for line in rest)]
    else:
        labels = [line.label for line in lines]
        values = [line.value for line in lines]
    labels = [_wrap(label, 26) for label in labels][::-1]
    values = values[::-1]
    y = list(range(len(values)))
    bars = ax.barh(y, values, color=BLUE, height=0.65)
    ax.bar_label(
        bars,
        labels=[format_number(v, breakdown.decimals) for v in values],
        padding=4,
        fontsize=font_size - 1,
        color=TEXT,
    )
    ax.set_yticks(y, labels, fontsize=font_size - 1)
    ax.set_xlim(0, max(values) * 1.18)
    ax.tick_params(axis="x", labelsize=font_size - 3)
    ax.set_xlabel(w["value_name"], fontsize=font_size - 2)
    _tidy(ax, axis="x")


def _time_bars(ax: Axes, breakdown: Breakdown, font_size: float, w: dict[str, str]) -> None:
    lines = breakdown.lines
    years = {line.code[:4] for line in lines}
    crowded = len(lines) > 16
    weeks = "-W" in lines[0].code
    labels = [_short_time_label(line.code, len(years) > 1, crowded) for line in lines]
    values = [line.value for line in lines]
    x = list(range(len(values)))
    bars = ax.bar(x, values, color=BLUE, width=0.7)
    ax.bar_label(
        bars,
        # a crowded chart leaves empty weeks blank (no bar, no number); the table lists them
        labels=[format_number(v, breakdown.decimals) if v or not crowded else "" for v in values],
        padding=3,
        fontsize=font_size - (4 if crowded else 1),
        rotation=90 if crowded else 0,
        color=TEXT,
    )
    step = max(1, -(-len(values) // 13))  # at most 13 tick labels
    ax.set_xticks(x[::step], labels[::step], fontsize=font_size - 2)
    ax.set_xlim(-0.6, len(values) - 0.4)
    if crowded and weeks:
        ax.set_xlabel(
            w["week"] + (f" ({'-'.join(sorted(years))})" if years else ""), fontsize=font_size - 2
        )
    top = max(values) or 1
    ax.set_ylim(0, top * (1.3 if crowded else 1.15))
    ax.set_ylabel(w["value_name"], fontsize=font_size - 2)
    ax.tick_params(axis="y", labelsize=font_size - 3)
    _tidy(ax, axis="y")


def _short_time_label(code: str, with_year: bool, crowded: bool = False) -> str:
    if "-W" in code:  # 2026-W03
        year, week = code.split("-W")
        if crowded:
            return str(int(week))
        return f"wk {int(week)}" + (f"\n{year}" if with_year else "")
    year, month = code.split("-")  # 2026-01
    name = MONTHS_NL[int(month) - 1][:3]
    return f"{name}\n{year}" if with_year else name


def _empty(ax: Axes, font_size: float, w: dict[str, str]) -> None:
    ax.text(
        0.5,
        0.5,
        w["empty"],
        ha="center",
        va="center",
        fontsize=font_size,
        color="#555555",
        transform=ax.transAxes,
    )
    ax.set_axis_off()


def _tidy(ax: Axes, axis: str) -> None:
    from matplotlib.ticker import FuncFormatter

    value_axis = ax.xaxis if axis == "x" else ax.yaxis
    value_axis.set_major_formatter(FuncFormatter(lambda v, _pos: format_number(v, 0)))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis=axis, color=GRID, linewidth=0.6, alpha=0.7)
    ax.set_axisbelow(True)


def _wrap(label: str, width: int) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def chart_height(breakdown: Breakdown, base: float = 1.6, per_bar: float = 0.38) -> float:
    """A figure height (inches) that gives every horizontal bar room for its label."""
    if breakdown.kind == "time":
        return 4.2
    bars = min(len([x for x in breakdown.lines if x.value]), MAX_BARS)
    return max(2.6, base + per_bar * bars)
