"""Drive the system Chromium from Python through tests/web/pilot.mjs (puppeteer-core), and serve a built site.

Shared by the browser tests and bench/bench_web.py. Nothing here downloads a browser: it uses
Debian's /usr/bin/chromium (or $CHROMIUM), and the pilot makes every host but 127.0.0.1 unresolvable.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PILOT = Path(__file__).with_name("pilot.mjs")


def chromium() -> str | None:
    """The system Chromium, or None when this machine has none."""
    env = os.environ.get("CHROMIUM")
    if env:
        return env if Path(env).exists() else None
    for name in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(name).exists():
            return name
    return shutil.which("chromium")


def missing_tools() -> str | None:
    """Why the browser tests cannot run here even though Chromium is installed, or None."""
    if shutil.which("node") is None:
        return "Chromium is installed but node is not: apt-get install nodejs npm, then npm ci"
    for package in ("puppeteer-core", "axe-core", "pyodide"):
        if not (ROOT / "node_modules" / package / "package.json").exists():
            return f"node_modules/{package} is missing: run npm ci in {ROOT}"
    return None


class PilotError(RuntimeError):
    pass


class Pilot:
    """One headless Chromium with a fresh profile, driven a request at a time."""

    def __init__(self, profile: Path, width: int = 1280, height: int = 800):
        self.proc = subprocess.Popen(["node", str(PILOT)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, bufsize=1)
        self.version = self("launch", executable=chromium(), profile=str(profile), width=width, height=height)["version"]

    def __call__(self, op: str, **args: Any) -> dict:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps({"op": op, **args}) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise PilotError(f"the pilot stopped during {op} (exit {self.proc.poll()})")
        answer = json.loads(line)
        if not answer.pop("ok"):
            raise PilotError(f"{op} {args}: {answer['error']}")
        return answer

    def js(self, expression: str) -> Any:
        return self("eval", js=expression).get("value")

    def close(self) -> None:
        with contextlib.suppress(PilotError, OSError, ValueError):
            self("close")
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class StaticServer:
    """python -m http.server on 127.0.0.1, in a thread: the site as a player's static host serves it."""

    def __init__(self, folder: Path):
        handler = functools.partial(_Quiet, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
