"""Colour contrast after WCAG 2.1 (relative luminance, contrast ratio), for the header.

The accent colour fills the navigation bar; its text is black or white, whichever contrasts
more. One of the two always reaches at least 4.58:1, above the 4.5:1 of level AA for normal
text, so every accent colour is accepted.
"""

from __future__ import annotations

BLACK = "#000000"
WHITE = "#ffffff"
AA_NORMAL_TEXT = 4.5


def _channel(value: int) -> float:
    srgb = value / 255
    return srgb / 12.92 if srgb <= 0.04045 else ((srgb + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """The relative luminance of "#rrggbb" (0 black … 1 white)."""
    text = colour.lstrip("#")
    red, green, blue = (int(text[index : index + 2], 16) for index in (0, 2, 4))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    """The contrast ratio of two colours, 1 … 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(background: str) -> str:
    """Black or white, whichever is easier to read on ``background``."""
    if contrast_ratio(BLACK, background) >= contrast_ratio(WHITE, background):
        return BLACK
    return WHITE
