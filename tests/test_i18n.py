"""The language layer: which language is chosen, the Spanish catalog is whole and
its compiled form matches it, and a missing or broken catalog never breaks the app."""

from __future__ import annotations

import gettext
from datetime import date, datetime

import pytest

from tui import i18n
from tui.i18n import _, choose_language, format_date, ngettext


# --- choosing -----------------------------------------------------------------

@pytest.mark.parametrize("code, expected", [
    ("es", "es"), ("es_US.UTF-8", "es"), ("es-MX", "es"), ("ES", "es"), ("en_GB", "en"),
    ("fr_FR.UTF-8", None), ("C.UTF-8", None), ("POSIX", None), ("", None), (None, None),
])
def test_codes_are_read_the_way_locales_write_them(code, expected):
    assert i18n.normalize(code) == expected


def test_the_order_is_option_then_saved_choice_then_environment_then_site():
    spanish_env = {"LANG": "es_US.UTF-8"}

    assert choose_language("en", "es", spanish_env, "es") == "en"
    assert choose_language(None, "en", spanish_env, "es") == "en"
    assert choose_language(None, None, spanish_env, "en") == "es"
    assert choose_language(None, None, {"LANG": "C.UTF-8"}, "es") == "es"
    assert choose_language(None, None, {}, None) == "en"


def test_language_lists_are_read_in_order_and_unknown_ones_skipped():
    assert i18n.language_from_environment({"LANGUAGE": "fr:es:en", "LANG": "en_US.UTF-8"}) == "es"
    assert i18n.language_from_environment({"LANGUAGE": "", "LC_ALL": "es_MX.UTF-8"}) == "es"
    assert i18n.language_from_environment({"LANG": "de_DE.UTF-8"}) is None


def test_a_language_we_lack_leaves_english():
    assert i18n.set_language("fr") == "en"
    assert _("Help") == "Help"


# --- the Spanish catalog ----------------------------------------------------------

def test_every_marked_text_has_a_spanish_translation_and_none_is_fuzzy():
    po_path, _mo = i18n.catalog_paths("es")
    entries = i18n.read_po(po_path.read_text(encoding="utf-8"))
    fuzzy = [entry["msgid"] for entry in entries if entry["fuzzy"] and entry["msgid"]]
    known = i18n._translations_of(entries)

    missing = [key for key in i18n.source_messages() if key not in known]

    assert not fuzzy, f"fuzzy entries: {fuzzy[:10]}"
    assert not missing, (f"{len(missing)} texts shown in the app are not in the Spanish catalog "
                         f"(run python -m tui.i18n update, then translate): {missing[:10]}")


def test_the_compiled_catalog_matches_its_po():
    """The committed .mo must be rebuilt whenever the .po changes."""
    import io

    po_path, mo_path = i18n.catalog_paths("es")
    from_po = gettext.GNUTranslations(io.BytesIO(
        i18n.compile_mo(i18n.read_po(po_path.read_text(encoding="utf-8")))))
    with mo_path.open("rb") as file:
        committed = gettext.GNUTranslations(file)

    assert committed._catalog == from_po._catalog, (
        "recovery_plan.mo is older than recovery_plan.po: run python -m tui.i18n update")


def test_placeholders_survive_translation():
    """A translation that drops or renames a {placeholder} would crash .format()."""
    import re

    po_path, _mo = i18n.catalog_paths("es")
    for entry in i18n.read_po(po_path.read_text(encoding="utf-8")):
        if not entry["msgid"]:
            continue
        wanted = set(re.findall(r"\{[^}]*\}|%\([^)]*\)[a-z]|%[a-z]", entry["msgid"]))
        forms = list(entry["msgstr_plural"].values()) if entry["msgid_plural"] else [entry["msgstr"]]
        if entry["msgid_plural"]:
            wanted |= set(re.findall(r"\{[^}]*\}|%\([^)]*\)[a-z]|%[a-z]", entry["msgid_plural"]))
        for form in forms:
            if not form:
                continue  # untranslated: the test above says so
            got = set(re.findall(r"\{[^}]*\}|%\([^)]*\)[a-z]|%[a-z]", form or ""))
            # the singular form may leave out a count it spells ("un paso")
            assert got <= wanted and (entry["msgid_plural"] or got == wanted), (entry["msgid"], form)


def test_spanish_is_used_once_switched():
    i18n.set_language("es")

    assert _("Help") == "Teclas"  # F1, named apart from F9 ("Ayuda ahora")
    assert i18n.language() == "es"


# --- a catalog that is missing or broken ------------------------------------------

def test_without_the_compiled_catalog_the_po_is_read(tmp_path, monkeypatch):
    po_path, _mo = i18n.catalog_paths("es")
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "recovery_plan.po").write_text(po_path.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(i18n, "_loaded", {})

    assert i18n.set_language("es") == "es"
    assert _("Help") == "Teclas"  # F1, named apart from F9 ("Ayuda ahora")
    assert ngettext("{n} step", "{n} steps", 3) == ngettext("{n} step", "{n} steps", 3)


def test_a_broken_catalog_leaves_english(tmp_path, monkeypatch):
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "recovery_plan.mo").write_bytes(b"not a catalog")
    (folder / "recovery_plan.po").write_text('msgid "Help"\nmsgstr unquoted\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(i18n, "_loaded", {})

    assert i18n.set_language("es") == "en"
    assert _("Help") == "Help"


def test_no_catalog_at_all_leaves_english(tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(i18n, "_loaded", {})

    assert i18n.set_language("es") == "en"


def test_the_po_reader_and_mo_writer_agree_with_gettext():
    text = (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#: a.py:1\nmsgid "Save"\nmsgstr "Guardar"\n\n'
        '#, fuzzy\nmsgid "Goals"\nmsgstr "Metas"\n\n'
        'msgid "{n} step"\nmsgid_plural "{n} steps"\nmsgstr[0] "{n} paso"\nmsgstr[1] "{n} pasos"\n\n'
        'msgid ""\n"two\\n"\n"lines \\"quoted\\""\nmsgstr "dos\\nlíneas"\n'
    )
    import io

    translations = gettext.GNUTranslations(io.BytesIO(i18n.compile_mo(i18n.read_po(text))))

    assert translations.gettext("Save") == "Guardar"
    assert translations.gettext("Goals") == "Goals"  # fuzzy entries are not used
    assert translations.ngettext("{n} step", "{n} steps", 2) == "{n} pasos"
    assert translations.ngettext("{n} step", "{n} steps", 1) == "{n} paso"
    assert translations.gettext('two\nlines "quoted"') == "dos\nlíneas"


def test_a_broken_po_says_which_line():
    with pytest.raises(ValueError, match="line 2"):
        i18n.read_po('msgid "Save"\nmsgstr Guardar\n')


# --- dates -------------------------------------------------------------------------

def test_dates_are_written_the_spanish_way():
    thursday = date(2026, 11, 26)
    i18n.set_language("es")

    assert format_date(thursday, "long") == "jueves, 26 de noviembre de 2026"
    assert format_date(thursday, "medium") == "26 nov 2026"
    assert format_date(thursday, "numeric") == "jue 26/11"
    assert i18n.format_moment(datetime(2026, 12, 4, 9, 5)) == "4 dic 2026 09:05"


def test_dates_in_english_are_unchanged():
    thursday = date(2026, 11, 26)

    assert format_date(thursday, "long") == "Thursday, November 26, 2026"
    assert format_date(thursday, "numeric") == "Thu 11/26"
    assert format_date(thursday, "weekday") == "Thu Nov 26"
