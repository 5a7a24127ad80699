"""The rules of the scoring, as data, edited here: the content groups with their maxima (their
sum is checked against the total), the bonus and deduction rules, the tie-break order, the award
tiers with their quotas, the lock date and its warning period, the ballot's majority.

One table, in sections; Enter edits the highlighted row, Ctrl+N adds a row to its section,
Delete removes it (after a confirmation), F7/F8 move a group, a tier or a tie-break criterion up
or down. Every change is one store call: validated, durable, audited."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Static

from store.models.scoring import CRITERIA
from wording.numbers import day, number

from ... import actions, workers
from ...i18n import localize_bindings, t
from ...messages import StoreChanged, StoreResult
from ...text import literal
from ...widgets.key_bar import KeyBar
from ..common import rows
from ..common.confirm import ConfirmDialog
from .form import Field, ScoreForm
from .ranking_words import criterion

SETTINGS = ("total_max", "lock_date", "lock_warning_days", "ballot_majority", "leader_must_top")


class RulesScreen(Screen):
    CSS_PATH = "rules.tcss"
    PANEL = "scorerules"
    BINDINGS = actions.bindings("scorerules")

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)

    @property
    def scoring(self):
        return self.app.service.scoring

    def compose(self) -> ComposeResult:
        yield Static(t("scorecards.rules.title"), id="rules-title")
        yield DataTable(id="rules", cursor_type="row", zebra_stripes=False)
        yield Static(id="rules-sum")
        yield Static(id="rules-message")
        yield KeyBar()

    def on_mount(self) -> None:
        self.app.listen(self)
        table = self.query_one("#rules", DataTable)
        table.add_column(t("scorecards.rules.col.section"), key="section")
        table.add_column(Text(t("scorecards.rules.col.value"), justify="right"), key="value")
        table.add_column(t("scorecards.rules.col.item"), key="item")
        self.show()
        table.focus()

    def on_unmount(self) -> None:
        self.app.unlisten(self)

    def on_store_changed(self, message: StoreChanged) -> None:
        if message.reloaded or message.tables & {"scoring_config", "content_groups", "scores"}:
            self.show()

    # ---- the table -----------------------------------------------------------------------------

    def _rows(self) -> dict[str, tuple]:
        """Row key -> cells; keys say what the row is: "group:N1", "bonus:B10", "tier:FLAG",
        "tie:models", "set:total_max", and "add:<section>" for a section still empty."""
        cfg, groups = self.scoring.config(), self.scoring.content_groups()
        out: dict[str, tuple] = {}

        def add(key: str, section: str, item: str, value: str, style: str = "") -> None:
            out[key] = (Text(section, style="bold"), Text(value, justify="right", style=style), literal(item))

        first = True
        for g in groups:
            add(f"group:{g.code}", t("scorecards.rules.groups") if first else "", f"{g.code}. {g.title}",
                number(g.max_points))
            first = False
        if first:
            add("add:group", t("scorecards.rules.groups"), t("scorecards.rules.empty"), "")
        for kind, rules in (("bonus", cfg.bonus_rules), ("deduction", cfg.deduction_rules)):
            first = True
            for r in rules:
                add(f"{kind}:{r.code}", t(f"scorecards.rules.{kind}") if first else "", r.label,
                    ("+" if r.points > 0 else "") + number(r.points))
                first = False
            if first:
                add(f"add:{kind}", t(f"scorecards.rules.{kind}"), t("scorecards.rules.empty"), "")
        first = True
        for position, name in enumerate(cfg.tie_order, start=1):
            add(f"tie:{name}", t("scorecards.rules.tie") if first else "", f"{position}. {criterion(name)}", "")
            first = False
        if first:
            add("add:tie", t("scorecards.rules.tie"), t("scorecards.rules.empty"), "")
        first = True
        for tier in cfg.tiers:
            extra = " · " + t("scorecards.rules.no_deduction") if tier.no_deduction else ""
            add(f"tier:{tier.code}", t("scorecards.rules.tiers") if first else "", tier.label + extra,
                t("scorecards.rules.quota", quota=tier.quota))
            first = False
        if first:
            add("add:tier", t("scorecards.rules.tiers"), t("scorecards.rules.empty"), "")
        for i, name in enumerate(SETTINGS):
            add(f"set:{name}", t("scorecards.rules.settings") if i == 0 else "", t(f"field.{name}"),
                self._setting(cfg, name))
        return out

    @staticmethod
    def _setting(cfg, name: str) -> str:
        value = getattr(cfg, name)
        if name == "total_max":
            return number(value)
        if name == "lock_date":
            return day(value) or "—"
        if name == "ballot_majority":
            return t("scorecards.rules.majority", percent=number(value))
        if name == "leader_must_top":
            return t("scorecards.rules.yes") if value else t("scorecards.rules.no")
        return str(value)

    def show(self) -> None:
        table = self.query_one("#rules", DataTable)
        found = self._rows()
        cursor = rows.highlighted_key(table)
        table.clear()
        for key, cells in found.items():
            table.add_row(*cells, key=key)
        rows.move_to(table, cursor)
        cfg = self.scoring.config()
        total = self.scoring.groups_sum()
        ok = round(total, 6) == round(cfg.total_max, 6)
        self.query_one("#rules-sum", Static).update(Text(
            t("scorecards.rules.sum", sum=number(total), total=number(cfg.total_max))
            + ("" if ok else "  ⚠ " + t("scorecards.rules.sum_differs")),
            style="green" if ok else "bold yellow"))

    def _key(self) -> str:
        return rows.highlighted_key(self.query_one("#rules", DataTable)) or ""

    # ---- actions -------------------------------------------------------------------------------

    def _form(self, title: str, fields: list[Field], save) -> None:
        def done(result: Any) -> None:
            if result is not None:
                self.query_one("#rules-message", Static).update(Text(t("scorecards.card.saved"), style="green"))
                self.show()

        self.app.push_screen(ScoreForm(title, fields, save), done)

    def action_edit(self) -> None:
        kind, _, code = self._key().partition(":")
        s, cfg = self.scoring, self.scoring.config()
        if kind == "add":
            self._add(code)
        elif kind == "group":
            g = next(g for g in s.content_groups() if g.code == code)
            self._form(t("scorecards.rules.edit_group", code=code),
                       [Field("group_title", t("field.group_title"), g.title),
                        Field("max_points", t("field.max_points"), number(g.max_points), "number")],
                       lambda v: s.update_group(code, title=v["group_title"], max_points=v["max_points"]))
        elif kind in ("bonus", "deduction"):
            rule = next(r for r in getattr(cfg, f"{kind}_rules") if r.code == code)
            self._form(t(f"scorecards.rules.edit_{kind}"),
                       [Field("rule_label", t("field.rule_label"), rule.label),
                        Field("rule_points", t("field.rule_points"), number(abs(rule.points)), "number")],
                       lambda v: s.update_rule(kind, code, label=v["rule_label"], points=v["rule_points"]))
        elif kind == "tier":
            tier = next(x for x in cfg.tiers if x.code == code)
            self._form(t("scorecards.rules.edit_tier"), self._tier_fields(tier.label, tier.quota, tier.no_deduction),
                       lambda v: s.update_tier(code, label=v["tier_label"], quota=v["tier_quota"],
                                               no_deduction=v["no_deduction"]))
        elif kind == "tie":
            self._add("tie")
        elif kind == "set":
            self._edit_setting(code, cfg)

    def _tier_fields(self, label: str = "", quota: Any = 1, no_deduction: bool = False) -> list[Field]:
        return [Field("tier_label", t("field.tier_label"), label),
                Field("tier_quota", t("field.tier_quota"), str(quota), "number"),
                Field("no_deduction", t("field.no_deduction"), no_deduction, "check")]

    def _edit_setting(self, name: str, cfg) -> None:
        s = self.scoring
        value = getattr(cfg, name)
        if name == "leader_must_top":
            field = Field(name, t(f"field.{name}"), value, "check")
        elif name == "lock_date":
            field = Field(name, t(f"field.{name}"), day(value))
        else:
            field = Field(name, t(f"field.{name}"), number(value) if isinstance(value, float) else str(value), "number")
        self._form(t(f"field.{name}"), [field], lambda v: s.set_config(**{name: v[name]}))

    def action_add(self) -> None:
        kind = self._key().partition(":")[0]
        self._add(self._key().partition(":")[2] if kind == "add" else kind)

    def _add(self, kind: str) -> None:
        s = self.scoring
        if kind == "group":
            self._form(t("scorecards.rules.add_group"),
                       [Field("group_title", t("field.group_title")),
                        Field("max_points", t("field.max_points"), "", "number")],
                       lambda v: s.add_group(v["group_title"], v["max_points"]))
        elif kind in ("bonus", "deduction"):
            self._form(t(f"scorecards.rules.add_{kind}"),
                       [Field("rule_label", t("field.rule_label")),
                        Field("rule_points", t("field.rule_points"), "", "number")],
                       lambda v: s.add_rule(kind, v["rule_label"], v["rule_points"]))
        elif kind == "tier":
            self._form(t("scorecards.rules.add_tier"), self._tier_fields(),
                       lambda v: s.add_tier(v["tier_label"], v["tier_quota"], v["no_deduction"]))
        elif kind == "tie":
            cfg = s.config()
            unused = [c for c in CRITERIA if c != "cluster_total" and c not in cfg.tie_order]
            if not unused:
                return
            self._form(t("scorecards.rules.add_tie"),
                       [Field("tie_break", t("field.tie_break"), unused[0], "choice",
                              tuple((criterion(c), c) for c in unused))],
                       lambda v: s.set_config(tie_break=cfg.tie_order + (v["tie_break"],)))

    def action_remove(self) -> None:
        kind, _, code = self._key().partition(":")
        s = self.scoring
        if kind not in ("group", "bonus", "deduction", "tier", "tie"):
            return
        if kind == "group":
            call = (s.remove_group, code)
        elif kind == "tier":
            call = (s.remove_tier, code)
        elif kind == "tie":
            cfg = s.config()
            call = (lambda: s.set_config(tie_break=tuple(c for c in cfg.tie_order if c != code)),)
        else:
            call = (s.remove_rule, kind, code)
        item = self.query_one("#rules", DataTable).get_row(self._key())[2]

        def answered(yes: bool | None) -> None:
            if yes:
                workers.run(self, "rules", *call)

        self.app.push_screen(ConfirmDialog(t("scorecards.rules.remove_ask", item=item.plain)),
                             answered)

    def action_move(self, step: int) -> None:
        kind, _, code = self._key().partition(":")
        s = self.scoring
        if kind == "group":
            workers.run(self, "rules", s.move_group, code, step)
        elif kind == "tier":
            workers.run(self, "rules", s.move_tier, code, step)
        elif kind == "tie":
            order = list(s.config().tie_order)
            i = order.index(code)
            j = i + step
            if 0 <= j < len(order):
                order[i], order[j] = order[j], order[i]
                workers.run(self, "rules", s.set_config, tie_break=tuple(order))

    def on_store_result(self, message: StoreResult) -> None:
        if message.request != "rules":
            return
        say = self.query_one("#rules-message", Static)
        if message.ok:
            say.update(Text(t("scorecards.card.saved"), style="green"))
            self.show()
        elif message.failure is not None:
            say.update(literal(message.failure.reason, "bold red"))

    def action_close(self) -> None:
        self.app.pop_screen()
