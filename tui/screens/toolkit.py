"""My resilience toolkit (F6): the guide's questions as gentle prompts, and
what triggers cravings and what relieves them (shown on the crisis plan too).
Every question can be skipped; each answer is kept as soon as it is left."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from tui.content.plan_parts import CRAVING_PARTS, SECTION_TITLES
from tui.content.toolkit import TOOLKIT
from tui.i18n import N_, _
from tui.screens.app_messages import ModeWanted
from tui.store import Plan, Section, StoreError
from tui.widgets.textbox import AnswerBox
from tui.widgets.footer import Footer

INTRO = N_("What helps me stay well? Answer any question you like, in your own words, "
           "and skip the rest. Enter or Tab moves on; answers are kept as you go.")


class ToolkitScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="toolkit_back", tooltip=N_("Back; answers are kept")),
    ]

    def __init__(self, plan: Plan):
        super().__init__()
        self.plan = plan
        self.answers: dict[str, str] = {}
        self.cravings: Section | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text(_("My resilience toolkit"), style="bold"), classes="screen-title")
        with VerticalScroll(id="toolkit"):
            yield Static(_(INTRO), markup=False, classes="progress")
            for question_set in TOOLKIT:
                yield Label(Text(_(question_set.title), style="bold underline"), classes="set-title")
                for question in question_set.questions:
                    yield Label(_(question.prompt), markup=False, classes="question")
                    yield AnswerBox(id=f"q-{question.key.replace('.', '-')}", classes="answer")
            yield Label(Text(_(SECTION_TITLES["cravings"]), style="bold underline"), classes="set-title")
            for part in CRAVING_PARTS:
                yield Label(_(part.prompt), markup=False, classes="question")
                yield AnswerBox(id=f"c-{part.field}", classes="answer")
        yield Footer()

    def on_mount(self) -> None:
        try:
            self.answers = self.plan.toolkit_answers()
            self.cravings = self.plan.section("cravings")
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        for question_set in TOOLKIT:
            for question in question_set.questions:
                self._field(question.key).value = self.answers.get(question.key, "")
        for part in CRAVING_PARTS:
            self.query_one(f"#c-{part.field}", AnswerBox).value = self.cravings.fields[part.field]
        # Not scrolled to it: the screen opens at its start, the heading showing.
        self.set_focus(self.query(AnswerBox).first(), scroll_visible=False)

    def _field(self, key: str) -> AnswerBox:
        return self.query_one(f"#q-{key.replace('.', '-')}", AnswerBox)

    def save_pending(self) -> bool:
        """Keep every answer that changed; False if one could not be kept."""
        ok = True
        try:
            for question_set in TOOLKIT:
                for question in question_set.questions:
                    value = self._field(question.key).value
                    if value != self.answers.get(question.key, ""):
                        self.plan.save_toolkit_answer(question.key, value)
                        self.answers[question.key] = value
            if self.cravings is not None:
                changed = {p.field: self.query_one(f"#c-{p.field}", AnswerBox).value for p in CRAVING_PARTS}
                changed = {k: v for k, v in changed.items() if v != self.cravings.fields[k]}
                if changed:
                    self.cravings = self.plan.save_section("cravings", changed)
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False, timeout=8)
            ok = False
        return ok

    def draft_values(self) -> list[tuple[str, str, dict[str, str]]]:
        """Answers typed here and not saved yet (see tui.screens.drafts)."""
        drafts = []
        for question_set in TOOLKIT:
            for question in question_set.questions:
                value = self._field(question.key).value
                if value != self.answers.get(question.key, ""):
                    drafts.append((f"toolkit:{question.key}", _(question.prompt), {"answer": value}))
        if self.cravings is not None:
            changed = {p.field: self.query_one(f"#c-{p.field}", AnswerBox).value for p in CRAVING_PARTS}
            changed = {k: v for k, v in changed.items() if v != self.cravings.fields[k]}
            if changed:
                drafts.append(("section:cravings", _(SECTION_TITLES["cravings"]), changed))
        return drafts

    def on_descendant_blur(self, event) -> None:
        if isinstance(event.widget, AnswerBox):
            self.save_pending()

    def on_screen_suspend(self) -> None:
        self.save_pending()

    def action_back(self) -> None:
        if self.save_pending():
            self.app.post_message(ModeWanted("overview"))
