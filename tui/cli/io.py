"""Command-line import and export of delegate lists (no screen).

    hoinghi --db PATH import-delegates FILE [--dry-run]
    hoinghi --db PATH export WHAT [--format csv|xlsx|md|pdf] [--order protocol|name|unit]
                                  [--unit CODE] [--only present|absent] [-o FILE] [--force]
    hoinghi template WHAT -o FILE.xlsx [--force]
    hoinghi --db PATH purge-personal [--yes]

Each handler takes (args, db) and returns the exit code; store errors propagate to main(),
which prints them on one line and exits 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from store.errors import StoreError
from store.models.roster import ONLY, ORDERS
from wording.numbers import integer

from .output import output_ready, saved
from ..i18n import t


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    from store.io.exports import EXPORTS, TEMPLATES

    file = t("cli.metavar.file")
    imp = subparsers.add_parser("import-delegates", help=t("cli.cmd.import"), description=t("cli.desc.import"))
    imp.add_argument("file", metavar=file, help=t("cli.arg.import_file"))
    imp.add_argument("--dry-run", action="store_true", help=t("cli.opt.dry_run"))
    imp.add_argument("--all-rows", action="store_true", help=t("cli.opt.all_rows", n=PREVIEW_ROWS))
    imp.set_defaults(handler=import_delegates)

    exp = subparsers.add_parser("export", help=t("cli.cmd.export"), description=t("cli.desc.export"))
    exp.add_argument("what", choices=tuple(EXPORTS), metavar=t("cli.metavar.what"),
                     help=t("cli.arg.export_what", choices=", ".join(EXPORTS)))
    formats = tuple(dict.fromkeys(f for spec in EXPORTS.values() for f in spec.formats))
    exp.add_argument("--format", dest="fmt", choices=formats, help=t("cli.opt.format"))
    exp.add_argument("--order", choices=ORDERS, default=None, help=t("cli.opt.order"))
    exp.add_argument("--unit", metavar=t("cli.metavar.unit"), default=None, help=t("cli.opt.unit"))
    exp.add_argument("--only", choices=ONLY, default=None, help=t("cli.opt.only"))
    exp.add_argument("-o", "--output", metavar=file, help=t("cli.opt.output"))
    exp.add_argument("--force", action="store_true", help=t("cli.opt.force"))
    exp.set_defaults(handler=export)

    template = subparsers.add_parser("template", help=t("cli.cmd.template"), description=t("cli.desc.template"))
    template.add_argument("what", choices=tuple(TEMPLATES), metavar=t("cli.metavar.what"),
                          help=t("cli.arg.template_what", choices=", ".join(TEMPLATES) or "—"))
    template.add_argument("-o", "--output", metavar=file, required=True, help=t("cli.opt.template_output"))
    template.add_argument("--force", action="store_true", help=t("cli.opt.force"))
    template.set_defaults(handler=write_template, needs_db=False)

    purge = subparsers.add_parser("purge-personal", help=t("cli.cmd.purge"), description=t("cli.desc.purge"))
    purge.add_argument("--yes", action="store_true", help=t("cli.opt.purge_yes"))
    purge.set_defaults(handler=purge_personal)


#: rows of the preview printed besides the rejected ones (every row with --all-rows)
PREVIEW_ROWS = 20


def import_delegates(args: argparse.Namespace, db: str) -> int:
    """Preview in the CLI's language (--lang, default Vietnamese): the counts, every rejected
    row, the first PREVIEW_ROWS other rows (all with --all-rows) and the notes; then save the
    good rows in one step (or, with --dry-run, say what would be added and updated)."""
    from store.service import Service
    from store.service.lists import apply_delegates_import, plan_delegates_import, read_delegate_list

    table = read_delegate_list(args.file)  # a malformed file fails before the store is opened
    with Service.open(db, operator=args.operator) as service:
        units = service.conference.units()
        plan = plan_delegates_import(service, table)
        del table  # its rows are in the plan now: not held through the write (100k rows: ~85 MB)
        counts = plan.counts  # (plan.adds copies every row's fields)
        limit = None if args.all_rows else PREVIEW_ROWS + counts["rejected"]
        for line in plan.describe(t, limit=limit, units=units, more="import.more_rows"):
            print(line)
        if args.dry_run:
            print(t("import.would", added=counts["add"], updated=counts["update"]))
        elif counts["add"] or counts["update"]:
            added, updated = apply_delegates_import(service, plan, source=Path(args.file).name)
            saved(service.path)
            print(t("import.done", added=added, updated=updated))
        else:
            print(t("import.nothing"))
    return 1 if plan.rejected else 0


def export(args: argparse.Namespace, db: str) -> int:
    """Write what the registry (store/io/exports.py) names, to -o FILE or standard output."""
    from store.io.exports import BINARY, EXPORTS
    from store.service import Service

    spec = EXPORTS[args.what]
    _refuse_target(args.output, db)
    fmt = _format_of(args.output, args.fmt, spec.formats)
    if fmt in BINARY and not args.output:
        raise StoreError(t("export.cli.needs_file", fmt=fmt))
    if not args.output and not output_ready():
        raise StoreError(t("cli.output.closed_before"))
    if args.order not in (None, "protocol") and args.what == "introduction":
        raise StoreError(t("export.cli.intro_order"))
    if args.order and args.what not in ("delegates", "introduction", *BY_PERSON):
        raise StoreError(t("export.cli.order_only_delegates"))
    if args.unit is not None and args.what not in ("delegates", *BY_PERSON):
        raise StoreError(t("export.cli.unit_only_people"))
    if args.only and args.what != "delegates":
        raise StoreError(t("export.cli.only_delegates"))
    _refuse_existing(args)
    with Service.open_snapshot(db, operator=args.operator) as service:  # no lock:
        store = service.path                                            # the app may hold it
        unit = _unit_of(service, args.unit)
        if args.what == "delegates":
            data = spec.load()(service, fmt, args.order or "protocol", lang=language(), unit=unit, only=args.only)
        elif args.what in BY_PERSON:
            data = spec.load()(service, fmt, lang=language(), order=args.order or BY_PERSON[args.what],
                               unit=unit)
        elif args.what == "covenant":
            _refuse_broken_seal(service, args.force)
            data = spec.load()(service, fmt, lang=language(), force=args.force)
        else:
            data = spec.load()(service, fmt, lang=language())
    _deliver(args, data, store)
    return 0


#: the papers printed one per delegate, and their order when none is asked for
BY_PERSON = {"invitations": "protocol", "badges": "unit"}


def _unit_of(service, given: str | None) -> str | None:
    """`--unit`: a member unit's code or short name (case and tones ignored), or None."""
    if given is None:
        return None
    from wording.text import fold

    wanted = fold(given)
    for unit in service.conference.units():
        if wanted in (fold(unit.code), fold(unit.short_name)):
            return unit.code
    raise StoreError(t("export.cli.no_unit", unit=given,
                       units=", ".join(u.code for u in service.conference.units())))


def write_template(args: argparse.Namespace, db: str | None) -> int:
    """A workbook to fill in (store/io/exports.py TEMPLATES): empty, or, for a template that
    uses a store and with --db given, filled in with the store's units and groups."""
    from store.io.exports import TEMPLATES

    spec = TEMPLATES[args.what]
    _refuse_target(args.output, db)
    _format_of(args.output, None, (spec.fmt,))
    _refuse_existing(args)
    if spec.uses_store and db:
        from store.service import Service

        with Service.open_snapshot(db, operator=args.operator) as service:
            data = spec.load()(lang=language(), service=service)
    else:
        data = spec.load()(lang=language())
    _deliver(args, data, None)
    return 0


def _refuse_broken_seal(service, force: bool) -> None:
    """A covenant that no longer matches its seal or its log is printed only with --force,
    naming what no longer matches (the unit and the field)."""
    from ..seal_check_words import problem_lines

    problems = service.covenant.verify(hashes=True)
    if problems and not force:
        covenant = service.covenant.get()
        sealed = bool(covenant and covenant.sealed) or any(p.reason == "seal_removed" for p in problems)
        units = {u.code: u.short_name for u in service.conference.units()}
        raise StoreError(t("seal.export_refused", what="; ".join(problem_lines(problems, units, sealed=sealed))))


def _refuse_target(output: str | None, db: str | None) -> None:
    """Before any work: never onto the store's own files, never over anything but a regular file
    (a device such as /dev/stdout, a FIFO, a symlink, a folder), even with --force."""
    if not output:
        return
    from store.io.exports import refuse_target

    refuse_target(output, db or None)


def _refuse_existing(args: argparse.Namespace) -> None:
    if args.output and not args.force and os.path.lexists(args.output):
        raise StoreError(t("export.cli.exists", path=args.output))


def _deliver(args: argparse.Namespace, data: bytes, store: Path | None) -> None:
    from store.io.exports import write

    if args.output:
        try:
            write(args.output, data, store=store)
        except OSError as exc:
            from ..store_words import os_reason

            raise StoreError(t("export.cli.cannot_write", path=args.output, reason=os_reason(exc))) from None
        print(t("export.cli.wrote", path=args.output, size=integer(len(data))), file=sys.stderr)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


def purge_personal(args: argparse.Namespace, db: str) -> int:
    """Remove (with --yes) or show what would be removed of the personal data of a store."""
    from store.service import Service

    with Service.open(db, operator=args.operator) as service:
        report = service.privacy.purge_personal(apply=args.yes)
        store = service.path.name
        if report.applied:
            saved(service.path)
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
    if report.problems:  # personal data may remain where it could not be purged: not done
        print(f"hoinghi: {t('purge.incomplete', count=len(report.problems))}", file=sys.stderr)
        return 1
    return 0


def language() -> str:
    from ..i18n import language as current

    return current()


def _format_of(output: str | None, fmt: str | None, formats: tuple[str, ...]) -> str:
    """The format: --format if given, else the -o extension, else the first of `formats`. An
    extension that names another format than --format, or a format this export does not write,
    is refused (one line, nothing written)."""
    from store.io.exports import EXTENSIONS

    suffix = Path(output).suffix.lower().lstrip(".") if output else ""
    named = EXTENSIONS.get(suffix)
    if fmt and named and named != fmt:
        raise StoreError(t("export.cli.format_mismatch", path=output, ext=suffix, fmt=fmt))
    if not fmt and not named and output and suffix:
        raise StoreError(t("export.cli.unknown_format", path=output, formats="|".join(formats)))
    chosen = fmt or named or formats[0]
    if chosen not in formats:
        raise StoreError(t("export.cli.format_not_offered", fmt=chosen, formats=", ".join(formats)))
    return chosen
