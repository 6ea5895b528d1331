"""The dashboard's colours meet WCAG 2.2 AA contrast, read from the shipped stylesheet and the
chart palette (text 4.5:1, chart marks 3:1), and the focus ring shows on light and dark."""

from __future__ import annotations

import re

import pytest

from bot.web.charts import COLOURS, PALETTE
from bot.web.page import HERE

CSS = (HERE / "static" / "dashboard.css").read_text(encoding="utf-8")
VARIABLES = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", CSS))
HEADER = "#0b2e4f"


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("ink", "paper"),
        ("ink", "wash"),
        ("muted", "paper"),
        ("muted", "wash"),
        ("accent", "paper"),
        ("accent", "wash"),
        ("accent-ink", "accent"),
        ("paper", "danger"),  # badges
        ("paper", "warn"),
    ],
)
def test_text_colours_meet_aa(text: str, background: str) -> None:
    assert contrast(VARIABLES[text], VARIABLES[background]) >= 4.5


def test_the_header_and_the_focus_ring_are_visible() -> None:
    assert f"background: {HEADER}" in CSS
    assert contrast("#ffffff", HEADER) >= 4.5
    ring = re.search(r":focus-visible \{ outline: 3px solid (#\w+);.*box-shadow: [^#]*(#\w+)", CSS)
    assert ring is not None
    inner, outer = ring.groups()
    # The yellow ring stands out on the dark header, the dark one on the white pages.
    assert contrast(inner, HEADER) >= 3 and contrast(outer, VARIABLES["paper"]) >= 3


@pytest.mark.parametrize("colour", sorted({*COLOURS.values(), *PALETTE}))
def test_chart_colours_stand_out_on_white(colour: str) -> None:
    assert contrast(colour, "#ffffff") >= 3
