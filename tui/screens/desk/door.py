"""What each line typed at the door does, in the order typed (the desk screen, screen.py, is
built on it).

Each Enter in the search box hands on the line typed before it (tui/widgets/search_box.py; the
app lets keys in one at a time: tui/key_order.py), and the screen sees the lines and what is
typed in the order typed, from the messages, never from the box, which may be further on:

- a printed check-in code (a scanner types it and Enter) or a delegate's own code ("D0062", any
  case) checks that delegate in at once; a misread code, another conference's or no delegate's
  is refused in one line and records nothing (store/models/checkin_code.py);
- a name checks in the highlighted result, unless it shares a name with other results: then the
  namesakes are asked about (listed with position and unit), and only a move to one of them and
  an Enter on the empty box checks that one in. Names typed while a question waits are checked
  in as usual; the question comes back after them; Esc on the empty box gives it up.
- the check-ins (and Ctrl+Z, F9) run one after another, in the order asked, so the store and
  the audit log have them in the order typed.
"""

from __future__ import annotations

from collections import deque
from typing import Callable

from textual import on
from textual.widgets import Input

from store.models.checkin_code import ScanRefused
from store.models import CheckInResult, Delegate
from wording.numbers import clock_time

from ... import workers
from ...i18n import t
from ...messages import SaveFailed, StoreResult
from ..common.confirm import ConfirmDialog
from ..common.panel import PanelScreen
from .desk_state import UNDO_WINDOW_S, DeskState, NamesakeQuestions

#: store calls of the door that run one after another (their answers come back in order)
IN_TURN = frozenset({"checkin", "undo"})


class DoorScreen(PanelScreen):
    """The lines of the search box. The desk screen gives `_list`, `_message`, `_refilter`,
    `_show_mode`, `highlighted` and `_update_bindings`."""

    state: DeskState

    def __init__(self) -> None:
        super().__init__()
        self.questions = NamesakeQuestions()
        #: what the box held at the last Changed the screen has seen
        self.typed = ""
        #: the namesakes of the current question are on screen (a move answers it)
        self.question_shown = False
        self._conference_key: str | None = None
        #: the last line that matched nobody (the name a new delegate's form opens with)
        self.unmatched = ""
        self._in_turn: deque[Callable[[], bool]] = deque()
        self._busy = False

    @property
    def conference_key(self) -> str:
        """The key in check-in codes, read when first needed: opening the desk reads only the
        records' snapshot and never waits for a writer holding the store's lock."""
        if self._conference_key is None:
            self._conference_key = self.service.conference.key()
        return self._conference_key

    # ---- what is typed -------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _typed(self, event: Input.Changed) -> None:
        self.typed = event.value
        if not event.value.strip() and self.questions.current is not None:
            self.show_question()
        else:
            self._refilter()

    @on(Input.Submitted, "#search")
    def _line(self, event: Input.Submitted) -> None:
        self.take_line(event.value)

    def take_line(self, line: str) -> None:
        text = line.strip()
        if not text:
            if self.questions.current is not None:
                self._answer()
            return
        try:
            code = self.state.code_typed(text, self.conference_key)
        except ScanRefused as refused:
            self.app.bell()
            self._message(t("door.refused", reason=t(f"reason.scan_{refused.reason}", text=refused.text)),
                          "warning")
            return
        if code is not None:
            self.check_in(self.state.delegates[code])
            return
        if self.typed != line or self.question_shown or (self.state.large and not self.state.ready):
            self._refilter(line, now=True)
        elif self.state.searching is not None:  # the whole answer now, on the row highlighted in its first screenful
            self._refilter(line, now=True, keep_cursor=True)
        d = self.highlighted()
        self.unmatched = "" if d is not None else text
        if d is None:  # said until the next message (the box is empty again already)
            self._message(self._no_match_text(line), "warning")
            return
        same = self.state.namesakes(d.code, self._list().codes)
        if len(same) > 1:
            self.app.bell()
            self.questions.ask(line, same, d.code)
            self.show_question()
            return
        self.check_in(d)

    # ---- namesakes -------------------------------------------------------------------------

    def show_question(self) -> None:
        question = self.questions.current
        if question is None:
            return
        listing = self._list()
        listing.show(question.codes, self.state.delegates, fitted=True)
        listing.move_to(question.highlighted)
        self._show_header()
        self.question_shown = True
        self._show_mode(len(question.codes))
        self._message(self._question_text(), "warning namesakes")
        self._update_bindings()

    def _question_text(self) -> str:
        question = self.questions.current
        d = self.state.delegates.get(question.codes[0]) if question else None
        if question is None or d is None:
            return ""
        text = t("desk.namesakes", count=len(question.codes), name=d.full_name)
        if len(self.questions.waiting) > 1:
            text += " " + t("door.more_questions", count=len(self.questions.waiting) - 1)
        return text

    def _answer(self) -> None:
        question = self.questions.current
        if not self.question_shown:
            self.show_question()
            return
        if not question.answered:
            self.app.bell()
            d = self.highlighted()
            self._message(t("desk.namesakes_choose", count=len(question.codes),
                            name=d.full_name if d else question.line), "warning namesakes")
            return
        d = self.highlighted()
        self.questions.done()
        self._after_question()
        if d is not None:
            self.check_in(d)

    def give_up_question(self) -> None:
        """Esc on the empty box: the current question is dropped, nobody checked in for it."""
        question = self.questions.done()
        self._after_question()
        if question is not None:
            self._message(t("door.question_dropped", line=question.line), "warning")

    def _after_question(self) -> None:
        if self.questions.current is not None and not self.typed.strip():
            self.show_question()
        else:
            self._refilter()

    def moved(self) -> None:
        """A move (↑/↓): on the namesakes of a question, it answers it."""
        if self.question_shown:
            self.questions.moved(self._list().highlighted)

    # ---- check-in, undo, cancel: one after another ------------------------------------------

    def check_in(self, d: Delegate) -> None:
        self._message(t("desk.saving", name=d.full_name), "")
        self._in_turn.append(lambda: bool(workers.run(
            self, "checkin", self.service.delegates.check_in, d.code, desk=self.app.desk)))
        self._run_next()

    def _run_next(self) -> None:
        while not self._busy and self._in_turn:
            self._busy = self._in_turn.popleft()()

    def on_store_result(self, message: StoreResult) -> None:
        if message.request in IN_TURN:
            self._busy = False
        if not message.ok:
            self._failed(message.failure)
        elif message.request == "checkin":
            self._checked_in(message.result)
        elif message.request == "undo":
            self._undone(message.result)
        elif message.request == "remove":
            self._message(t("desk.removed", name=message.result.full_name), "success")
        self._run_next()

    def _failed(self, failure: SaveFailed) -> None:
        if failure.refused:
            self._message(failure.reason, "warning")
        else:
            self._message(t("desk.not_saved", reason=failure.reason), "error")
        self._update_bindings()

    def _checked_in(self, result: CheckInResult) -> None:
        d = result.delegate
        if result.already:
            self.app.bell()
            self._said(t("desk.already", name=d.full_name, time=clock_time(result.at)), "warning")
            return
        self.state.checked_in(d.code)
        self._said(t("desk.checked_in", name=d.full_name, time=clock_time(result.at)), "success")
        self._update_bindings()

    def _said(self, text: str, kind: str) -> None:
        """A check-in's answer; a namesake question on screen is still asked beside it."""
        if self.question_shown:
            text = f"{text} · {t('door.still_asking', question=self._question_text())}"
        self._message(text, kind)

    def action_undo(self) -> None:
        self._in_turn.append(self._start_undo)
        self._run_next()

    def _start_undo(self) -> bool:
        candidate = self.state.undo_candidate()
        self._update_bindings()
        if candidate is None:
            self._message(t("desk.nothing_to_undo"), "warning")
            return False
        code, in_time = candidate
        if not in_time:
            last = self.state.delegates.get(code)
            self._message(t("desk.undo_expired", minutes=UNDO_WINDOW_S // 60,
                            name=last.full_name if last else code,
                            time=clock_time(last.checked_in_at if last else None)), "warning")
            return False
        workers.run(self, "undo", self.service.delegates.undo_check_in, code, desk=self.app.desk)
        return True

    def action_cancel_arrival(self) -> None:
        """Cancel the highlighted delegate's check-in, however long ago and whoever made it
        (the wrong one of two namesakes was checked in), after a confirmation."""
        d = self.highlighted()
        if d is None:
            return
        if d.checked_in_at is None:
            self._message(t("reason.not_checked_in", name=d.full_name), "warning")
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._in_turn.append(lambda: bool(workers.run(
                    self, "undo", self.service.delegates.undo_check_in, d.code, desk=self.app.desk)))
                self._run_next()

        self.app.push_screen(ConfirmDialog(t(
            "desk.cancel_arrival_confirm", name=d.full_name, time=clock_time(d.checked_in_at))), confirmed)

    def _undone(self, d: Delegate) -> None:
        self.state.undone(d.code)
        self._message(t("desk.undone", name=d.full_name), "success")
        self._update_bindings()

    def action_move(self, delta: int) -> None:
        self._list().move(delta)
        self.moved()

    def action_clear(self) -> None:
        """Esc: empty the box; on an empty box, give up the namesake question asked."""
        search = self.query_one("#search", Input)
        if search.value:
            search.value = ""
        elif self.questions.current is not None:
            self.give_up_question()

