"""A ballot's count entered after the vote: per award tier, the number of valid ballots and the
votes each unit received. Enter saves the whole count (validated: no unit above the ballots, the
votes not above ballots x quota); the configured majority is applied in the ranking and the
result is shown beside the score ranking. F6 goes to the next tier; Ctrl+R clears its ballot."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from store.errors import ValidationError
from wording.numbers import number

from ... import actions, workers
from ...i18n import localize_bindings, t
from ...messages import StoreResult
from ...validation_words import reason
from ...text import literal
from ...widgets.key_bar import KeyBar
from ..common.confirm import ConfirmDialog


class BallotScreen(Screen):
    CSS_PATH = "ballot.tcss"
    PANEL = "scoreballot"
    BINDINGS = actions.bindings("scoreballot") + actions.bindings("scoreform")

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)
        self.tier_index = 0

    @property
    def scoring(self):
        return self.app.service.scoring

    def compose(self) -> ComposeResult:
        self.table = self.scoring.table()
        yield Static(id="ballot-title")
        with Horizontal(classes="b-row"):
            yield Static(t("field.ballot_voters"), classes="b-label")
            yield Input(id="voters", restrict=r"[0-9]*", classes="b-cell", select_on_focus=True)
        yield Static(id="e-ballot_voters", classes="reason")
        with VerticalScroll(id="ballot-rows"):
            for r in self.table.rows:
                with Horizontal(classes="b-row"):
                    label = f"{r.rank}. {r.unit.short_name}" if r.rank else r.unit.short_name
                    yield Static(literal(label), classes="b-label")
                    yield Input(id=f"v-{r.unit.code}", restrict=r"[0-9]*", classes="b-cell", select_on_focus=True)
                    yield Static(id=f"r-{r.unit.code}", classes="b-result")
        yield Static(id="e-ballot_votes", classes="reason")
        yield Static(t("scorecards.ballot.hint", majority=number(self.scoring.config().ballot_majority)),
                     classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show_tier()
        self.query_one("#voters", Input).focus()

    @property
    def tier(self):
        return self.table.tiers[self.tier_index % len(self.table.tiers)]

    def show_tier(self) -> None:
        self.table = self.scoring.table()
        tier = self.tier
        stored = next((b for b in self.scoring.ballots() if b.tier == tier.code), None)
        self.query_one("#ballot-title", Static).update(Text(t("scorecards.ballot.title", tier=tier.label,
                                                              quota=tier.quota), style="bold"))
        self.query_one("#voters", Input).value = str(stored.voters) if stored else ""
        result = self.table.ballots.get(tier.code)
        lines = {line.unit.code: line for line in result.lines} if result else {}
        for r in self.table.rows:
            self.query_one(f"#v-{r.unit.code}", Input).value = str(stored.votes.get(r.unit.code, "")) if stored else ""
            line = lines.get(r.unit.code)
            shown = Text()
            if line is not None:
                shown.append(f"{number(line.percent)}% ", style="bold")
                shown.append(t("scorecards.ballot.elected") if line.elected else (
                    t("scorecards.ballot.passed") if line.passed else t("scorecards.ballot.failed")),
                    style="green" if line.elected else "dim")
            self.query_one(f"#r-{r.unit.code}", Static).update(shown)
        for name in ("ballot_voters", "ballot_votes"):
            self.query_one(f"#e-{name}", Static).update("")

    def action_next_tier(self) -> None:
        self.tier_index += 1
        self.show_tier()

    def action_move(self, step: int) -> None:
        self.focus_next() if step > 0 else self.focus_previous()

    @on(Input.Submitted)
    def _save(self, event: Input.Submitted) -> None:
        event.stop()
        votes = {r.unit.code: self.query_one(f"#v-{r.unit.code}", Input).value for r in self.table.rows}
        workers.run(self, "ballot", self.scoring.set_ballot, self.tier.code,
                    self.query_one("#voters", Input).value, votes)

    def action_clear_ballot(self) -> None:
        code = self.tier.code
        if not any(b.tier == code for b in self.scoring.ballots()):
            return

        def answered(yes: bool | None) -> None:
            if yes:
                workers.run(self, "ballot", self.scoring.clear_ballot, code)

        self.app.push_screen(ConfirmDialog(t("scorecards.ballot.clear_ask", tier=self.tier.label)), answered)

    def on_store_result(self, message: StoreResult) -> None:
        if message.request != "ballot":
            return
        if message.ok:
            self.show_tier()
            self.notify(t("scorecards.card.saved"))
            return
        error = message.failure.error if message.failure else None
        if isinstance(error, ValidationError) and error.field in ("ballot_voters", "ballot_votes"):
            self.query_one(f"#e-{error.field}", Static).update(literal("⚠ " + reason(error), "bold red"))
        elif message.failure is not None:
            self.query_one("#e-ballot_votes", Static).update(literal(message.failure.reason, "bold red"))

    def action_cancel(self) -> None:
        self.app.pop_screen()
