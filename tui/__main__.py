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
import gc
import os
import sys
from pathlib import Path

from store.errors import StoreError

PANELS = ("agenda", "delegates", "scorecards", "covenant", "setup")


def sample_path() -> Path:
    """The shipped demo conference (never written to: the app works on a copy)."""
    return Path(__file__).resolve().parent / "data" / "sample.json"


def default_store() -> tuple[Path, bool]:
    """The store to open when none is given, and whether it is a fresh copy of the demo data.

    The data folder is made owner-only (0700) and the demo copy 0600 (it holds names and
    positions; a real conference adds phones and dates of birth). Two launches at once: one
    copies the demo, the other opens that copy."""
    from platformdirs import user_data_dir

    from store.core.files import make_private_dir
    from store.core.storage import create_exclusive
    from store.errors import StoreExistsError

    folder = Path(user_data_dir("hoinghi", appauthor=False))
    path = folder / "hoinghi.json"
    make_private_dir(folder)
    if path.exists():
        return path, False
    try:
        create_exclusive(path, sample_path().read_bytes())
    except StoreExistsError:
        return path, False
    return path, True


def version() -> str:
    from importlib import metadata  # about 20 ms: only when asked

    try:
        return metadata.version("hoinghi")
    except metadata.PackageNotFoundError:
        return "0+unknown"


class _VersionAction(argparse.Action):
    """`--version`: the installed version, looked up only when asked."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"hoinghi {version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hoinghi", description="Run an emulation-cluster conference.")
    parser.add_argument("--db", help="store file (default: $HOINGHI_DB, else the demo copy in the user data folder)")
    parser.add_argument("--panel", choices=PANELS, default="delegates", help="panel to open on")
    parser.add_argument("--lang", choices=("vi", "en"), default=None, help="interface language")
    parser.add_argument("--operator", help="name written in the audit log (default: the OS user)")
    parser.add_argument("--version", action=_VersionAction, help="show the version and exit")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("check", help="verify a store and print a summary")
    new = sub.add_parser("new", help="create a store")
    new.add_argument("--from", dest="from_file", help="a store file to start from (e.g. sample.json)")
    from tui import cli_io

    cli_io.add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; every failure is one line `hoinghi: ...` on stderr, never a traceback
    (set HOINGHI_DEBUG=1 to see one for an unexpected error)."""
    args = build_parser().parse_args(argv)
    try:
        return run(args)
    except StoreError as exc:
        _say(str(exc))
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `hoinghi export ... | head`: the reader left, nothing to say
        _quiet_stdout()
        return 1
    except OSError as exc:
        _say(_os_error_text(exc, args.db or os.environ.get("HOINGHI_DB")))
        return 1
    except Exception as exc:
        if os.environ.get("HOINGHI_DEBUG"):
            raise
        _say(f"unexpected error: {exc or 'no details'}; nothing more was done (HOINGHI_DEBUG=1 shows where)")
        return 2


def _say(text: str) -> None:
    print(f"hoinghi: {' '.join(text.split())}", file=sys.stderr)


def _os_error_text(exc: OSError, db: str | None) -> str:
    """`<file>: <reason>`, naming the file the person gave, never one of our temp files."""
    from store.core.files import is_temp_name

    name = exc.filename if isinstance(exc.filename, (str, bytes, os.PathLike)) else None
    if name is not None:
        name = os.fsdecode(name)
        if is_temp_name(os.path.basename(name)):
            name = None
    where = name or db
    reason = exc.strerror or str(exc) or "input/output error"
    return f"{where}: {reason}" if where else reason


def _quiet_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


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
    # The store's data (for 10,000 delegates, some 200,000 objects) lives as long as the app and
    # holds no reference cycles: keep the cycle collector from walking it again and again
    # (a full collection while the desk builds its rows cost ~45 ms of the first paint).
    gc.freeze()
    try:
        app = HoiNghiApp(service, panel=args.panel, lang=args.lang, demo=demo, settings=settings)
        app.run()
    finally:
        service.close()
    return app.return_code or 0


def check(db: str) -> int:
    from store.service import Service

    from store.core.opening import StoreShapeError

    try:
        service = Service.open(db)
    except StoreShapeError as refused:  # every problem, not only the first few of the refusal
        return _problems(db, [str(p) for p in refused.problems])
    with service:
        problems = service.check()
        if problems:
            return _problems(db, problems)
        print(_summary_line(service))
        return 0


def _problems(db: str, problems: list[str]) -> int:
    print(f"{db}: {len(problems)} problem(s)")
    for problem in problems:
        print(f"  - {problem}")
    return 1


def _summary_line(service) -> str:
    summary = service.summary()
    counts = ", ".join(f"{name} {n}" for name, n in summary.counts.items())
    return f"{service.path}: ok, schema {summary.schema_version}; {counts}"


if __name__ == "__main__":
    sys.exit(main())
