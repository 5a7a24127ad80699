"""One registry of what `hoinghi export WHAT` and `hoinghi template WHAT` write.

An export is `fn(service, fmt, lang) -> bytes` ("vi" or "en" headers); a template is
`fn(lang) -> bytes`, or `fn(lang, service)` when it is filled in from a store. Each is named "module:function" and imported only when asked for, so the
command line starts without loading every exporter. Each area of the app adds its own line.
`refuse_target` and `write` say where an export may go and put it there.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from typing import Any, Callable

#: a file extension -> the format it names
EXTENSIONS = {"csv": "csv", "xlsx": "xlsx", "md": "md", "markdown": "md", "pdf": "pdf"}
#: formats that are not text: never written to a terminal, an output file is needed
BINARY = frozenset({"xlsx", "pdf"})


@dataclass(frozen=True)
class Export:
    what: str
    formats: tuple[str, ...]
    function: str

    def load(self) -> Callable[..., bytes]:
        return _load(self.function)


@dataclass(frozen=True)
class Template:
    what: str
    function: str
    #: the only format a template is written in
    fmt: str = "xlsx"
    #: filled in from the store when one is given (`fn(lang, service)`: units, groups)
    uses_store: bool = False

    def load(self) -> Callable[..., bytes]:
        return _load(self.function)


def refuse_target(path: str | os.PathLike[str], store: str | os.PathLike[str] | None = None) -> None:
    """Before any work, ExportRefusedError for a target an export must never write: the open
    store's own files (with `store`: the store, its journal, lock, backups) or anything but a
    regular file (a device such as /dev/stdout, a FIFO, a folder, a symlink), even with --force."""
    from ..core.writing import refuse_store_files, refuse_unusual_target

    if store is not None:
        refuse_store_files(path, store)
    refuse_unusual_target(path)


def write(path: str | os.PathLike[str], data: bytes, *, store: str | os.PathLike[str] | None = None) -> None:
    """`data` written to `path` durably (never half a file) and privately (0600: lists are
    personal data); refused, nothing written, onto the files of the open `store`."""
    from .exporter import write_export

    write_export(path, data, store_path=store)


def _load(dotted: str) -> Callable[..., Any]:
    module, _, name = dotted.partition(":")
    return getattr(importlib.import_module(module), name)


EXPORTS: dict[str, Export] = {
    "delegates": Export("delegates", ("csv", "xlsx", "md", "pdf"), "store.io.exporter:export_delegates"),
    "introduction": Export("introduction", ("csv", "xlsx", "md", "pdf"), "store.io.exporter:export_introduction"),
    "invitations": Export("invitations", ("pdf",), "store.io.papers.invitations:export_invitations"),
    "badges": Export("badges", ("pdf",), "store.io.papers.badges:export_badges"),
    "summary": Export("summary", ("pdf",), "store.io.papers.summary:export_summary"),
    "ranking": Export("ranking", ("csv", "xlsx", "md", "pdf"), "store.io.ranking_export:export_ranking"),
    "agenda": Export("agenda", ("csv", "xlsx", "md", "pdf"), "store.io.agenda_export:export_agenda"),
    "conference": Export("conference", ("xlsx",), "store.setup.workbook_write:export_conference"),
    "covenant": Export("covenant", ("md", "pdf", "xlsx"), "store.io.covenant_export:export_covenant"),
}

TEMPLATES: dict[str, Template] = {
    "scores": Template("scores", "store.io.scores_template:template", uses_store=True),
    "conference": Template("conference", "store.setup.workbook_write:template"),
}
