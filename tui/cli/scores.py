"""`hoinghi --db PATH import-scores FILE.xlsx|FILE.csv [--dry-run]`.

One line per row of the sheet in the interface language (what it sets, that it changes nothing,
or why it is refused), then the notes (title rows skipped, encoding, ...). The accepted rows are
saved in one durable, audited write unless --dry-run. Exit 0 when no row was refused, else 1.
"""

from __future__ import annotations

import argparse

from .output import saved
from ..i18n import t


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    imp = subparsers.add_parser("import-scores", help=t("scores.cli.cmd"), description=t("scores.cli.desc"))
    imp.add_argument("file", metavar=t("cli.metavar.file"), help=t("scores.cli.arg.file"))
    imp.add_argument("--dry-run", action="store_true", help=t("scores.cli.opt.dry_run"))
    imp.set_defaults(handler=import_scores)


def import_scores(args: argparse.Namespace, db: str) -> int:
    from store.service import Service
    from store.service.lists import apply_scores_import, plan_scores_import, read_scores_sheet

    table = read_scores_sheet(args.file)  # a malformed file fails before the store is opened
    with Service.open(db, operator=args.operator) as service:
        plan = plan_scores_import(service, table)
        for line in plan.describe(t):
            print(line)
        if args.dry_run:
            print(t("scores.cli.would", changes=plan.changes))
        elif plan.changes:
            changed = apply_scores_import(service, plan)
            saved(service.path)
            print(t("scores.cli.done", changes=changed))
        else:
            print(t("scores.cli.nothing"))
    return 1 if plan.refused else 0
