"""A program on a pseudo-terminal of its own, read as a terminal would receive it.

    with TerminalSession(argv, env) as term:
        term.wait_for("Nguyễn Văn An")         # seconds until that text has been written
        term.send(b"ABC12-D0042-7\\r")          # bytes as typed (a scanner types all at once)

The text searched for is looked for in what was written since the last `mark()` (or the start),
escape sequences removed, so a text already on screen is not found again by mistake.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from pathlib import Path

_ESCAPES = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)")


class TerminalSession:
    def __init__(self, argv: list[str], env: dict[str, str], size: tuple[int, int] = (120, 40),
                 cwd: Path | None = None, timeout_s: float = 60.0) -> None:
        self.timeout_s = timeout_s
        self._master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env,
                                        start_new_session=True, close_fds=True)
        os.close(slave)
        self._received = b""
        self._mark = 0

    def __enter__(self) -> "TerminalSession":
        return self

    def __exit__(self, *exc) -> None:
        if self.process.poll() is None:
            self.close()

    def mark(self) -> None:
        """From now on, texts are looked for only in what is written after this point."""
        self._mark = len(self._received)

    def send(self, keys: bytes) -> float:
        """Writes `keys` to the program's terminal; returns the moment they were written."""
        os.write(self._master, keys)
        return time.perf_counter()

    def wait_for(self, text: str, since: float | None = None) -> float:
        """Seconds from `since` (default: the spawn) until `text` has been written after the mark."""
        wanted = text.encode("utf-8")
        origin = self.started if since is None else since
        while True:
            if wanted in _ESCAPES.sub(b"", self._received[self._mark:]):
                return time.perf_counter() - origin
            left = self.timeout_s - (time.perf_counter() - origin)
            if left <= 0:
                raise TimeoutError(f"{text!r} never appeared; last output: {self._received[-300:]!r}")
            ready, _, _ = select.select([self._master], [], [], left)
            if ready:
                try:
                    self._received += os.read(self._master, 1 << 16)
                except OSError:  # the program closed the terminal
                    raise RuntimeError(f"the program ended before showing {text!r}: "
                                       f"{self._received[-300:]!r}") from None

    def drain(self, quiet_s: float = 0.3, limit_s: float = 2.0) -> None:
        """Reads until the program has written nothing for `quiet_s`, or for `limit_s` at most
        (a clock on screen writes every second)."""
        deadline = time.perf_counter() + limit_s
        while time.perf_counter() < deadline and select.select([self._master], [], [], quiet_s)[0]:
            try:
                self._received += os.read(self._master, 1 << 16)
            except OSError:
                return

    def close(self, quit_keys: bytes = b"") -> None:
        """Ends the program: `quit_keys` typed and up to a minute for it to end (a store is folded
        at close), else killed."""
        try:
            if quit_keys:
                self.send(quit_keys)
                deadline = time.perf_counter() + 60
                while self.process.poll() is None and time.perf_counter() < deadline:
                    self.drain(0.1, 0.5)
            self.process.wait(timeout=0.1 if quit_keys else 0)
        except (OSError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
        os.close(self._master)
