"""The app's languages: English (the words in the code) and Spanish (a gettext catalog).

Every text a person sees goes through `_()` (or `ngettext()` for counts) when it
is shown. Texts fixed at class definition (key descriptions, tables of content)
are marked with `N_()` so the catalog tool finds them, and are passed through
`_()` where they are shown. A person's own words never go through `_()`.

One language is in effect per process (one person per session): `set_language`
switches it. The store uses this module too (its messages are shown as they
are), so it imports nothing of Textual.

The catalog lives in tui/locale/es/LC_MESSAGES/recovery_plan.po; the compiled
.mo beside it is committed (tests check it matches the .po). If the .mo is
missing the .po is read instead, so any install works. No system locale is
needed: month and day names are our own, and `locale.setlocale` is never called.

For translators: `python -m tui.i18n update` rereads the code, keeps every
translation, adds new texts untranslated and writes the .po and .mo;
`python -m tui.i18n check` lists what is untranslated.
"""

from __future__ import annotations

import gettext as _gettext
import io
import os
from datetime import date, datetime
from pathlib import Path

DOMAIN = "recovery_plan"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "es")  # English is the source language
LANGUAGE_NAMES = {"en": "English", "es": "Español"}  # each in its own language
DEFAULT_LANGUAGE = "en"

_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = DEFAULT_LANGUAGE
_loaded: dict[str, _gettext.NullTranslations] = {}


def _(message: str) -> str:
    """`message` in the language in effect."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a text that fits `count`, in the language in effect."""
    return _translations.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a text for the catalog without translating it now (it is shown later
    through `_()`, in the language in effect then)."""
    return message


def language() -> str:
    return _language


def normalize(code: str | None) -> str | None:
    """"es", "es_US.UTF-8", "es-MX" -> "es"; a language we don't have -> None."""
    if not code:
        return None
    primary = code.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return primary if primary in LANGUAGES else None


def language_from_environment(environ=None) -> str | None:
    """The first language we have that the environment asks for, as gettext reads it
    (LANGUAGE, a list; then LC_ALL, LC_MESSAGES, LANG). "C" and "POSIX" ask for none."""
    environ = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        for entry in value.split(":"):
            found = normalize(entry)
            if found:
                return found
    return None


def choose_language(option: str | None = None, saved: str | None = None,
                    environ=None, site: str | None = None) -> str:
    """`--lang`, then the person's saved choice, then the environment, then the site's."""
    for candidate in (option, saved):
        found = normalize(candidate)
        if found:
            return found
    return language_from_environment(environ) or normalize(site) or DEFAULT_LANGUAGE


def use_plan_language(config, plan) -> None:
    """Once the person is known, their saved language (unless --lang said
    otherwise): the command line and plain mode alike."""
    set_language(choose_language(config.language_option, plan.language, None, config.language))


def set_language(code: str | None) -> str:
    """Switch the language in effect; an unknown code, or a catalog that can't be
    read, leaves English. Returns the language now in effect."""
    global _translations, _language
    code = normalize(code) or DEFAULT_LANGUAGE
    translations = _load(code)
    if translations is None:
        code, translations = DEFAULT_LANGUAGE, _gettext.NullTranslations()
    _translations, _language = translations, code
    return code


def install_translations(translations: _gettext.NullTranslations, code: str) -> None:
    """Put a ready-made catalog in effect (tests use a pseudo-language)."""
    global _translations, _language
    _translations, _language = translations, code


def catalog_paths(code: str) -> tuple[Path, Path]:
    folder = LOCALE_DIR / code / "LC_MESSAGES"
    return folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"


def _load(code: str) -> _gettext.NullTranslations | None:
    if code == DEFAULT_LANGUAGE:
        return _gettext.NullTranslations()
    if code in _loaded:
        return _loaded[code]
    po_path, mo_path = catalog_paths(code)
    translations = None
    try:
        with mo_path.open("rb") as file:
            translations = _gettext.GNUTranslations(file)
    except (OSError, ValueError, UnicodeDecodeError):
        try:  # no compiled catalog (or a broken one): compile the .po in memory
            compiled = compile_mo(read_po(po_path.read_text(encoding="utf-8")))
            translations = _gettext.GNUTranslations(io.BytesIO(compiled))
        except (OSError, ValueError, UnicodeDecodeError):
            return None
    _loaded[code] = translations
    return translations


# --- .po reading and .mo writing (no gettext tools needed) ---------------------

def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError(f"not a quoted string: {text[:40]}")
    body, out, index = text[1:-1], [], 0
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            out.append(escapes.get(body[index + 1], body[index + 1]))
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def read_po(text: str) -> list[dict]:
    """The entries of a .po file: msgid, msgid_plural, msgstr, msgstr_plural,
    fuzzy, references and comments. Raises ValueError on a broken file."""
    entries: list[dict] = []
    entry: dict | None = None
    field: tuple | None = None

    def fresh() -> dict:
        return {"msgid": None, "msgid_plural": None, "msgstr": None, "msgstr_plural": {},
                "fuzzy": False, "references": [], "comments": [], "obsolete": False}

    def finish():
        nonlocal entry
        if entry is not None and entry["msgid"] is not None:
            entries.append(entry)
        entry = None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            field = None
            continue
        if line.startswith("#~"):
            continue  # obsolete entries are not used
        if line.startswith("#"):
            if entry is not None and entry["msgid"] is not None and field is not None \
                    and field[0] != "comment":
                finish()
            if entry is None:
                entry = fresh()
            field = ("comment",)
            if line.startswith("#,"):
                entry["fuzzy"] = entry["fuzzy"] or "fuzzy" in line
            elif line.startswith("#:"):
                entry["references"].extend(line[2:].split())
            elif line.startswith("#."):
                entry["comments"].append(line[2:].strip())
            continue
        try:
            if line.startswith("msgid_plural "):
                entry["msgid_plural"] = _unquote(line[13:])
                field = ("msgid_plural",)
            elif line.startswith("msgid "):
                if entry is not None and entry["msgid"] is not None:
                    finish()
                if entry is None:
                    entry = fresh()
                entry["msgid"] = _unquote(line[6:])
                field = ("msgid",)
            elif line.startswith("msgstr["):
                index = int(line[7:line.index("]")])
                entry["msgstr_plural"][index] = _unquote(line[line.index("]") + 1:])
                field = ("msgstr_plural", index)
            elif line.startswith("msgstr "):
                entry["msgstr"] = _unquote(line[7:])
                field = ("msgstr",)
            elif line.startswith('"') and field is not None and field[0] != "comment":
                if field[0] == "msgstr_plural":
                    entry["msgstr_plural"][field[1]] += _unquote(line)
                else:
                    entry[field[0]] += _unquote(line)
            else:
                raise ValueError("unexpected text")
        except (TypeError, ValueError, AttributeError) as error:
            raise ValueError(f"line {number} of the catalog can't be read: {error}") from None
    finish()
    return entries


def compile_mo(entries: list[dict]) -> bytes:
    """A .mo file (GNU format, little-endian) holding the header and the
    translated, not fuzzy entries."""
    import struct

    pairs: dict[bytes, bytes] = {}
    for entry in entries:
        if entry["msgid"] == "" and entry["msgstr"]:  # the header: charset, plural forms
            pairs[b""] = entry["msgstr"].encode("utf-8")
    for key, value in _translations_of(entries).items():
        if isinstance(key, tuple):
            key = "\0".join(key)
            value = "\0".join(value[index] for index in sorted(value))
        pairs[key.encode("utf-8")] = value.encode("utf-8")
    keys = sorted(pairs)
    ids, strs, offsets = b"", b"", []
    for key in keys:
        offsets.append((len(ids), len(key), len(strs), len(pairs[key])))
        ids += key + b"\0"
        strs += pairs[key] + b"\0"
    header_size = 7 * 4
    key_table = header_size
    value_table = key_table + len(keys) * 8
    ids_start = value_table + len(keys) * 8
    strs_start = ids_start + len(ids)
    out = struct.pack("<7I", 0x950412DE, 0, len(keys), key_table, value_table, 0, ids_start)
    for id_offset, id_length, _s, _l in offsets:
        out += struct.pack("<2I", id_length, ids_start + id_offset)
    for _i, _il, str_offset, str_length in offsets:
        out += struct.pack("<2I", str_length, strs_start + str_offset)
    return out + ids + strs


# --- dates, shown the way each language writes them -------------------------

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
}
_DAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
}


def _short(word: str) -> str:
    return word[:3]


def format_date(value: date | datetime, style: str = "medium") -> str:
    """A date in the language in effect.

    long:     Thursday, November 26, 2026   | jueves, 26 de noviembre de 2026
    medium:   Nov 26, 2026                  | 26 nov 2026
    day:      Nov 26                        | 26 nov
    weekday:  Thu Nov 26                    | jue 26 nov
    numeric:  Thu 11/26                     | jue 26/11
    """
    code = _language if _language in _MONTHS else DEFAULT_LANGUAGE
    month, day = _MONTHS[code][value.month - 1], _DAYS[code][value.weekday()]
    if code == "es":
        forms = {
            "long": f"{day}, {value.day} de {month} de {value.year}",
            "medium": f"{value.day} {_short(month)} {value.year}",
            "day": f"{value.day} {_short(month)}",
            "weekday": f"{_short(day)} {value.day} {_short(month)}",
            "numeric": f"{_short(day)} {value.day}/{value.month}",
        }
    else:
        forms = {
            "long": f"{day}, {month} {value.day}, {value.year}",
            "medium": f"{_short(month)} {value.day}, {value.year}",
            "day": f"{_short(month)} {value.day}",
            "weekday": f"{_short(day)} {_short(month)} {value.day}",
            "numeric": f"{_short(day)} {value.month}/{value.day}",
        }
    return forms[style]


def format_moment(value: datetime) -> str:
    """A date and time: "Nov 26, 2026 14:05" | "26 nov 2026 14:05"."""
    return f"{format_date(value, 'medium')} {value:%H:%M}"


# --- the catalog tool (for translators and tests) ----------------------------

def source_messages(root: Path | None = None) -> dict:
    """Every text the code marks (`_`, `N_`, `ngettext`), with where it is:
    {msgid or (msgid, plural): [file:line, ...]} in the order first seen."""
    import ast

    root = root or Path(__file__).parent
    found: dict = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        relative = path.relative_to(root.parent).as_posix()
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else (
                node.func.attr if isinstance(node.func, ast.Attribute) else None)
            args = node.args
            if name in ("_", "N_") and args and _literal(args[0]) is not None:
                key = _literal(args[0])
            elif name == "ngettext" and len(args) >= 2 and _literal(args[0]) is not None \
                    and _literal(args[1]) is not None:
                key = (_literal(args[0]), _literal(args[1]))
            else:
                continue
            if key in ("", ("", "")):
                continue
            found.setdefault(key, []).append(f"{relative}:{node.lineno}")
    return found


def _literal(node) -> str | None:
    import ast

    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    if "\n" not in escaped or escaped.count("\n") == 1 and escaped.endswith("\n"):
        return '"' + escaped.replace("\n", "\\n") + '"'
    lines = escaped.split("\n")
    parts = [line + "\\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    return '""\n' + "\n".join(f'"{part}"' for part in parts)


_HEADER = (
    'msgid ""\n'
    'msgstr ""\n'
    '"Project-Id-Version: recovery-plan\\n"\n'
    '"Language: {code}\\n"\n'
    '"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
)


def write_po(code: str, messages: dict, translations: dict) -> str:
    """The .po text: each marked text in source order with its translation (or empty)."""
    out = [f"# Recovery Plan: {LANGUAGE_NAMES.get(code, code)}.\n", _HEADER.format(code=code)]
    for key, references in messages.items():
        block = ["#: " + " ".join(references[:4])]
        translated = translations.get(key)
        if isinstance(key, tuple):
            forms = translated if isinstance(translated, dict) else {0: "", 1: ""}
            block += [f"msgid {_quote(key[0])}", f"msgid_plural {_quote(key[1])}",
                      f"msgstr[0] {_quote(forms.get(0, ''))}", f"msgstr[1] {_quote(forms.get(1, ''))}"]
        else:
            block += [f"msgid {_quote(key)}", f"msgstr {_quote(translated or '')}"]
        out.append("\n".join(block) + "\n")
    return "\n".join(out)


def _translations_of(entries: list[dict]) -> dict:
    """{msgid: msgstr, (msgid, plural): {0: form, 1: form}} of the entries that are
    translated and not fuzzy: the one rule of what a catalog holds."""
    found = {}
    for entry in entries:
        if not entry["msgid"] or entry["fuzzy"]:
            continue
        if entry["msgid_plural"] is not None:
            if entry["msgstr_plural"] and all(entry["msgstr_plural"].values()):
                found[(entry["msgid"], entry["msgid_plural"])] = dict(entry["msgstr_plural"])
        elif entry["msgstr"]:
            found[entry["msgid"]] = entry["msgstr"]
    return found


def update_catalog(code: str = "es", extra: list[Path] = ()) -> list:
    """Rewrite the .po from the code (keeping translations, taking new ones from the
    `extra` .po files) and compile the .mo. Returns the texts still untranslated."""
    import fcntl

    po_path, mo_path = catalog_paths(code)
    po_path.parent.mkdir(parents=True, exist_ok=True)
    with open(po_path.parent / ".update.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # translators working at once take turns
        known = _translations_of(read_po(po_path.read_text(encoding="utf-8"))) \
            if po_path.exists() else {}
        for path in extra:
            known.update(_translations_of(read_po(Path(path).read_text(encoding="utf-8"))))
        messages = source_messages()
        text = write_po(code, messages, known)
        po_path.write_text(text, encoding="utf-8")
        mo_path.write_bytes(compile_mo(read_po(text)))
    _loaded.pop(code, None)
    return [key for key in messages if key not in known]


def main(argv: list[str] | None = None) -> int:
    import sys

    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] not in ("update", "check"):
        print("usage: python -m tui.i18n update [MORE.po ...] | check")
        return 2
    if args[0] == "update":
        missing = update_catalog("es", [Path(p) for p in args[1:]])
    else:
        po_path, _mo = catalog_paths("es")
        known = _translations_of(read_po(po_path.read_text(encoding="utf-8")))
        missing = [key for key in source_messages() if key not in known]
    for key in missing:
        print("untranslated:", key if isinstance(key, str) else key[0])
    print(f"{len(missing)} untranslated")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
