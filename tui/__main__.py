"""Command line: open the app, or work on a store without a screen.

    hoinghi [--db PATH] [--panel agenda|delegates|scorecards|covenant] [--lang vi|en]
    hoinghi --db PATH check
    hoinghi --db PATH new [--from FILE]
    hoinghi --db PATH import-delegates FILE [--dry-run]
    hoinghi --db PATH export delegates|introduction [--format csv|xlsx|md] [--order ...] [-o FILE]
    hoinghi --version
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from importlib import metadata
from pathlib import Path

from store.errors import StoreError

PANELS = ("agenda", "delegates", "scorecards", "covenant")


def sample_path() -> Path:
    """The shipped demo conference (never written to: the app works on a copy)."""
    return Path(__file__).resolve().parent / "data" / "sample.json"


def default_store() -> tuple[Path, bool]:
    """The store to open when none is given, and whether it is a fresh copy of the demo data."""
    from platformdirs import user_data_dir

    path = Path(user_data_dir("hoinghi", appauthor=False)) / "hoinghi.json"
    if path.exists():
        return path, False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.part")
    shutil.copyfile(sample_path(), tmp)
    os.replace(tmp, path)
    return path, True


def version() -> str:
    try:
        return metadata.version("hoinghi")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hoinghi", description="Run an emulation-cluster conference.")
    parser.add_argument("--db", help="store file (default: $HOINGHI_DB, else the demo copy in the user data folder)")
    parser.add_argument("--panel", choices=PANELS, default="delegates", help="panel to open on")
    parser.add_argument("--lang", choices=("vi", "en"), default=None, help="interface language")
    parser.add_argument("--operator", help="name written in the audit log (default: the OS user)")
    parser.add_argument("--version", action="version", version=f"hoinghi {version()}")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("check", help="verify a store and print a summary")
    new = sub.add_parser("new", help="create a store")
    new.add_argument("--from", dest="from_file", help="a store file to start from (e.g. sample.json)")
    from tui import cli_io

    cli_io.add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return run(args)
    except StoreError as exc:
        print(f"hoinghi: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def run(args: argparse.Namespace) -> int:
    db = args.db or os.environ.get("HOINGHI_DB")
    if args.command == "new":
        if not db:
            raise StoreError("new needs --db PATH (the file to create)")
        from store.service import Service

        with Service.create(db, from_file=args.from_file, operator=args.operator) as service:
            print(_summary_line(service))
        return 0
    if args.command == "check":
        if not db:
            raise StoreError("check needs --db PATH (or HOINGHI_DB)")
        return check(db)
    if args.command:
        if not db:
            raise StoreError(f"{args.command} needs --db PATH (or HOINGHI_DB)")
        return args.handler(args, db)
    demo = False
    if not db:
        path, demo = default_store()
        db = str(path)
    from store.service import Service
    from tui.app import HoiNghiApp
    from tui.settings import load_settings

    settings = load_settings()
    service = Service.open(db, operator=args.operator or settings.operator or None)
    try:
        app = HoiNghiApp(service, panel=args.panel, lang=args.lang, demo=demo, settings=settings)
        app.run()
    finally:
        service.close()
    return app.return_code or 0


def check(db: str) -> int:
    from store.service import Service

    with Service.open(db) as service:
        problems = service.check()
        if problems:
            print(f"{db}: {len(problems)} problem(s)")
            for problem in problems:
                print(f"  - {problem}")
            return 1
        print(_summary_line(service))
        return 0


def _summary_line(service) -> str:
    summary = service.summary()
    counts = ", ".join(f"{name} {n}" for name, n in summary.counts.items())
    return f"{service.path}: ok, schema {summary.schema_version}; {counts}"


if __name__ == "__main__":
    sys.exit(main())
