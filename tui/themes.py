"""Themes for any terminal: the Linux console gets 16 ANSI colours by itself,
a high-contrast theme can be chosen, NO_COLOR is honoured (Textual turns the
screen monochrome), and no meaning is carried by colour alone anywhere."""

from __future__ import annotations

import os
from collections.abc import Mapping

from textual.theme import Theme

DEFAULT_THEME = "textual-dark"
SIXTEEN_COLOUR_THEME = "ansi-dark"  # Textual's own, in the terminal's 16 colours
HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFFF00",
    error="#FF5555",
    success="#55FF55",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#FFFFFF",
    dark=True,
    variables={
        "border": "#FFFFFF",
        "border-blurred": "#888888",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "input-cursor-background": "#FFFF00",
        "input-cursor-foreground": "#000000",
        "footer-key-foreground": "#FFFF00",
    },
)
CHOICES = (DEFAULT_THEME, SIXTEEN_COLOUR_THEME, HIGH_CONTRAST.name)

# Terminals that show 16 colours at most.
FEW_COLOUR_TERMS = ("linux", "vt100", "vt220", "ansi", "cons25", "xterm-16color")


def choose_theme(configured: str | None, environ: Mapping[str, str] = os.environ) -> str:
    """The site's choice if it names one; else 16 colours on the Linux console
    and other few-colour terminals; else the default."""
    if configured in CHOICES:
        return configured
    term = environ.get("TERM", "")
    if term in FEW_COLOUR_TERMS or term.endswith("-16color"):
        return SIXTEEN_COLOUR_THEME
    return DEFAULT_THEME
