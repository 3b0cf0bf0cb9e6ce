"""A small chart of steps done week by week, readable at a glance and without
colour: bars where the terminal has the glyphs, and the numbers always."""

from __future__ import annotations

from rich.text import Text

from tui.console import on_console
from tui.i18n import _

BARS = " ▁▂▃▄▅▆▇█"


def can_draw_bars() -> bool:
    # The Linux console's fonts lack the eighth-block glyphs: numbers only there.
    return not on_console()


def spark_text(counts: list[int]) -> Text:
    """Like "▁ ▃█  0 1 0 3 8 (this week last)"."""
    text = Text()
    if can_draw_bars() and any(counts):
        top = max(counts)
        text.append("".join(BARS[0 if n == 0 else max(1, round(n / top * 8))] for n in counts))
        text.append("  ")
    text.append(" ".join(str(n) for n in counts))
    text.append("  " + _("(this week last)"), style="italic")
    return text
