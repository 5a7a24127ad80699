"""`hoinghi new` from a filled-in workbook or from last year's store.

    hoinghi --db PATH new --from FILE.xlsx [--dry-run]
    hoinghi --db NEW new --next-year-of OLD.json [--dry-run]

A workbook with any problem creates nothing: the report (sheet, row, field, reason, in the
interface language) is printed and the exit code is 1. `--dry-run` only reports. OLD is read
without opening it as a store: it stays byte-identical.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from store.errors import StoreError

from .cli_output import saved
from .i18n import t


def add_new_options(new: argparse.ArgumentParser) -> None:
    """The `new` command's setup options (its `--from` also takes a workbook .xlsx)."""
    new.add_argument("--next-year-of", dest="next_year_of", metavar=t("cli.metavar.file"),
                     help=t("setup.cli.opt.next_year_of"))
    new.add_argument("--dry-run", dest="dry_run", action="store_true", help=t("setup.cli.opt.dry_run"))


def handles(args: argparse.Namespace) -> bool:
    """Whether this `new` is a setup one (a workbook or next year), not a store copy."""
    return bool(args.next_year_of) or Path(args.from_file or "").suffix.lower() == ".xlsx" or args.dry_run


def create(args: argparse.Namespace, db: str) -> int:
    if args.next_year_of and args.from_file:
        raise StoreError(t("setup.cli.both"))
    if args.next_year_of:
        return next_year(args, db)
    if not args.from_file or Path(args.from_file).suffix.lower() != ".xlsx":
        raise StoreError(t("setup.cli.dry_run_needs"))
    return from_workbook(args, db)


def _refuse_existing(db: str) -> None:
    if os.path.lexists(db):
        from store.core.lock import holder_error

        raise holder_error(db) or StoreError(t("setup.cli.exists", path=db))


def from_workbook(args: argparse.Namespace, db: str) -> int:
    from store.setup import workbook_import

    plan = workbook_import.plan_workbook(args.from_file)
    for line in workbook_import.describe(plan, t):
        print(line)
    if plan.problems:
        return 1
    if args.dry_run:
        print(t("setup.cli.dry_run"))
        return 0
    _refuse_existing(db)
    with workbook_import.create_store(db, plan, operator=args.operator) as service:
        saved(service.path)
        print(t("setup.cli.created", path=str(service.path)))
    return 0


def next_year(args: argparse.Namespace, db: str) -> int:
    from store.setup import next_year as ny

    if os.path.abspath(db) == os.path.abspath(args.next_year_of):
        raise StoreError(t("setup.cli.same_file"))
    plan = ny.plan_next_year(args.next_year_of)
    for line in ny.describe(plan, t):
        print(line)
    if args.dry_run:
        print(t("setup.cli.dry_run"))
        return 0
    _refuse_existing(db)
    with ny.create_store(db, plan, operator=args.operator) as service:
        saved(service.path)
        print(t("setup.cli.created", path=str(service.path)))
    return 0
