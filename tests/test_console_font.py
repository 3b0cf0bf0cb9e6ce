"""The console font check: reading a font's table of characters, and every
character of the app's texts (English and Spanish) in Debian's console fonts."""

from __future__ import annotations

import gzip
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from tui.config import Config, ConfigError
from tui.console import is_console
from tui.console_font import FontError, app_texts, check_fonts, font_characters, missing

FONT_DIR = Path("/usr/share/consolefonts")
SCRIPT = Path(sys.executable).with_name("recovery-plan")


def psf2(characters: list[str], glyph_size: int = 16) -> bytes:
    """A PSF2 font with one glyph per entry of `characters` (each entry's
    characters share the glyph), and a combining sequence on the first."""
    header = b"\x72\xb5\x4a\x86" + struct.pack("<7I", 0, 32, 1, len(characters), glyph_size, 16, 8)
    table = b""
    for index, entry in enumerate(characters):
        table += entry.encode()
        if index == 0:
            table += b"\xfe" + "e\u0301".encode()  # a sequence: not a character of its own
        table += b"\xff"
    return header + bytes(len(characters) * glyph_size) + table


def psf1(characters: list[str]) -> bytes:
    glyphs = 256
    header = bytes([0x36, 0x04, 0x02, 16])
    table = b""
    for index in range(glyphs):
        entry = characters[index] if index < len(characters) else ""
        table += b"".join(struct.pack("<H", ord(c)) for c in entry)
        if index == 0:
            table += struct.pack("<HHH", 0xFFFE, ord("e"), 0x0301)
        table += struct.pack("<H", 0xFFFF)
    return header + bytes(glyphs * 16) + table


def test_a_psf2_fonts_table_is_read(tmp_path):
    font = tmp_path / "small.psf.gz"
    font.write_bytes(gzip.compress(psf2(["Aa", "ñ", "─╭"])))

    assert font_characters(font) == {"A", "a", "ñ", "─", "╭"}
    assert missing("Añ¿\n", font_characters(font)) == {"¿"}


def test_a_psf1_fonts_table_is_read(tmp_path):
    font = tmp_path / "small.psf"
    font.write_bytes(psf1(["Bb", "¿", "█"]))

    assert font_characters(font) == {"B", "b", "¿", "█"}


@pytest.mark.parametrize("content, message", [
    (b"not a font at all", "is not a console font"),
    (psf2(["A"])[:40], "cut short or damaged"),
    (b"\x1f\x8b broken gzip", "can't be read"),
])
def test_a_file_that_is_no_font_is_said_plainly(tmp_path, content, message):
    path = tmp_path / "font.psf"
    path.write_bytes(content)

    with pytest.raises(FontError, match=message):
        font_characters(path)
    result = subprocess.run([str(SCRIPT), "check-font", str(path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr


def test_a_damaged_gzipped_font_is_said_plainly(tmp_path):
    """A .psf.gz whose compressed data is damaged (a bad copy, a disk error):
    zlib's own error, not gzip's, used to end in a traceback."""
    import gzip

    packed = bytearray(gzip.compress(psf2(["A", "B", "C"] * 50)))
    packed[12:20] = b"\xff" * 8
    path = tmp_path / "font.psf.gz"
    path.write_bytes(bytes(packed))

    with pytest.raises(FontError, match="can't be read"):
        font_characters(path)
    result = subprocess.run([str(SCRIPT), "check-font", str(path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "can't be read" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_check_font_lists_what_a_font_lacks(tmp_path):
    everything = "".join(app_texts().values())
    font = tmp_path / "no-spanish.psf"
    font.write_bytes(psf2(sorted(set(everything) - set("ñ¿"))))

    result = subprocess.run([str(SCRIPT), "check-font", str(font)], capture_output=True,
                            text=True, env={**os.environ, "LANGUAGE": "en"})

    assert result.returncode == 1
    assert "U+00F1 ñ LATIN SMALL LETTER N WITH TILDE" in result.stdout
    assert "U+00BF ¿ INVERTED QUESTION MARK" in result.stdout
    assert "in the texts in Español" in result.stdout


def test_the_app_draws_nothing_the_console_fonts_lack():
    """Every character of every text the app has, in English and Spanish, and of
    its console drawing, is in Lat15-Fixed16 and Uni2-VGA16."""
    fonts = [FONT_DIR / f"{name}.psf.gz" for name in ("Lat15-Fixed16", "Uni2-VGA16")]
    if not all(font.exists() for font in fonts):
        if os.environ.get("CI") == "true":
            pytest.fail("Debian's console-setup-linux is required in CI")
        pytest.skip("the console fonts are not installed (Debian's console-setup-linux)")
    texts = app_texts()
    assert any("ñ" in text for text in texts.values())  # the Spanish texts are in

    report, all_well = check_fonts([str(font) for font in fonts])

    assert all_well, report


def test_the_console_is_known_by_term_or_by_the_site():
    assert is_console(None, {"TERM": "linux"})
    assert not is_console(None, {"TERM": "xterm-256color"})
    assert is_console(True, {"TERM": "xterm-256color"})
    assert not is_console(False, {"TERM": "linux"})


@pytest.mark.parametrize("raw, message", [
    ({"display": {"console": "yes"}}, "display.console must be true or false"),
    ({"display": {"fields": "lines"}}, "display.fields must be boxes or underlines"),
])
def test_a_wrong_display_setting_says_what_to_write(raw, message):
    config = Config(raw=raw, source=Path("config.toml"))
    with pytest.raises(ConfigError, match=message):
        config.console, config.fields
    assert Config(raw={}).fields == "boxes" and Config(raw={}).console is None
