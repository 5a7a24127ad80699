"""The cluster's sheets: the member units (and the signing order they give), the conference's
items and record, and the delegates (planned by the desk's own import, store.io.importer)."""

from __future__ import annotations

from typing import Any

from .. import validation
from ..conference import unit_field
from ..errors import StoreError, ValidationError
from ..io.import_plan import Action
from ..io.importer import match_unit_index, plan_import
from ..io.reading import Table
from ..models import Unit
from . import layout
from .workbook_cells import BAD, conference_value
from .workbook_rows import SheetReader


#: the delegate fields (columns) each note of the delegates import is about
NOTE_COLUMNS = {"phone_zero": ("phone",), "namesakes": ("full_name", "family", "middle", "given", "unit"),
                "guests": ("unit", "organization"), "legacy": (), "footer_rows": ()}


class PeopleSheets(SheetReader):
    def plan_units(self) -> tuple[list[Unit], tuple[str, ...]]:
        found = self.rows(layout.UNITS)
        if found is None:
            return [], ()
        title, rows, labels = found
        label = lambda key: labels.get(key) or layout.UNITS.column(key).vi  # noqa: E731
        units: list[Unit] = []
        seen_codes: dict[str, int] = {}
        seen_names: dict[str, int] = {}
        signing: list[tuple[float, int, str]] = []
        pending: list[tuple[int, dict[str, str], str, str]] = []
        for number, cells in rows:
            full = self.checked(title, number, label("full_name"), lambda: unit_field("full_name", cells.get("full_name")))
            short = self.checked(title, number, label("short_name"), lambda: unit_field("short_name", cells.get("short_name")))
            if short is not BAD:
                key = layout.key_of(short)
                if key in seen_names:
                    self.refuse(title, number, label("short_name"), "setup.twice", row=seen_names[key])
                seen_names.setdefault(key, number)
            code = cells.get("code", "")
            if code:
                code = self.checked(title, number, label("code"), lambda: unit_field("code", code))
                if code is not BAD:
                    if code in seen_codes:
                        self.refuse(title, number, label("code"), "setup.duplicate_code", value=code, row=seen_codes[code])
                    seen_codes.setdefault(code, number)
            if full is BAD or short is BAD or code is BAD:
                continue
            pending.append((number, cells, full, short))
        from ..conference import code_from_name

        taken = set(seen_codes)
        for position, (number, cells, full, short) in enumerate(pending, start=1):
            code = cells.get("code") or code_from_name(short, taken)
            taken.add(code)
            units.append(Unit(code=code, order=position, full_name=full, short_name=short))
            if cells.get("signing"):
                place = self.checked(title, number, label("signing"), lambda: validation.integer(
                    "signing", cells["signing"], low=1, high=999))
                if place is not BAD:
                    signing.append((place, position, code))
        self.units = units
        self.unit_index = match_unit_index(units)
        for u in units:
            self.unit_index.setdefault(layout.key_of(u.code), u.code)
        order = tuple(code for _, _, code in sorted(signing))
        if len(order) != len(units):  # the others (all when blank) sign after, in the cluster's order
            order = order + tuple(u.code for u in units if u.code not in order)
        return units, order

    def plan_items(self) -> dict[str, tuple[str, int, str, list[str]]]:
        """item key -> (sheet title, row, label as written, values)."""
        found = self.rows(layout.CONFERENCE)
        out: dict[str, tuple[str, int, str, list[str]]] = {}
        if found is None:
            return out
        title, rows, labels = found
        column = labels.get("value") or layout.VALUE.vi
        previous: str | None = None  # the item of the row above: a list item goes on without its label
        for number, cells in rows:
            label = cells.get("item", "")
            value = cells.get("value", "")
            key = layout.ITEM_OF_LABEL.get(layout.key_of(label))
            if key is None and not label and previous and layout.ITEM_BY_KEY[previous].repeated:
                key, label = previous, out[previous][2]
            if key is None:
                if label or value:
                    self.refuse(title, number, label, "setup.unknown_item", item=label)
                previous = None
                continue
            previous = key
            values = self._list_values(title, number, column, key, value)
            if key in out:
                if layout.ITEM_BY_KEY[key].repeated:
                    out[key][3].extend(values)
                    continue
                self.refuse(title, number, label, "setup.twice", row=out[key][1])
                continue
            out[key] = (title, number, label, values)
        return out

    def _list_values(self, title: str, number: int, column: str, key: str, value: str) -> list[str]:
        """The values of a conference item's cell: a list item's cell of several lines is one
        value per line (said in the report); any other item's cell is one value."""
        if not layout.ITEM_BY_KEY[key].repeated:
            return [value] if value else []
        lines = [line.strip() for line in value.splitlines() if line.strip()]
        if len(lines) > 1:
            self.notes.append((title, "split_lines", {"row": number, "column": column,
                                                      "item": layout.ITEM_BY_KEY[key].vi, "n": len(lines)}))
        return lines
    def plan_conference(self, items) -> dict[str, Any] | None:
        if layout.CONFERENCE not in self.sheets:
            return None
        values: dict[str, Any] = {}
        for key in ("title", "cluster", "year", "date", "venue", "organizer"):
            values[key] = self.item(items, key, lambda v, key=key: conference_value(key, v))
        for key in ("host_unit", "head_unit"):
            values[key] = self.item(items, key, lambda v, key=key: self._unit_item(key, v))
        for key in ("issuer", "doc_place", "doc_symbol"):
            values[key] = self.item(items, key, lambda v, key=key: conference_value(key, v))
        if "recipient" in items:
            sheet, row, label, lines = items["recipient"]
            given = self.checked(sheet, row, label, lambda: conference_value("recipients", lines))
            values["recipients"] = BAD if given is BAD else list(given)  # a document holds lists
        if any(v is BAD for v in values.values()):
            return None
        return {**values, "organizer": values["organizer"]}

    def _unit_item(self, key: str, text: str) -> str:
        if not text:
            return ""
        if not self.units:
            raise ValidationError(f"conference.{key}", "setup.no_units")
        code = self.unit_code(text)
        if code is None:
            raise ValidationError(f"conference.{key}", "setup.not_member", unit=text)
        return code

    def plan_delegates(self) -> list[dict[str, Any]]:
        found = self.sheets.get(layout.DELEGATES)
        if found is None:
            self.notes.append((layout.DELEGATES.vi, "missing_sheet", {}))
            return []
        title, table = found
        rows = [(n, c) for n, c in table.rows if not layout.is_example(c)]
        examples = [n for n, c in table.rows if layout.is_example(c)]
        if examples:
            self.notes.append((title, "example", {"rows": ", ".join(map(str, examples))}))
        if not rows:
            return []
        table = Table(headers=table.headers, rows=rows, source=title, header_row=table.header_row,
                      encoding=table.encoding, notes=table.notes, damaged_rows=table.damaged_rows)
        try:
            plan = plan_import(table, self.units, [])
        except StoreError:
            self.refuse(title, None, "", "setup.no_header",
                        columns=", ".join(c.vi for c in layout.DELEGATES.columns))
            return []
        columns = plan.columns
        for code, params in plan.notes:
            if code == "title_rows":
                if params.get("rows") != "1":
                    self.notes.append((title, "title_rows", {"rows": params.get("rows", "")}))
                continue
            named = [columns[f] for f in NOTE_COLUMNS.get(code, ()) if f in columns]
            self.notes.append((title, f"import.note.{code}", {**params, "note_columns": ", ".join(named)}))
        docs: list[dict[str, Any]] = []
        given = {r.code for r in plan.rows if r.action is Action.ADD and r.code}
        counter = 0
        for row in plan.rows:
            if row.action is Action.REJECTED:
                label = columns.get(row.field) or (columns.get("full_name") or columns.get("given", "")
                                                   if row.field in ("name", "") else row.field)
                self.refuse(title, row.row, label, row.reason_code, row.reason_key, **row.params)
                continue
            code = row.code
            if not code:
                counter += 1
                while f"D{counter:04d}" in given:
                    counter += 1
                code = f"D{counter:04d}"
            docs.append({"code": code, **row.values, "checked_in_at": None, "checkin_desk": None})
        return docs
