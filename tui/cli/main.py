"""Command line: open the app, or work on a store without a screen.

    hoinghi [--db PATH] [--panel agenda|delegates|scorecards|covenant] [--lang vi|en]
    hoinghi --db PATH check
    hoinghi --db PATH new [--from FILE]
    hoinghi --db PATH import-delegates FILE [--dry-run]
    hoinghi --db PATH export WHAT [--format csv|xlsx|md|pdf] [-o FILE] [--force]
    hoinghi template WHAT -o FILE.xlsx
    hoinghi --db PATH purge-personal [--yes]
    hoinghi --db PATH migrate
    hoinghi --version

Exit codes: see tui/cli/output.py (0 done, 1 refused or problems, 2 misuse or unexpected,
3 output not written, 130 interrupted).

The commands live in the modules of COMMAND_MODULES (this package); `hoinghi` and `python -m tui`
both run `main()`; every word comes from the catalog
(wording/locales/<lang>.cli.json), Vietnamese unless --lang en.
"""

from __future__ import annotations

import argparse
import errno
import gc
import os
import sys
from pathlib import Path

from store.errors import StoreError

PANELS = ("agenda", "delegates", "scorecards", "covenant", "setup")


def sample_path() -> Path:
    """The shipped demo conference (never written to: the app works on a copy)."""
    return Path(__file__).resolve().parents[1] / "data" / "sample.json"


def default_store() -> tuple[Path, bool]:
    """The store to open when none is given, and whether it is a fresh copy of the demo data.

    The data folder is made owner-only (0700) and the demo copy 0600 (it holds names and
    positions; a real conference adds phones and dates of birth). Two launches at once: one
    copies the demo, the other opens that copy."""
    from platformdirs import user_data_dir

    from store.service.new_store import private_copy

    path = Path(user_data_dir("hoinghi", appauthor=False)) / "hoinghi.json"
    return path, private_copy(path, sample_path())


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

    def __call__(self, parser, _namespace, _values, _option_string=None):
        print(f"hoinghi {version()}")
        parser.exit()


#: the modules that add the command line's commands, each with `add_commands(subparsers)`
COMMAND_MODULES = (
    "tui.cli.store",
    "tui.cli.io",
    "tui.cli.scores",
    "tui.cli.sync",
)


def language_of(argv: list[str]) -> str:
    """The language of the command line's words, read before the parser is built (its help is
    worded in it): `--lang en` / `--lang=en`, else Vietnamese."""
    from ..i18n import DEFAULT, LANGUAGES

    for i, word in enumerate(argv):
        value = word.split("=", 1)[1] if word.startswith("--lang=") else (
            argv[i + 1] if word == "--lang" and i + 1 < len(argv) else None)
        if value in LANGUAGES:
            return value
    return DEFAULT


def build_parser() -> argparse.ArgumentParser:
    """The parser, worded in the current language (`tui.i18n.set_language` first)."""
    import importlib

    from .words import speak_argparse
    from ..i18n import t

    speak_argparse()
    parser = argparse.ArgumentParser(prog="hoinghi", description=t("cli.description"),
                                     epilog=t("cli.epilog.exit_codes"))
    parser.add_argument("--db", metavar=t("cli.metavar.path"), help=t("cli.opt.db"))
    parser.add_argument("--panel", choices=PANELS, default="delegates", help=t("cli.opt.panel"))
    parser.add_argument("--view", choices=("app", "projector"), default="app", help=t("projector.cli.view"))
    parser.add_argument("--lang", choices=("vi", "en"), default=None, help=t("cli.opt.lang"))
    parser.add_argument("--operator", metavar=t("cli.metavar.name"), help=t("cli.opt.operator"))
    parser.add_argument("--desk", metavar=t("cli.metavar.name"), help=t("cli.opt.desk"))
    parser.add_argument("--version", action=_VersionAction, help=t("cli.opt.version"))
    sub = parser.add_subparsers(dest="command", title=t("cli.commands"), metavar=t("cli.metavar.command"))
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; every failure is one line `hoinghi: ...` on stderr, never a traceback
    (set HOINGHI_DEBUG=1 to see one for an unexpected error). The command line speaks
    Vietnamese unless `--lang en` (the language before is restored after: main() may run again in
    the same process, as in the tests)."""
    from ..i18n import language, set_language

    from .output import reserve_standard_descriptors

    if argv is None:  # a real process: `>&-` must not hand descriptor 1 to the store
        reserve_standard_descriptors()
    argv = sys.argv[1:] if argv is None else list(argv)
    before = language()
    set_language(language_of(argv))
    try:
        return _main(argv)
    finally:
        set_language(before)


def _main(argv: list[str]) -> int:
    from contextlib import nullcontext

    from .output import INTERRUPTED, REFUSED, UNEXPECTED, OutputGuard
    from ..i18n import t

    args = build_parser().parse_args(argv)
    guard = OutputGuard() if args.command else None  # the app draws on the terminal itself
    try:
        with guard or nullcontext():
            code = run(args)
    except StoreError as exc:
        _say(_store_error_text(exc))
        code = REFUSED
    except KeyboardInterrupt:
        return INTERRUPTED
    except OSError as exc:  # a file the person named (an import, a folder): never the store by guess
        _say(_os_error_text(exc, None))
        code = REFUSED
    except Exception as exc:
        if os.environ.get("HOINGHI_DEBUG"):
            raise
        _say(t("cli.unexpected", error=str(exc) or t("cli.no_details")))
        code = UNEXPECTED
    if guard is not None and guard.failure is not None:
        return _output_failed(guard, code)
    return code


def _output_failed(guard, code: int) -> int:
    """Standard output could not be written: said as that (never blamed on the store), with
    whether the command's change was saved; a reader that left (`| head`) is not worth a line."""
    from .output import OK, OUTPUT_FAILED
    from ..i18n import t
    from ..store_words import os_reason

    _quiet_stdout()  # what is still buffered for it would fail again at exit
    failure = guard.failure
    closed = not isinstance(failure, OSError) or failure.errno == errno.EBADF
    reason = t("cli.output.closed") if closed else os_reason(failure)
    if guard.saved is not None:
        if not guard.reader_left:
            _say(t("cli.output.failed_saved", path=guard.saved, reason=reason))
        return code
    if not guard.reader_left:
        _say(t("cli.output.failed", reason=reason))
    return OUTPUT_FAILED if code == OK else code


def _store_error_text(exc: StoreError) -> str:
    from ..store_words import store_error_text

    return store_error_text(exc)


def _say(text: str) -> None:
    print(f"hoinghi: {' '.join(text.split())}", file=sys.stderr)


def _os_error_text(exc: OSError, db: str | None) -> str:
    """`<file>: <reason>`, naming the file the error is about, never one of our temp files
    (and never the store by guess: an error without a file name is said without one)."""
    from ..store_words import os_error_text

    return os_error_text(exc, db)


def _quiet_stdout() -> None:
    """Point standard output at the null device, so what is still buffered for it is dropped at
    exit instead of failing again (nothing to do when it was closed from the start)."""
    if sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # io.UnsupportedOperation: no descriptor
        pass


def run(args: argparse.Namespace) -> int:
    from ..i18n import t

    db = args.db or os.environ.get("HOINGHI_DB")
    if args.command:
        if not db and getattr(args, "needs_db", True):
            raise StoreError(t("cli.needs_db", command=args.command))
        return args.handler(args, db)
    demo = False
    if not db:
        path, demo = default_store()
        db = str(path)
    if args.view == "projector":  # read-only, no lock: beside the app running the day
        from tui.projector.app import run_projector

        return run_projector(db, lang=args.lang)
    from store.service import Service
    from tui.app import HoiNghiApp
    from tui.settings import load_settings

    settings = load_settings()
    if args.desk:  # a desk laptop of several: the replicated store read-only, this desk's journal
        import socket

        from store.service.desks import open_desk_laptop

        service = open_desk_laptop(db, args.desk, socket.gethostname())
    else:
        service = Service.open(db, operator=args.operator or settings.operator or None)
    # The store's data (for 10,000 delegates, some 200,000 objects) lives as long as the app and
    # holds no reference cycles: keep the cycle collector from walking it again and again
    # (a full collection while the desk builds its rows cost ~45 ms of the first paint).
    gc.freeze()
    try:
        app = HoiNghiApp(service, panel="delegates" if args.desk else args.panel, lang=args.lang,
                         demo=demo, settings=settings, desk=args.desk or "")
        app.run()
    finally:
        service.close()
    return app.return_code or 0
