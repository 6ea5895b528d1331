"""Charts drawn on the server as inline SVG: no JavaScript, no charting library, no requests.

Each ``Chart`` carries its SVG (``role="img"`` with a title and a description for screen
readers) and the same numbers as a table, which the page shows under the chart. Colours are
from a colour-blind-safe palette, each at least 3:1 against white, and every series is also
named in a legend and in the table, so colour is never the only cue.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

_ids = itertools.count(1)

#: Colour per series name; anything else gets the next colour of ``PALETTE``.
COLOURS: dict[str, str] = {
    "answered": "#0072B2",
    "clarified": "#6A3D9A",
    "fallback": "#B35C00",
    "smalltalk": "#767676",
    "escalation": "#B00020",
    "emergency": "#B00020",
    "urgent": "#B35C00",
    "helpful": "#007A5A",
    "not helpful": "#B00020",
    "all good": "#007A5A",
    "a question": "#0072B2",
    "something is wrong": "#B00020",
}
#: How many days the phone-sized "messages per day" chart shows.
NARROW_DAYS = 10
PALETTE = ("#0072B2", "#007A5A", "#B35C00", "#6A3D9A", "#767676", "#B00020", "#8A6D00")


@dataclass(frozen=True, slots=True)
class Series:
    """One named row of values, drawn in one colour."""

    name: str
    values: tuple[int, ...]
    colour: str = ""


@dataclass(frozen=True, slots=True)
class Chart:
    """An SVG chart and the table of its numbers."""

    title: str
    description: str
    svg: Markup
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: bool
    #: A version drawn for phone screens (fewer days, larger type), shown instead of
    #: ``svg`` on narrow screens; None when ``svg`` reads well at any width.
    svg_narrow: Markup | None = None
    narrow_note: str = ""


def _coloured(series: Sequence[Series]) -> list[Series]:
    spare = iter(itertools.cycle(PALETTE))
    return [
        s if s.colour else Series(s.name, s.values, COLOURS.get(s.name) or next(spare))
        for s in series
    ]


def _nice_max(value: int) -> int:
    if value <= 4:
        return 4
    step = 10 ** (len(str(value)) - 1)
    for factor in (1, 2, 5, 10):
        if value <= factor * step:
            return int(factor * step)
    return value  # pragma: no cover - the loop always returns


def _legend(series: Sequence[Series], y: float, width: float) -> tuple[list[str], int]:
    """A key under the chart, wrapped to ``width``; returns its parts and how many lines."""
    parts: list[str] = []
    x, lines = 0.0, 1
    for item in series:
        size = 22 + 7.5 * len(item.name)
        if x and x + size > width:
            x, y, lines = 0.0, y + 18, lines + 1
        label = escape(item.name)
        parts.append(
            f'<rect x="{x:.0f}" y="{y - 10:.0f}" width="11" height="11" fill="{item.colour}"/>'
            f'<text x="{x + 15:.0f}" y="{y:.0f}" font-size="13">{label}</text>'
        )
        x += size
    return parts, lines


def _frame(title: str, description: str, width: int, height: float, body: list[str]) -> Markup:
    number = next(_ids)
    return Markup(
        f'<svg class="chart" viewBox="0 0 {width} {height:.0f}" role="img" '
        f'aria-labelledby="chart{number}-t chart{number}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="chart{number}-t">{escape(title)}</title>'
        f'<desc id="chart{number}-d">{escape(description)}</desc>'
        f"{''.join(body)}</svg>"
    )


def _columns_svg(
    title: str, description: str, days: Sequence[date], series: Sequence[Series], width: int
) -> Markup:
    left, right, top, plot_h = 30, 20, 8, 150  # room on the right for the last day's label
    totals = [sum(s.values[i] for s in series) for i in range(len(days))]
    peak = _nice_max(max(totals, default=0))
    slot = (width - left - right) / max(1, len(days))
    bar = max(2.0, slot * 0.7)
    body: list[str] = []
    for fraction in (0.0, 0.5, 1.0):
        y = top + plot_h * (1 - fraction)
        body.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
            'stroke="#c8c8c8"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="12" text-anchor="end">'
            f"{round(peak * fraction)}</text>"
        )
    label_every = max(1, -(-len(days) // 7))
    last = len(days) - 1
    for index, day in enumerate(days):
        x = left + index * slot + (slot - bar) / 2
        y = top + plot_h
        for item in series:
            value = item.values[index]
            if not value:
                continue
            h = plot_h * value / peak
            y -= h
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{item.colour}"><title>{escape(day.isoformat())}: {value} '
                f"{escape(item.name)}</title></rect>"
            )
        if (last - index) % label_every == 0:  # always label the latest day
            body.append(
                f'<text x="{x + bar / 2:.1f}" y="{top + plot_h + 16}" font-size="12" '
                f'text-anchor="middle">{day:%d %b}</text>'
            )
    legend, lines = _legend(series, top + plot_h + 40, width)
    body += legend
    height = top + plot_h + 40 + 18 * lines
    return _frame(title, description, width, height, body)


def columns_by_day(
    title: str, description: str, days: Sequence[date], series: Sequence[Series]
) -> Chart:
    """Stacked columns, one per day, one colour per series (e.g. messages by kind).

    Drawn twice: every day for wide screens, and the last ``NARROW_DAYS`` days at a phone's
    width, so the day labels stay readable there instead of shrinking to a few pixels.
    """
    series = _coloured(series)
    totals = [sum(s.values[i] for s in series) for i in range(len(days))]
    narrow = None
    note = ""
    if len(days) > NARROW_DAYS:
        recent = [Series(s.name, s.values[-NARROW_DAYS:], s.colour) for s in series]
        narrow = _columns_svg(title, description, days[-NARROW_DAYS:], recent, 340)
        note = f"The last {NARROW_DAYS} days; every day is in the numbers below."
    rows = tuple(
        (day.isoformat(), *(str(s.values[i]) for s in series), str(totals[i]))
        for i, day in enumerate(days)
    )
    return Chart(
        title=title,
        description=description,
        svg=_columns_svg(title, description, days, series, 640),
        columns=("day", *(s.name for s in series), "total"),
        rows=rows,
        empty=not any(totals),
        svg_narrow=narrow,
        narrow_note=note,
    )


def bars(title: str, description: str, labels: Sequence[str], series: Sequence[Series]) -> Chart:
    """Stacked horizontal bars, one per label (a topic, a level, a check-in day).

    Each label sits on its own line above its bar, so long topic names are not cut and the
    chart is drawn at about a phone's width (its type stays readable there).
    """
    series = _coloured(series)
    width, row_h = 340, 40
    totals = [sum(s.values[i] for s in series) for i in range(len(labels))]
    peak = max(totals, default=0) or 1
    plot_w = width - 40
    body: list[str] = []
    for index, label in enumerate(labels):
        y = index * row_h
        short = label if len(label) <= 48 else label[:47] + "…"
        body.append(f'<text x="0" y="{y + 13}" font-size="13">{escape(short)}</text>')
        x = 0.0
        for item in series:
            value = item.values[index]
            if not value:
                continue
            w = plot_w * value / peak
            body.append(
                f'<rect x="{x:.1f}" y="{y + 18}" width="{w:.1f}" height="16" '
                f'fill="{item.colour}"><title>{escape(label)}: {value} '
                f"{escape(item.name)}</title></rect>"
            )
            x += w
        body.append(f'<text x="{x + 5:.1f}" y="{y + 31}" font-size="13">{totals[index]}</text>')
    height = len(labels) * row_h
    if len(series) > 1:
        legend, lines = _legend(series, height + 14, width)
        body += legend
        height += 6 + 18 * lines
    rows = tuple(
        (label, *(str(s.values[i]) for s in series), str(totals[i]))
        for i, label in enumerate(labels)
    )
    return Chart(
        title=title,
        description=description,
        svg=_frame(title, description, width, max(height, 30), body),
        columns=("", *(s.name for s in series), "total"),
        rows=rows,
        empty=not any(totals),
    )
