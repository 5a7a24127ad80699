"""Several desks, as the UI and the command line use them: a desk laptop (the replicated store
read-only, this desk's journal), the desks' folder as the main laptop reads and folds it, and
Syncthing, which carries both between the laptops (store/replication/ does the work)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wording.text import fold

from ..replication.desk_laptop import DeskLaptop
from ..replication.merge import Merged, arrivals_of, fold_steps, merge
from ..replication.watch import DeskWatch

if TYPE_CHECKING:  # Syncthing's driver is loaded only when asked
    from ..replication.syncthing import Home, Status

#: DeskLaptop (what open_desk_laptop gives), DeskWatch (the desks' folder read) and Merged (one
#: attendance) are offered as the types the functions below take and give
__all__ = [
    "DeskLaptop", "DeskWatch", "Merged", "open_desk_laptop", "is_desk_laptop", "watch_desks", "fold_desks",
    "merged_view", "laptops_behind", "sync_home", "folder_id_of", "share_store_folder", "add_laptop",
    "start_sync", "stop_sync", "sync_status",
]


def open_desk_laptop(store: str | os.PathLike[str], desk: str, host: str) -> DeskLaptop:
    """This laptop as desk `desk` of several (`--desk`): the store as Syncthing brought it,
    read-only, and this desk's own journal of check-ins; the same domains as a Service."""
    return DeskLaptop(store, desk, host)


def is_desk_laptop(service: Any) -> bool:
    """Whether `service` is a desk laptop's (the list is the main laptop's: no edits offered)."""
    return isinstance(service, DeskLaptop)


def watch_desks(service: Any, own_desk: str = "") -> DeskWatch:
    """The desks' folder beside the store as this laptop reads it (a desk laptop's own watch)."""
    return service.watch if isinstance(service, DeskLaptop) else DeskWatch(service.path, own_desk=own_desk)


def merged_view(service: Any, watch: DeskWatch) -> Merged:
    """One attendance: the store's arrivals and every desk's journal merged (the main laptop)."""
    return merge(arrivals_of(service.delegates.all()), watch.events_by_desk())


def fold_desks(service: Any, watch: DeskWatch) -> list[str]:
    """Fold what the desks' journals say into the store (one audited unit of work when
    anything differs); the codes changed. Run it after `watch.poll()` found new events."""
    arrivals = arrivals_of(service.delegates.all())
    return service.delegates.fold_arrivals(fold_steps(arrivals, merge(arrivals, watch.events_by_desk())))


def laptops_behind() -> list[str]:
    """The laptops Syncthing says do not have all this one wrote yet (asked before a desk quits)."""
    from ..replication import syncthing

    return syncthing.pending_peers(syncthing.default_home())


def sync_home(path: str | os.PathLike[str] | None = None) -> Home:
    """This laptop's Syncthing home: `path` when given, else $HOINGHI_SYNC_HOME or the user's
    config folder."""
    from ..replication import syncthing

    return syncthing.Home(path) if path else syncthing.default_home()


def folder_id_of(db: str | os.PathLike[str]) -> str:
    """The Syncthing folder ID of the store at `db`: "hoinghi-" and its file name, folded (every
    laptop that names its store the same shares the same folder)."""
    stem = re.sub(r"[^a-z0-9]+", "-", fold(Path(db).stem)).strip("-") or "store"
    return f"hoinghi-{stem}"


def share_store_folder(home: Home, db: str | os.PathLike[str], *, name: str, listen: str,
                       folder_id: str | None = None) -> tuple[Path, str]:
    """Set up Syncthing at `home` to share the folder that holds the store at `db`: (that
    folder, this laptop's device ID, which the other laptops add)."""
    from ..replication import syncthing

    folder = Path(db).resolve().parent
    device = syncthing.init(home, folder=folder, folder_id=folder_id or folder_id_of(db), name=name,
                            listen=listen)
    return folder, device


def add_laptop(home: Home, device: str, *, address: str = "dynamic", name: str = "") -> str:
    """Share the store's folder with the laptop whose device ID is `device` (Syncthing started
    first); its ID as Syncthing writes it."""
    from ..replication import syncthing

    syncthing.start(home)
    syncthing.add_device(home, device, address=address, name=name)
    return syncthing.valid_device_id(device)


def start_sync(home: Home) -> bool:
    """Start Syncthing at `home` in the background; False when it was already running."""
    from ..replication import syncthing

    return syncthing.start(home) is not None


def stop_sync(home: Home) -> None:
    """Stop the Syncthing started at `home`."""
    from ..replication import syncthing

    syncthing.stop(home)


def sync_status(home: Home) -> Status:
    """This laptop's device, the store's folder and each other laptop, as Syncthing sees them."""
    from ..replication import syncthing

    return syncthing.status(home)
