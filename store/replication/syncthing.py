"""Syncthing, driven without its web page: this laptop's Syncthing home, the conference folder
shared with the other laptops, the peers, and what Syncthing says of them.

Syncthing (a Debian and Windows package, not a PyPI one) does the replication: discovery on the
LAN, transfer, retries, versioning. hoinghi only writes its configuration before the first start
(`init`: global discovery, relays, NAT traversal, usage reports and upgrades off; the folder
that holds the store and the desks' journals) and then talks to the running program through its
REST API on 127.0.0.1 with the API key of its own config.xml. Nothing here is a network protocol
of hoinghi's own.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..errors import StoreError, register_errors

register_errors(("sync_missing", "sync_not_set_up", "sync_not_running", "sync_start_failed", "sync_failed",
                 "sync_bad_device", "sync_bad_address", "sync_exists"))

#: a store's folder: what Syncthing must leave alone (backups, lock files, temp files)
IGNORES = ("*.backups", "*.lock", "*.lock.json", ".*.tmp", "*.tmp")
DEFAULT_LISTEN = "tcp://0.0.0.0:22000"


class SyncthingError(StoreError):
    """Syncthing is missing, not set up, not running, or refused a request."""


@dataclass(frozen=True)
class Peer:
    device_id: str
    name: str
    connected: bool
    address: str
    #: when Syncthing last saw it (ISO 8601), "" when never
    last_seen: str


@dataclass(frozen=True)
class Status:
    device_id: str
    folder_id: str
    folder_path: str
    #: Syncthing's own word for the folder: "idle", "scanning", "syncing", "error", …
    folder_state: str
    #: bytes this laptop still needs from the others
    need_bytes: int
    peers: tuple[Peer, ...]


def binary() -> str:
    """The Syncthing program: $HOINGHI_SYNCTHING, or `syncthing` on the PATH."""
    found = os.environ.get("HOINGHI_SYNCTHING") or shutil.which("syncthing")
    if not found:
        raise SyncthingError(code="sync_missing")
    return found


def valid_device_id(text: str) -> str:
    cleaned = text.strip().upper()
    groups = cleaned.split("-")
    if len(groups) != 8 or not all(len(g) == 7 and g.isalnum() for g in groups):
        raise SyncthingError(code="sync_bad_device", device=text)
    return cleaned


def valid_address(text: str) -> str:
    if text == "dynamic":
        return text
    if not text.startswith("tcp://") or ":" not in text[len("tcp://"):]:
        raise SyncthingError(code="sync_bad_address", address=text)
    return text


class Home:
    """This laptop's Syncthing home: its keys, config.xml and database."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.config = self.path / "config.xml"
        #: the pid of the Syncthing that `start` launched
        self.pid_file = self.path / "hoinghi-syncthing.pid"

    def exists(self) -> bool:
        return self.config.is_file()

    def _tree(self) -> ET.ElementTree:
        if not self.exists():
            raise SyncthingError(code="sync_not_set_up", home=str(self.path))
        return ET.parse(self.config)

    def device_id(self) -> str:
        out = _run([binary(), "serve", "--home", str(self.path), "--device-id"])
        return out.strip()

    def gui(self) -> tuple[str, str]:
        """(http://127.0.0.1:PORT, API key) of this home's running Syncthing."""
        gui = self._tree().getroot().find("gui")
        assert gui is not None
        return "http://" + (gui.findtext("address") or ""), gui.findtext("apikey") or ""

    def listen_address(self) -> str:
        """Where this laptop's Syncthing listens (tcp://HOST:PORT), as set by `init`."""
        options = self._tree().getroot().find("options")
        return (options.findtext("listenAddress") if options is not None else "") or DEFAULT_LISTEN

    def folder(self) -> tuple[str, str]:
        """(folder id, path) of the conference folder this home shares."""
        node = self._tree().getroot().find("folder")
        if node is None:
            raise SyncthingError(code="sync_not_set_up", home=str(self.path))
        return node.get("id", ""), node.get("path", "")


def default_home() -> Home:
    """This laptop's Syncthing home for hoinghi: $HOINGHI_SYNC_HOME, else in the user's config
    folder (never inside the replicated folder: its keys are this laptop's own)."""
    from platformdirs import user_config_dir

    return Home(os.environ.get("HOINGHI_SYNC_HOME") or Path(user_config_dir("hoinghi")) / "syncthing")


def init(home: Home, *, folder: Path, folder_id: str, name: str,
         listen: str = DEFAULT_LISTEN, gui_port: int | None = None) -> str:
    """Set up Syncthing in `home` for the conference folder `folder`; return this laptop's
    device ID. Refused when `home` already holds a Syncthing set-up."""
    if home.exists():
        raise SyncthingError(code="sync_exists", home=str(home.path), device=home.device_id())
    valid_address(listen)
    home.path.mkdir(parents=True, exist_ok=True)
    _run([binary(), "generate", "--home", str(home.path), "--no-default-folder",
          "--skip-port-probing"])
    tree = ET.parse(home.config)
    root = tree.getroot()
    device = root.find("device")
    assert device is not None
    my_id = device.get("id", "")
    device.set("name", name)
    gui = root.find("gui")
    assert gui is not None
    _set(gui, "address", f"127.0.0.1:{gui_port or free_port()}")
    options = root.find("options")
    assert options is not None
    for tag, value in (("listenAddress", listen), ("globalAnnounceEnabled", "false"),
                       ("localAnnounceEnabled", "true"), ("relaysEnabled", "false"),
                       ("natEnabled", "false"), ("startBrowser", "false"), ("urAccepted", "-1"),
                       ("autoUpgradeIntervalH", "0"), ("crashReportingEnabled", "false"),
                       ("reconnectionIntervalS", "5")):
        _set(options, tag, value)
    root.insert(0, _folder_node(folder_id, folder, my_id))
    tree.write(home.config, encoding="utf-8", xml_declaration=False)
    _write_ignores(folder)
    return my_id


def _folder_node(folder_id: str, folder: Path, my_id: str) -> ET.Element:
    node = ET.Element("folder", {
        "id": folder_id, "label": folder.name or folder_id, "path": str(folder),
        "type": "sendreceive", "rescanIntervalS": "10", "fsWatcherEnabled": "true",
        "fsWatcherDelayS": "1", "ignorePerms": "false", "autoNormalize": "true"})
    ET.SubElement(node, "device", {"id": my_id, "introducedBy": ""})
    _set(node, "minDiskFree", "1").set("unit", "%")
    _set(node, "maxConflicts", "10")
    return node


def _write_ignores(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".stignore"
    wanted = [line for line in IGNORES
              if not ignore.exists() or line not in ignore.read_text(encoding="utf-8").split("\n")]
    if wanted:
        with open(ignore, "a", encoding="utf-8") as f:
            f.write("\n".join(wanted) + "\n")


def _set(parent: ET.Element, tag: str, text: str) -> ET.Element:
    node = parent.find(tag)
    if node is None:
        node = ET.SubElement(parent, tag)
    node.text = text
    return node


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---- the running program -----------------------------------------------------------------


def start(home: Home, *, wait_s: float = 20.0) -> subprocess.Popen | None:
    """Start Syncthing for `home` in the background unless it already answers; wait until its
    API answers. Returns the new process (None when one was already running)."""
    if answers(home):
        return None
    log = home.path / "syncthing.log"
    process = subprocess.Popen(
        [binary(), "serve", "--home", str(home.path), "--no-browser", "--no-restart",
         "--no-upgrade", f"--logfile={log}"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    home.pid_file.write_text(str(process.pid), encoding="ascii")
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SyncthingError(code="sync_start_failed", home=str(home.path), log=str(log))
        if answers(home):
            return process
        time.sleep(0.2)
    process.terminate()
    raise SyncthingError(code="sync_start_failed", home=str(home.path), log=str(log))


def answers(home: Home) -> bool:
    try:
        _api(home, "GET", "/rest/system/ping")
    except SyncthingError:
        return False
    return True


def stop(home: Home, *, wait_s: float = 10.0) -> None:
    """Stop the Syncthing of `home`: asked through its API, then ended by its pid if it is
    still there after `wait_s`."""
    if answers(home):
        _api(home, "POST", "/rest/system/shutdown")
    try:
        pid = int(home.pid_file.read_text(encoding="ascii"))
    except (OSError, ValueError):
        return
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.1)
    if _alive(pid):
        os.kill(pid, signal.SIGKILL)
    home.pid_file.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a child of this process that has ended but not been waited for
        return os.waitpid(pid, os.WNOHANG) == (0, 0)
    except ChildProcessError:
        return True


def add_device(home: Home, device_id: str, *, address: str = "dynamic", name: str = "") -> None:
    """Know the laptop `device_id` (at `address`) and share the conference folder with it."""
    device_id = valid_device_id(device_id)
    valid_address(address)
    _api(home, "PUT", f"/rest/config/devices/{device_id}", {
        "deviceID": device_id, "name": name, "addresses": [address],
        "compression": "metadata", "autoAcceptFolders": False})
    folder_id, _ = home.folder()
    folder = _api(home, "GET", f"/rest/config/folders/{folder_id}")
    devices = folder.get("devices") or []
    if all(d.get("deviceID") != device_id for d in devices):
        devices.append({"deviceID": device_id, "introducedBy": "", "encryptionPassword": ""})
        _api(home, "PATCH", f"/rest/config/folders/{folder_id}", {"devices": devices})


def status(home: Home) -> Status:
    folder_id, folder_path = home.folder()
    me = _api(home, "GET", "/rest/system/status")["myID"]
    devices = _api(home, "GET", "/rest/config/devices")
    connections = _api(home, "GET", "/rest/system/connections").get("connections", {})
    seen = _api(home, "GET", "/rest/stats/device")
    db = _api(home, "GET", f"/rest/db/status?folder={folder_id}")
    peers = []
    for d in devices:
        device_id = d.get("deviceID", "")
        if device_id == me:
            continue
        c = connections.get(device_id, {})
        last = (seen.get(device_id) or {}).get("lastSeen", "")
        peers.append(Peer(device_id, d.get("name", ""), bool(c.get("connected")),
                          c.get("address", "") or ", ".join(d.get("addresses", [])),
                          "" if last.startswith("1970-") else last))
    return Status(me, folder_id, folder_path, db.get("state", ""), int(db.get("needBytes", 0)),
                  tuple(peers))


def pause(home: Home, device_id: str) -> None:
    """Stop talking to `device_id` (as when the network between two laptops is cut)."""
    _api(home, "POST", f"/rest/system/pause?device={valid_device_id(device_id)}")


def resume(home: Home, device_id: str) -> None:
    _api(home, "POST", f"/rest/system/resume?device={valid_device_id(device_id)}")


def pending_peers(home: Home) -> list[str]:
    """The laptops that do not yet have everything this one shares (their names), from
    Syncthing's own count of what each still needs. StoreError when Syncthing does not answer."""
    folder_id, _ = home.folder()
    me = _api(home, "GET", "/rest/system/status")["myID"]
    behind = []
    for device in _api(home, "GET", "/rest/config/devices"):
        device_id = device.get("deviceID", "")
        if device_id == me:
            continue
        done = _api(home, "GET", f"/rest/db/completion?folder={folder_id}&device={device_id}")
        if done.get("needItems", 0) or done.get("needDeletes", 0) or done.get("completion", 100) < 100:
            behind.append(device.get("name") or device_id[:7])
    return behind


def rescan(home: Home) -> None:
    """Ask Syncthing to look at the folder now (after a desk appends an event)."""
    folder_id, _ = home.folder()
    _api(home, "POST", f"/rest/db/scan?folder={folder_id}")


def _api(home: Home, method: str, path: str, body: object | None = None):
    base, key = home.gui()
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"X-API-Key": key, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            raw = response.read()
    except urllib.error.HTTPError as e:
        raise SyncthingError(code="sync_failed", why=f"{e.code} {e.read()[:200].decode('utf-8', 'replace').strip()}") from None
    except (urllib.error.URLError, OSError):
        raise SyncthingError(code="sync_not_running", home=str(home.path)) from None
    return json.loads(raw) if raw.strip() else None


def _run(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise SyncthingError(code="sync_failed", why=str(e)) from None
    if done.returncode != 0:
        raise SyncthingError(code="sync_failed", why=(done.stderr or done.stdout).strip()[-300:])
    return done.stdout
