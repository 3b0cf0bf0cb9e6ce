"""The guided walkthrough's place, and the resilience toolkit's answers."""

from __future__ import annotations

from tui.i18n import N_, _
from tui.store import clock, crypto, models as m
from tui.store.errors import InputError
from tui.store.plans.base import PlanBase, _reads, _writes
from tui.store.plans.values import GuidePlace
from tui.store.text import LONG_LIMIT, checked

# A toolkit answer not given yet. Every plan has a row for every question from
# the start, sealed and padded like an answer, so a copy of the database
# doesn't tell which questions a person answered. (A lone surrogate: no text a
# person types can be it, `checked` refuses one.)
NOT_ANSWERED = "\udc00"


def _pad_toolkit(person_id: int, sealer: crypto.Sealer) -> None:
    """A sealed row for every toolkit question, holding NOT_ANSWERED. Inside a write."""
    from tui.content.toolkit import QUESTION_KEYS

    now = clock.now()
    for question in QUESTION_KEYS:
        row = m.ToolkitAnswer.create(person=person_id, question=question, answer="",
                                     updated_at=now)
        m.ToolkitAnswer.update(answer=sealer.seal(
            NOT_ANSWERED, crypto.place(m.ToolkitAnswer._meta.table_name, row.id, "answer"))
        ).where(m.ToolkitAnswer.id == row.id).execute()


class GuidePart(PlanBase):
    """The walkthrough's place and the toolkit's answers."""

    # -- the guided walkthrough ----------------------------------------------

    @_reads
    def guide_place(self) -> GuidePlace | None:
        """Where the walkthrough stopped; None when it was never started."""
        row = m.GuideProgress.get_or_none(m.GuideProgress.person == self.person_id)
        if row is None:
            return None
        return GuidePlace(row.step, bool(row.finished), row.updated_at)

    def keep_guide_place(self, step: str, finished: bool = False) -> GuidePlace:
        """Remember the walkthrough's step each time one shows (or that it went
        through to the end), so it can pick up there. Not an audit event: no
        words of the plan change."""
        from tui.content.guide import GUIDE_KEYS  # loaded here: the crisis path skips it

        self._check_not_deleted()
        if step not in GUIDE_KEYS:
            raise InputError(_("The walkthrough has no step {step}.").format(step=repr(step)))

        def keep() -> GuidePlace:
            now = clock.now()
            row = m.GuideProgress.get_or_none(m.GuideProgress.person == self.person_id)
            if row is None:
                m.GuideProgress.create(person=self.person_id, step=step, finished=finished,
                                       updated_at=now)
            else:
                m.GuideProgress.update(step=step, finished=finished, updated_at=now).where(
                    m.GuideProgress.id == row.id).execute()
            return GuidePlace(step, finished, now)

        return self._write(keep)

    # -- resilience toolkit --------------------------------------------------

    @_reads
    def toolkit_answers(self) -> dict[str, str]:
        """The answers given (a blank one saved counts as given)."""
        rows = m.ToolkitAnswer.select().where(m.ToolkitAnswer.person == self.person_id)
        answers = {row.question: self._open(row, "answer") for row in rows}
        return {question: answer for question, answer in answers.items()
                if answer != NOT_ANSWERED}

    @_writes(detail=lambda question, *args, **kwargs: "toolkit")
    def save_toolkit_answer(self, question: str, answer: str) -> None:
        from tui.content.toolkit import QUESTION_KEYS  # loaded here: the crisis path skips it

        if question not in QUESTION_KEYS:
            raise InputError(_("There is no toolkit question {question}.").format(
                question=repr(question)))
        answer = checked(answer, limit=LONG_LIMIT, what=N_("answer"))
        now = clock.now()
        row = m.ToolkitAnswer.get_or_none(
            (m.ToolkitAnswer.person == self.person_id) & (m.ToolkitAnswer.question == question))
        if row is None:
            self._create(m.ToolkitAnswer, {"answer": answer}, person=self.person_id,
                         question=question, updated_at=now)
        else:
            self._save_texts(row, {"answer": answer}, updated_at=now)
