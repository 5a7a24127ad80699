"""`hoinghi --db PATH sync init|add|status|start|stop`: Syncthing set up without its web page.

The folder that holds the store is the one Syncthing replicates between the laptops (the main
laptop's store, every desk's journal). Its Syncthing folder ID comes from the store's file name
("hoinghi.json" -> "hoinghi-hoinghi"), so every laptop that names its store the same shares
the same folder; `--folder-id` chooses another. This laptop's Syncthing home is in the user's
config folder unless `--sync-home` (or $HOINGHI_SYNC_HOME) says otherwise.
"""

from __future__ import annotations

import argparse
import socket

from ..i18n import t


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    sync = subparsers.add_parser("sync", help=t("sync.cli.cmd"), description=t("sync.cli.desc"))
    sync.add_argument("--sync-home", dest="sync_home", metavar=t("cli.metavar.path"),
                      help=t("sync.cli.opt.home"))
    steps = sync.add_subparsers(dest="sync_command", metavar=t("cli.metavar.command"), required=True)
    init = steps.add_parser("init", help=t("sync.cli.init"), description=t("sync.cli.init"))
    init.add_argument("--name", metavar=t("cli.metavar.name"), help=t("sync.cli.opt.name"))
    init.add_argument("--listen", metavar="tcp://HOST:PORT", default="tcp://0.0.0.0:22000",
                      help=t("sync.cli.opt.listen"))
    init.add_argument("--folder-id", dest="folder_id", metavar="ID", help=t("sync.cli.opt.folder_id"))
    init.set_defaults(handler=init_sync)
    add = steps.add_parser("add", help=t("sync.cli.add"), description=t("sync.cli.add"))
    add.add_argument("device", metavar="DEVICE-ID", help=t("sync.cli.arg.device"))
    add.add_argument("--address", default="dynamic", metavar="tcp://HOST:PORT",
                     help=t("sync.cli.opt.address"))
    add.add_argument("--name", default="", metavar=t("cli.metavar.name"), help=t("sync.cli.opt.peer_name"))
    add.set_defaults(handler=add_peer)
    for name, handler in (("status", show_status), ("start", start_sync), ("stop", stop_sync)):
        steps.add_parser(name, help=t(f"sync.cli.{name}"), description=t(f"sync.cli.{name}")) \
            .set_defaults(handler=handler)


def _home(args: argparse.Namespace):
    from store.service.desks import sync_home

    return sync_home(args.sync_home)


def init_sync(args: argparse.Namespace, db: str) -> int:
    from store.service.desks import share_store_folder

    home = _home(args)
    folder, device = share_store_folder(home, db, name=args.name or socket.gethostname(), listen=args.listen,
                                        folder_id=args.folder_id)
    print(t("sync.cli.initialized", home=str(home.path), folder=str(folder)))
    print(t("sync.cli.device", device=device))
    print(t("sync.cli.next"))
    return 0


def add_peer(args: argparse.Namespace, db: str) -> int:
    from store.service.desks import add_laptop

    device = add_laptop(_home(args), args.device, address=args.address, name=args.name)
    print(t("sync.cli.added", device=device, address=args.address))
    return 0


def start_sync(args: argparse.Namespace, db: str) -> int:
    from store.service.desks import start_sync as start

    home = _home(args)
    started = start(home)
    print(t("sync.cli.started" if started else "sync.cli.already_running", home=str(home.path)))
    return 0


def stop_sync(args: argparse.Namespace, db: str) -> int:
    from store.service.desks import stop_sync as stop

    stop(_home(args))
    print(t("sync.cli.stopped"))
    return 0


def show_status(args: argparse.Namespace, db: str) -> int:
    from store.service.desks import sync_status
    from wording.numbers import integer

    status = sync_status(_home(args))
    print(t("sync.cli.me", device=status.device_id))
    print(t("sync.cli.folder", folder=status.folder_path, id=status.folder_id,
            state=t(f"sync.state.{status.folder_state}") if status.folder_state in STATES
            else status.folder_state, need=integer(status.need_bytes)))
    if not status.peers:
        print(t("sync.cli.no_peers"))
    for peer in status.peers:
        print(t("sync.cli.peer_on" if peer.connected else "sync.cli.peer_off",
                name=peer.name or peer.device_id[:7], device=peer.device_id[:7], address=peer.address,
                seen=_seen(peer.last_seen)))
    return 0


STATES = ("idle", "scanning", "syncing", "error", "scan-waiting", "sync-waiting", "sync-preparing",
          "cleaning", "clean-waiting")


def _seen(iso: str) -> str:
    import datetime as dt

    from wording.numbers import day

    if not iso:
        return t("sync.cli.never")
    try:
        when = dt.datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return iso
    return f"{when:%H:%M:%S} {day(when.date().isoformat())}"
