"""A scorecard's bonuses and deductions: the list (points in green or red, then the reason), a
new one from the conference's rules with a reason (Ctrl+B / Ctrl+D), and Delete taking the
highlighted one away after asking. Finalized scores refuse both, saying why."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from wording.numbers import number

from ... import workers
from ...i18n import t
from ...text import literal
from ..common.confirm import ConfirmDialog
from .form import Field, ScoreForm


class AdjustmentList(OptionList):
    """The card's bonuses, then its deductions; option ids "bonus-0", "deduction-1", ..."""

    def show(self, card: Any) -> None:
        highlighted = self.highlighted
        self.clear_options()
        items = [("bonus", i, a) for i, a in enumerate(card.bonuses)] + \
                [("deduction", i, a) for i, a in enumerate(card.deductions)]
        for kind, index, adj in items:
            text = Text()
            text.append(("+" if adj.points > 0 else "") + number(adj.points),
                        style="bold green" if kind == "bonus" else "bold red")
            text.append("  ")
            text.append_text(literal(adj.reason))
            self.add_option(Option(text, id=f"{kind}-{index}"))
        if not items:
            self.add_option(Option(Text(t("scorecards.card.no_adjustments"), style="dim"), id="none",
                                   disabled=True))
        elif highlighted is not None:
            self.highlighted = min(highlighted, len(items) - 1)

    def chosen(self) -> tuple[str, int] | None:
        """The highlighted adjustment's kind and index, if any."""
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        if not option.id or option.id == "none":
            return None
        kind, index = option.id.split("-")
        return kind, int(index)


def add(screen: Any, kind: str) -> None:
    """The form for a new `kind` ("bonus" or "deduction") of `screen`'s unit."""
    if screen.card.locked:
        screen.say_refused(t("reason.scores_locked", unit=screen.unit.short_name))
        return
    config = screen.config
    rules = config.bonus_rules if kind == "bonus" else config.deduction_rules
    if not rules:
        screen.notify(t(f"scorecards.card.no_rules.{kind}"), severity="warning")
        return
    options = tuple((f"{'+' if r.points > 0 else ''}{number(r.points)}  {r.label}", r.code) for r in rules)
    fields = [Field("score_rule", t("field.score_rule"), rules[0].code, "choice", options),
              Field("score_reason", t("field.score_reason"))]
    unit = screen.unit_code
    scoring = screen.service.scoring

    def save(values: dict[str, Any]):
        return scoring.add_adjustment(unit, kind, values["score_rule"], values["score_reason"])

    screen.app.push_screen(ScoreForm(t(f"scorecards.card.add.{kind}", unit=screen.unit.short_name), fields, save))


def remove(screen: Any, options: AdjustmentList) -> None:
    """Take the highlighted adjustment away, after asking (only while the list has the focus)."""
    chosen = options.chosen()
    if screen.focused is not options or chosen is None or screen.card.locked:
        return
    kind, index = chosen
    card = screen.card
    adj = (card.bonuses if kind == "bonus" else card.deductions)[index]

    def answered(yes: bool | None) -> None:
        if yes:
            workers.run(screen, "adjust", screen.service.scoring.remove_adjustment, screen.unit_code, kind, index)

    screen.app.push_screen(ConfirmDialog(t("scorecards.card.remove_ask", points=number(adj.points),
                                           reason=adj.reason)), answered)
