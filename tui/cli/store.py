"""Command-line work on a store as a whole: create one, check one, migrate one.

    hoinghi --db PATH new [--from FILE]
    hoinghi --db PATH check      # read-only: no lock, no migration, nothing created or written
    hoinghi --db PATH migrate    # bring an older store to this version (after a backup)
"""

from __future__ import annotations

import argparse

from .output import saved
from ..i18n import t


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    check_cmd = subparsers.add_parser("check", help=t("cli.cmd.check"), description=t("cli.desc.check"))
    check_cmd.set_defaults(handler=check)
    new = subparsers.add_parser("new", help=t("cli.cmd.new"), description=t("cli.desc.new"))
    new.add_argument("--from", dest="from_file", metavar=t("cli.metavar.file"), help=t("cli.opt.new_from"))
    from . import setup  # --from FILE.xlsx, --next-year-of OLD, --dry-run

    setup.add_new_options(new)
    new.set_defaults(handler=create)
    migrate_cmd = subparsers.add_parser("migrate", help=t("cli.cmd.migrate"), description=t("cli.desc.migrate"))
    migrate_cmd.set_defaults(handler=migrate)


def create(args: argparse.Namespace, db: str) -> int:
    from store.service import Service

    from . import setup

    if setup.handles(args):  # a workbook or last year's store
        return setup.create(args, db)

    with Service.create(db, from_file=args.from_file, operator=args.operator) as service:
        saved(service.path)
        print(summary_line(service))
    return 0


def check(args: argparse.Namespace, db: str) -> int:
    """Read-only, as the store was last saved: works while the app holds it and on read-only
    media; an older schema is checked as migrated in memory and said to need `migrate`."""
    from store.errors import StoreShapeError
    from store.service import Service

    from ..store_words import problem_text

    try:
        service = Service.open_snapshot(db)
    except StoreShapeError as refused:  # every problem, not only the first few of the refusal
        return _problems(db, [problem_text(p) for p in refused.problems])
    with service:
        problems = service.problems()
        old = service.outdated
        if problems:
            code = _problems(db, [problem_text(p) for p in problems])
        else:
            print(summary_line(service))
            for note in service.notes():
                print(t("cli.check.note", note=problem_text(note)))
            code = 0
        if old:
            print(t("cli.check.needs_migrate", path=db, version=service.file_version, current=Service.SCHEMA_VERSION))
        return code


def migrate(args: argparse.Namespace, db: str) -> int:
    """Open the store as the app does: an older schema is migrated after a backup."""
    from store.service import Service

    with Service.open(db, operator=args.operator) as service:
        if service.outdated:
            saved(service.path)
            print(t("cli.migrate.done", path=str(service.path), version=service.file_version,
                    current=Service.SCHEMA_VERSION))
        else:
            print(t("cli.migrate.current", path=str(service.path), current=Service.SCHEMA_VERSION))
    return 0


def _problems(db: str, problems: list[str]) -> int:
    print(t("cli.check.problems", path=db, count=len(problems)))
    for problem in problems:
        print(f"  - {problem}")
    return 1


def summary_line(service) -> str:
    summary = service.summary()
    counts = ", ".join(f"{t(f'table.{name}')} {n}" for name, n in summary.counts.items())
    return t("cli.check.ok", path=str(service.path), schema=summary.schema_version, counts=counts)
