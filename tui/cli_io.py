"""Command-line import and export of delegate lists (no screen).

    hoinghi --db PATH import-delegates FILE [--dry-run]
    hoinghi --db PATH export delegates|introduction [--format csv|xlsx|md]
                                                    [--order protocol|name|unit] [-o FILE]

Each handler takes (args, db) and returns the exit code; store errors propagate to main(),
which prints them on one line and exits 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

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
    exp.set_defaults(handler=export)


def import_delegates(args: argparse.Namespace, db: str) -> int:
    from store.io.importer import apply_import, plan_import
    from store.io.reading import read_table
    from store.service import Service

    table = read_table(args.file)  # a malformed file fails before the store is opened
    with Service.open(db, operator=getattr(args, "operator", None)) as service:
        plan = plan_import(table, service.conference.units(), service.delegates.all())
        for line in plan.report_lines():
            print(line)
        if args.dry_run:
            print("dry run: nothing was saved")
        elif plan.adds or plan.updates:
            added, updated = apply_import(service, plan, source=Path(args.file).name)
            print(f"saved: {added} added, {updated} updated")
        else:
            print("nothing to save")
    return 1 if plan.rejected else 0


def export(args: argparse.Namespace, db: str) -> int:
    from store.core.storage import refuse_store_files
    from store.io import exporter
    from store.service import Service

    if args.output:  # never onto the store's own files: refused before any work
        refuse_store_files(args.output, db)
    fmt = args.fmt or _format_of(args.output)
    if fmt == "xlsx" and not args.output:
        raise StoreError("xlsx export needs -o FILE (a workbook cannot be written to the terminal)")
    if args.what == "introduction" and args.order not in (None, "protocol"):
        raise StoreError("the introduction list is always in protocol order; drop --order")
    lang = getattr(args, "lang", None) or "vi"
    with Service.open(db, operator=getattr(args, "operator", None)) as service:
        store = service.path
        if args.what == "introduction":
            data = exporter.export_introduction(service, fmt, lang=lang)
        else:
            data = exporter.export_delegates(service, fmt, args.order or "protocol", lang=lang)
    if args.output:
        try:
            exporter.write_export(args.output, data, store_path=store)
        except OSError as exc:
            raise StoreError(f"{args.output}: cannot be written ({exc.strerror or exc})") from None
        print(f"wrote {args.output} ({len(data)} bytes)", file=sys.stderr)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return 0


def _format_of(output: str | None) -> str:
    suffix = Path(output).suffix.lower().lstrip(".") if output else ""
    if suffix in FORMATS:
        return suffix
    if suffix == "markdown":
        return "md"
    if output and suffix:
        raise StoreError(f"cannot tell the format of {output!r}; add --format csv|xlsx|md")
    return "csv"
