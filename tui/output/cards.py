"""The crisis plan and the pocket card as plain text and Markdown, for the
`crisis` command and for export. No UI toolkit here: these paths start fast.

Every word a person wrote passes through `displayable()`, so nothing they typed
or imported can send escape sequences to a terminal. The app's own words are in
the language in effect (tui.i18n), the person's as they wrote them.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from tui.i18n import N_, _

from tui.content.help_lines import HelpLine
from tui.content.plan_parts import (
    CRAVING_PARTS,
    CRISIS_PARTS,
    OVERDOSE_PARTS,
    SECTION_PARTS,
    SECTION_TITLES,
    Part,
)
from tui.store import Contact, Plan
from tui.store.text import displayable, one_line

NOT_WRITTEN = N_("(not written yet)")


def contact_line(contact: Contact) -> str:
    """One contact on one line: name (relationship): phone, texts OK, email,
    when. The person's words go in as written, between commas: no full stop
    of ours before words that may start small ("any time")."""
    line = one_line(contact.name)
    if contact.relationship.strip():
        line += f" ({one_line(contact.relationship)})"
    reach = [one_line(contact.phone)] if contact.phone.strip() else []
    if contact.can_text:
        reach.append(_("texts OK"))
    if contact.email.strip():
        reach.append(one_line(contact.email))
    if contact.reachable.strip():
        reach.append(one_line(contact.reachable))
    if reach:
        line += ": " + ", ".join(reach)
    return line


def contacts_for(part: Part, contacts: list[Contact]) -> list[Contact]:
    return [c for c in contacts if c.roles & set(part.contact_roles)]


class PlanSnapshot:
    """What the crisis views show, read once from the store."""

    def __init__(self, plan: Plan):
        self.name = plan.name
        self.sections = {name: plan.section(name).fields for name in ("crisis", "overdose", "cravings")}
        self.contacts = plan.contacts()


@dataclass(frozen=True)
class PocketCard:
    """What the pocket card is made from (tui.output.formats): the plan as read
    once, and the crisis lines for its back (the site's, or the defaults)."""

    snapshot: PlanSnapshot
    help_lines: tuple[HelpLine, ...] = ()


def part_filled(part: Part, values: dict[str, str], contacts: list[Contact]) -> bool:
    """A part counts as filled when it has words, or contacts in its role."""
    return bool(values.get(part.field, "").strip()) or bool(contacts_for(part, contacts))


def completeness(snapshot: PlanSnapshot, section: str) -> tuple[int, int]:
    """(parts filled, parts in all) of a section, for a line like "5 of 7 parts filled"."""
    parts = SECTION_PARTS[section]
    values = snapshot.sections[section]
    return sum(part_filled(p, values, snapshot.contacts) for p in parts), len(parts)


def completeness_line(filled: int, total: int, title: str) -> str:
    """Encourages, never nags."""
    if filled == total:
        return _("{title}: all {total} parts filled. Well done.").format(title=title, total=total)
    if filled == 0:
        return _("{title}: not started yet. Even one part helps.").format(title=title)
    return _("{title}: {filled} of {total} parts filled. Add more when you are ready.").format(
        title=title, filled=filled, total=total)


def _wrap(text: str, width: int, indent: str) -> list[str]:
    lines: list[str] = []
    for paragraph in displayable(text).splitlines() or [""]:
        lines.extend(textwrap.wrap(paragraph, width=max(width, 20), initial_indent=indent,
                                   subsequent_indent=indent, break_on_hyphens=False) or [indent])
    return lines


def _part_lines(part: Part, values: dict[str, str], contacts: list[Contact], width: int,
                number: str = "") -> list[str]:
    lines = _wrap(f"{number}{_(part.title)}", width, "")
    text = values.get(part.field, "")
    shown = contacts_for(part, contacts)
    if text.strip():
        lines += _wrap(text, width, "   ")
    elif not shown:
        lines.append(f"   {_(NOT_WRITTEN)}")
    for contact in shown:
        lines += _wrap("- " + contact_line(contact), width, "   ")
    return lines


def crisis_plan_text(snapshot: PlanSnapshot, width: int = 80) -> str:
    """The whole crisis plan, pocket overdose plan and cravings, wrapped to `width`."""
    width = max(width, 20)
    rule = "=" * min(width, 60)
    lines = [_(SECTION_TITLES["crisis"]).upper(), rule]
    for index, part in enumerate(CRISIS_PARTS, start=1):
        lines += _part_lines(part, snapshot.sections["crisis"], snapshot.contacts, width, f"{index}. ")
    lines += ["", _(SECTION_TITLES["overdose"]).upper(), rule]
    for part in OVERDOSE_PARTS:
        lines += _part_lines(part, snapshot.sections["overdose"], snapshot.contacts, width)
    lines += ["", _(SECTION_TITLES["cravings"]).upper(), rule]
    for part in CRAVING_PARTS:
        lines += _part_lines(part, snapshot.sections["cravings"], snapshot.contacts, width)
    return "\n".join(lines) + "\n"


def card_contacts(snapshot: PlanSnapshot) -> list[Contact]:
    """The contacts for the pocket card: everyone with a crisis role, in the person's order."""
    return [c for c in snapshot.contacts if c.roles]


def pocket_card_text(snapshot: PlanSnapshot, width: int = 60) -> str:
    width = max(width, 20)
    lines = [_(SECTION_TITLES["overdose"]).upper(), "=" * min(width, 40)]
    for part in OVERDOSE_PARTS:
        lines += _part_lines(part, snapshot.sections["overdose"], [], width)
    lines += ["", _("People to call").upper(), "=" * min(width, 40)]
    people = card_contacts(snapshot)
    lines += [wrapped for c in people for wrapped in _wrap("- " + contact_line(c), width, "")] \
        or [_(NOT_WRITTEN)]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Person text made safe and literal in Markdown."""
    escaped = displayable(text)
    for char in "\\`*_{}[]<>()#+-.!|":
        escaped = escaped.replace(char, "\\" + char)
    return escaped.replace("\n", "  \n")


def pocket_card_markdown(snapshot: PlanSnapshot) -> str:
    lines = [f"# {_(SECTION_TITLES['overdose'])}", ""]
    for part in OVERDOSE_PARTS:
        value = snapshot.sections["overdose"].get(part.field, "")
        shown = _md(value) if value.strip() else _(NOT_WRITTEN)
        lines += [f"**{_(part.title)}:** {shown}", ""]
    lines += [f"## {_('People to call')}", ""]
    people = card_contacts(snapshot)
    lines += [f"- {_md(contact_line(c))}" for c in people] or [_(NOT_WRITTEN)]
    return "\n".join(lines) + "\n"
