"""The import's preview of a long list: every rejected row shown wherever it is, the first rows
of the others, and (on the command line) the rest behind --all-rows."""

from __future__ import annotations

from pathlib import Path

from store.io.import_plan import Action, ImportPlan, PlannedRow, describe
from tests.test_import import HEADER, sample_store, write_csv
from tui.__main__ import main


def long_plan(rows: int, rejected: tuple[int, ...]) -> ImportPlan:
    planned = tuple(
        PlannedRow(n, Action.REJECTED, f"P{n}", field="given", reason_code="required")
        if n in rejected else PlannedRow(n, Action.ADD, f"P{n}", values={"unit_code": "PT"})
        for n in range(2, rows + 2))
    return ImportPlan(planned, {})


def numbers(lines: list[str]) -> list[int]:
    return [int(line.split()[1].rstrip(":")) for line in lines if line.startswith("Row ")]


def test_a_rejection_far_down_a_long_list_is_in_the_limited_preview():
    """The desk's dialog shows 1,000 rows: a refusal at row 5,000 was hidden behind the others."""
    plan = long_plan(6_000, rejected=(5_000, 5_999))
    lines = describe(plan, limit=10)
    assert numbers(lines) == [5_000, 5_999, 2, 3, 4, 5, 6, 7, 8, 9]
    assert lines[-1] == "… and 5990 more row(s)"
    assert numbers(describe(plan, limit=1)) == [5_000]
    assert len(numbers(describe(plan))) == 6_000


def test_the_cli_prints_the_rejections_and_the_first_rows_and_all_with_all_rows(tmp_path: Path, capsys):
    store = sample_store(tmp_path)
    body = [[str(i), f"Nguyễn Văn Mẫu {chr(0x41 + i % 26)}{i}", "Chuyên viên", "PT", "", ""] for i in range(1, 41)]
    body[34][1] = ""  # row 36: no name
    file = write_csv(tmp_path / "in.csv", [HEADER, *body])
    assert main(["--lang", "en", "--db", str(store), "import-delegates", str(file), "--dry-run"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Preview: 39 to add, 0 to update, 0 unchanged, 1 rejected."
    assert numbers(out) == [36, *range(2, 22)]
    assert "… and 19 more rows (print them all: --all-rows)" in out
    assert main(["--lang", "en", "--db", str(store), "import-delegates", str(file), "--all-rows"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert numbers(out) == list(range(2, 42))
    assert not any("more rows" in line for line in out)
