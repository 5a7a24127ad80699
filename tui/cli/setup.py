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

from .output import saved
from ..i18n import t


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


def from_workbook(args: argparse.Namespace, db: str) -> int:
    from store.service.new_store import create_from_workbook, plan_workbook

    plan = plan_workbook(args.from_file)
    for line in plan.describe(t):
        print(line)
    if plan.problems:
        return 1
    if args.dry_run:
        print(t("setup.cli.dry_run"))
        return 0
    with create_from_workbook(db, plan, operator=args.operator) as service:
        saved(service.path)
        print(t("setup.cli.created", path=str(service.path)))
    return 0


def next_year(args: argparse.Namespace, db: str) -> int:
    from store.service.new_store import create_next_year, plan_next_year

    if os.path.abspath(db) == os.path.abspath(args.next_year_of):
        raise StoreError(t("setup.cli.same_file"))
    plan = plan_next_year(args.next_year_of)
    for line in plan.describe(t):
        print(line)
    if args.dry_run:
        print(t("setup.cli.dry_run"))
        return 0
    with create_next_year(db, plan, operator=args.operator) as service:
        saved(service.path)
        print(t("setup.cli.created", path=str(service.path)))
    return 0
