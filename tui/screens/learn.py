"""Learn (F7): tolerance, potency, mixing, naloxone, never using alone, and the
Good Samaritan law for the site's area. Public facts, no plan data: it opens
before signing in too. Arrow keys, Page Up/Down, Home/End scroll."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from tui.content.learn import TOPICS, good_samaritan
from tui.i18n import N_, _
from tui.widgets.footer import Footer


def topic_text(title: str, paragraphs: tuple[str, ...]) -> Text:
    """A topic in the language in effect (its title and paragraphs are marked texts)."""
    text = Text(_(title) + "\n", style="bold underline")
    for paragraph in paragraphs:
        text.append("\n")
        for line in _(paragraph).split("\n"):
            if line.startswith("- "):
                text.append("  * " + line[2:] + "\n")
            else:
                text.append(line + "\n")
    return text


class LearnScreen(Screen):
    BINDINGS = [
        Binding("escape,q", "close", N_("Back"), id="learn_back", tooltip=N_("Back to where I was")),
        Binding("n", "next_topic", N_("Next topic"), id="learn_next",
                tooltip=N_("Jump to the next topic")),
        Binding("b", "previous_topic", N_("Previous"), id="learn_previous",
                tooltip=N_("Jump to the previous topic")),
    ]

    def __init__(self, jurisdiction: str | None = None):
        super().__init__()
        self.jurisdiction = jurisdiction

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Learn: staying safer"), style="bold"), classes="screen-title")
        with VerticalScroll(id="learn", classes="reading"):
            for topic in TOPICS:
                yield Static(topic_text(topic.title, topic.paragraphs), classes="topic",
                             id=f"topic-{topic.key}")
            law = good_samaritan(self.jurisdiction)
            heading = _("The Good Samaritan law in {place}").format(place=_(law.jurisdiction))
            yield Static(topic_text(heading, law.summary), classes="topic", id="topic-law")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#learn").focus()

    def _topics(self) -> list[Static]:
        return list(self.query(".topic").results(Static))

    def _jump(self, by: int) -> None:
        scroll = self.query_one("#learn", VerticalScroll)
        tops = [topic.virtual_region.y for topic in self._topics()]
        here = scroll.scroll_y
        if by > 0:
            target = next((y for y in tops if y > here + 1), tops[-1])
        else:
            target = next((y for y in reversed(tops) if y < here - 1), 0)
        scroll.scroll_to(y=target, animate=False)

    def action_next_topic(self) -> None:
        self._jump(1)

    def action_previous_topic(self) -> None:
        self._jump(-1)

    def action_close(self) -> None:
        self.dismiss()
