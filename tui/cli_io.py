"""Command-line import and export of delegate lists (no screen).

    hoinghi --db PATH import-delegates FILE [--dry-run]
    hoinghi --db PATH export delegates|introduction [--format csv|xlsx|md]
                                                    [--order protocol|name|unit] [-o FILE] [--force]
    hoinghi --db PATH purge-personal [--yes]

Each handler takes (args, db) and returns the exit code; store errors propagate to main(),
which prints them on one line and exits 1.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path
from typing import Iterator

from store.errors import StoreError
from store.io.exporter import FORMATS
from store.roster import ORDERS


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    imp = subparsers.add_parser(
        "import-delegates", help="add or update delegates from a CSV or XLSX file",
        description="Rows that pass are imported in one step; rejected rows are listed with "
                    "their row number and reason. Exit code 1 when any row was rejected.")
    imp.add_argument("file", metavar="FILE", help="a .csv or .xlsx file with a header row")
    imp.add_argument("--dry-run", action="store_true", help="show what would change; save nothing")
    imp.set_defaults(handler=import_delegates)

    exp = subparsers.add_parser("export", help="write a delegate list as CSV, XLSX or Markdown")
    exp.add_argument("what", choices=("delegates", "introduction"),
                     help="all delegates, or the introduction list (present, protocol order)")
    exp.add_argument("--format", dest="fmt", choices=FORMATS,
                     help="file format (default: from the -o extension, else csv)")
    exp.add_argument("--order", choices=ORDERS, default=None,
                     help="order of the delegate list (default: protocol)")
    exp.add_argument("-o", "--output", metavar="FILE",
                     help="file to write (default: standard output; required for xlsx)")
    exp.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    exp.set_defaults(handler=export)

    purge = subparsers.add_parser(
        "purge-personal", help="remove phones, dates of birth and notes (store, audit log, backups)",
        description="After the event (Decree 13/2023): blank every delegate's phone, date of birth "
                    "and note, in the store, in the audit log and in every backup. Without --yes "
                    "it shows what it would remove and changes nothing.")
    purge.add_argument("--yes", action="store_true", help="remove it (default: only show what)")
    purge.set_defaults(handler=purge_personal)


def import_delegates(args: argparse.Namespace, db: str) -> int:
    """Preview one line per row in the CLI's language (--lang, default Vietnamese), then save
    the good rows in one step (or, with --dry-run, say what would be added and updated)."""
    from store.io.importer import apply_import, describe, plan_import
    from store.io.reading import read_table
    from store.service import Service

    from .i18n import set_language, t

    set_language(getattr(args, "lang", None) or "vi")
    table = read_table(args.file)  # a malformed file fails before the store is opened
    with Service.open(db, operator=getattr(args, "operator", None)) as service:
        units = service.conference.units()
        plan = plan_import(table, units, service.delegates.all())
        for line in describe(plan, t, units=units):
            print(line)
        if args.dry_run:
            print(t("import.would", added=len(plan.adds), updated=len(plan.updates)))
        elif plan.adds or plan.updates:
            added, updated = apply_import(service, plan, source=Path(args.file).name)
            print(t("import.done", added=added, updated=updated))
        else:
            print(t("import.nothing"))
    return 1 if plan.rejected else 0


def export(args: argparse.Namespace, db: str) -> int:
    with _language_of(args):
        return _export(args, db)


def _export(args: argparse.Namespace, db: str) -> int:
    from store.core.storage import refuse_store_files
    from store.io import exporter
    from store.service import Service
    from tui.i18n import t

    if args.output:  # never onto the store's own files: refused before any work
        refuse_store_files(args.output, db)
    fmt = _format_of(args.output, args.fmt)
    if fmt == "xlsx" and not args.output:
        raise StoreError(t("export.cli.xlsx_needs_file"))
    if args.what == "introduction" and args.order not in (None, "protocol"):
        raise StoreError(t("export.cli.intro_order"))
    if args.output and not args.force and os.path.lexists(args.output):
        raise StoreError(t("export.cli.exists", path=args.output))
    with Service.open(db, operator=getattr(args, "operator", None)) as service:
        store = service.path
        if args.what == "introduction":
            data = exporter.export_introduction(service, fmt, lang=language())
        else:
            data = exporter.export_delegates(service, fmt, args.order or "protocol", lang=language())
    if args.output:
        try:
            exporter.write_export(args.output, data, store_path=store)
        except OSError as exc:
            raise StoreError(t("export.cli.cannot_write", path=args.output,
                               reason=exc.strerror or exc)) from None
        print(t("export.cli.wrote", path=args.output, size=len(data)), file=sys.stderr)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return 0


def purge_personal(args: argparse.Namespace, db: str) -> int:
    """Remove (with --yes) or show what would be removed of the personal data of a store."""
    with _language_of(args):
        return _purge_personal(args, db)


def _purge_personal(args: argparse.Namespace, db: str) -> int:
    from store.service import Service
    from tui.i18n import t

    with Service.open(db, operator=getattr(args, "operator", None)) as service:
        report = service.privacy.purge_personal(apply=args.yes)
        store = service.path.name
    counts = report.store
    if not (counts.delegates or counts.audit_entries or report.backups or report.problems):
        print(t("purge.nothing"))
        return 0
    print(t("purge.did" if report.applied else "purge.would", store=store))
    print(t("purge.delegates", count=counts.delegates, phones=counts.phones, births=counts.births,
            notes=counts.notes))
    print(t("purge.audit", count=counts.audit_entries))
    print(t("purge.backups", count=report.backups, seen=report.backups_seen))
    for problem in report.problems:
        print(t(f"purge.{problem.reason}", name=problem.name))
    if not report.applied:
        print(t("purge.dry_run"))
    return 0


@contextlib.contextmanager
def _language_of(args: argparse.Namespace) -> Iterator[None]:
    """Messages of export and purge-personal: Vietnamese unless --lang en (the language before
    is restored after: main() may run again in the same process, as in the tests)."""
    from tui.i18n import language as current, set_language

    before = current()
    set_language(getattr(args, "lang", None) or "vi")
    try:
        yield
    finally:
        set_language(before)


def language() -> str:
    from tui.i18n import language as current

    return current()


#: what an output file's extension says about its format
_EXTENSIONS = {"csv": "csv", "xlsx": "xlsx", "md": "md", "markdown": "md"}


def _format_of(output: str | None, fmt: str | None = None) -> str:
    """The format: --format if given, else the -o extension, else csv. An extension that names
    another format than --format is refused (one line, nothing written)."""
    from tui.i18n import t

    suffix = Path(output).suffix.lower().lstrip(".") if output else ""
    named = _EXTENSIONS.get(suffix)
    if fmt:
        if named and named != fmt:
            raise StoreError(t("export.cli.format_mismatch", path=output, ext=suffix, fmt=fmt))
        return fmt
    if named:
        return named
    if output and suffix:
        raise StoreError(t("export.cli.unknown_format", path=output))
    return "csv"
