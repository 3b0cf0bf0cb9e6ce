"""Which characters a Linux console font can show, and which of the app's it can't.

The Linux console draws each character from a font of 256 or 512 glyphs; a
character the font lacks comes out as its replacement glyph (a box, a diamond
or "?"). A console font (PSF version 1 or 2, often gzip'd, as in
/usr/share/consolefonts) carries a table of the Unicode characters each glyph
stands for: that table is read here, without the kernel or the kbd tools.

`recovery-plan check-font FONT...` checks the app's texts in every language and
the characters it draws on a console against a font; the console tests use the
same functions on what the app writes to the screen.
"""

from __future__ import annotations

import gzip
import string
import struct
import unicodedata
import zlib
from pathlib import Path

from tui.i18n import _

PSF1_MAGIC = b"\x36\x04"
PSF2_MAGIC = b"\x72\xb5\x4a\x86"
PSF1_MODE512, PSF1_MODEHASTAB = 0x01, 0x02
PSF2_HAS_UNICODE_TABLE = 0x01

# What the app itself draws on a console, beside its texts (see tui/console.py and
# app.tcss): field and dialog frames (rounded corners are drawn square by the
# fonts), the scrollbar's block, the footer's separator, ticks and done marks.
CONSOLE_DRAWING = "─│┌┐└┘╭╮╰╯█|[]X*" + string.digits
# Shown among a person's words or in the app's lines: ASCII letters, digits, signs.
ASCII = "".join(chr(code) for code in range(0x20, 0x7F))


class FontError(Exception):
    """The file is not a console font with a Unicode table; the message says why."""


def font_characters(path: str | Path) -> set[str]:
    """Every character the font's Unicode table maps to a glyph (sequences left out)."""
    path = Path(path)
    try:
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        raise FontError(_("{file} can't be read: {error}").format(file=path, error=error)) from None
    except zlib.error:  # the compressed data itself is damaged
        raise FontError(_("{file} can't be read: {error}").format(
            file=path, error=_("it is damaged"))) from None
    try:
        if data[:4] == PSF2_MAGIC:
            return _psf2_characters(path, data)
        if data[:2] == PSF1_MAGIC:
            return _psf1_characters(path, data)
    except (struct.error, IndexError):
        raise FontError(_("{file} is cut short or damaged.").format(file=path)) from None
    raise FontError(_("{file} is not a console font (PSF).").format(file=path))


def _psf1_characters(path: Path, data: bytes) -> set[str]:
    mode, glyph_size = data[2], data[3]
    if not mode & PSF1_MODEHASTAB:
        raise FontError(_("{file} has no table of the characters it can show.").format(file=path))
    glyphs = 512 if mode & PSF1_MODE512 else 256
    if len(data) <= 4 + glyphs * glyph_size:
        raise IndexError("no table after the glyphs")
    table = data[4 + glyphs * glyph_size:]
    codes = struct.unpack(f"<{len(table) // 2}H", table[:len(table) // 2 * 2])
    found: set[str] = set()
    in_sequence = False
    for code in codes:
        if code == 0xFFFF:  # end of this glyph's entries
            in_sequence = False
        elif code == 0xFFFE:  # combining sequences follow
            in_sequence = True
        elif not in_sequence:
            found.add(chr(code))
    return found


def _psf2_characters(path: Path, data: bytes) -> set[str]:
    _version, header_size, flags, glyphs, glyph_size, _height, _width = \
        struct.unpack("<7I", data[4:32])
    if not flags & PSF2_HAS_UNICODE_TABLE:
        raise FontError(_("{file} has no table of the characters it can show.").format(file=path))
    if len(data) <= header_size + glyphs * glyph_size:
        raise IndexError("no table after the glyphs")
    found: set[str] = set()
    # Each glyph: UTF-8 characters, then 0xFE and sequences, then 0xFF.
    for entry in data[header_size + glyphs * glyph_size:].split(b"\xff")[:glyphs]:
        found.update(entry.split(b"\xfe")[0].decode("utf-8", "replace"))
    found.discard("\ufffd")
    return found


def missing(text: str, font: set[str]) -> set[str]:
    """The characters of `text` the font can't show (line ends and tabs aside)."""
    return {character for character in set(text) - font if character not in "\n\r\t"}


def describe(characters: set[str]) -> str:
    """Like "U+258A ▊ LEFT THREE QUARTERS BLOCK", one a line."""
    return "\n".join(f"U+{ord(c):04X} {c} {unicodedata.name(c, '(no name)')}"
                     for c in sorted(characters))


def app_texts() -> dict[str, str]:
    """Everything the app's own texts can put on the screen, by where it comes from:
    the English texts, each translation, and the console's drawing."""
    from tui.i18n import LANGUAGE_NAMES, LOCALE_DIR, read_po

    texts = {_("in the English texts"): ASCII, _("in what the app draws on a console"): CONSOLE_DRAWING}
    english: list[str] = []
    for po in sorted(Path(LOCALE_DIR).glob("*/LC_MESSAGES/*.po")):
        entries = read_po(po.read_text(encoding="utf-8"))
        translated = []
        for entry in entries:
            if not entry["msgid"]:
                continue  # the catalog's header
            english.extend([entry["msgid"], entry["msgid_plural"] or ""])
            translated.extend([entry["msgstr"] or "", *entry["msgstr_plural"].values()])
        language = LANGUAGE_NAMES.get(po.parts[-3], po.parts[-3])
        texts[_("in the texts in {language}").format(language=language)] = "".join(translated)
    texts[_("in the English texts")] += "".join(english)
    return texts


def check_fonts(paths: list[str]) -> tuple[str, bool]:
    """A report of what each font lacks of the app's characters, and whether all is well."""
    texts = app_texts()
    lines, all_well = [], True
    for path in paths:
        font = font_characters(path)
        lacking = {where: missing(text, font) for where, text in texts.items()}
        lacking = {where: characters for where, characters in lacking.items() if characters}
        if not lacking:
            lines.append(_("{file}: every character the app draws is in this font.").format(file=path))
            continue
        all_well = False
        lines.append(_("{file} lacks:").format(file=path))
        for where, characters in lacking.items():
            lines.append(f"  {where}:")
            lines.extend("    " + line for line in describe(characters).splitlines())
    return "\n".join(lines), all_well
