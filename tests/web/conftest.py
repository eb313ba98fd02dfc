"""The browser tests' fixtures: the site built once, a local static server, one headless Chromium.

On a machine without Chromium every test here is skipped, with the reason in the summary. With
Chromium but without node or node_modules, they fail and say what to run (make test installs both
through npm ci; .ci/run installs Chromium).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.frontends.web import site
from tests.web.pilot import Pilot, StaticServer, chromium, missing_tools

NO_BROWSER = ("no Chromium on this machine (/usr/bin/chromium): the browser tests of the web edition did not run. "
              "Install it with: apt-get install -y chromium chromium-driver")
READY = "document.documentElement.dataset.ready === 'true'"

def pytest_collection_modifyitems(config, items) -> None:
    if chromium() is None:
        for item in items:
            if "tests/web/" in str(item.fspath).replace("\\", "/"):
                item.add_marker(pytest.mark.skip(reason=NO_BROWSER))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    problem = missing_tools()
    if problem:
        pytest.fail(problem, pytrace=False)
    out = tmp_path_factory.mktemp("web") / "site"
    site.build(out)
    return out


@pytest.fixture(scope="session")
def server(built_site) -> Iterator[StaticServer]:
    srv = StaticServer(built_site)
    yield srv
    srv.close()


@pytest.fixture(scope="session")
def plain_server(tmp_path_factory) -> Iterator[StaticServer]:
    """The same site built without the Python snapshot: the page's ordinary start."""
    out = tmp_path_factory.mktemp("web-plain") / "site"
    site.build(out, snapshot=False)
    srv = StaticServer(out)
    yield srv
    srv.close()


@pytest.fixture(scope="session")
def browser(tmp_path_factory, server) -> Iterator[Pilot]:
    pilot = Pilot(tmp_path_factory.mktemp("chromium-profile"))
    yield pilot
    pilot.close()


@pytest.fixture(scope="session")
def shots(tmp_path_factory) -> Path:
    """Where screenshots go: $NLMG_WEB_SHOTS when set (pytest's own temporary folders are pruned by later runs)."""
    chosen = os.environ.get("NLMG_WEB_SHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("web-screens")
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nweb screenshots are saved in {folder}")
    return folder


class Page:
    """The game's page in the shared browser, with the calls the tests make most."""

    def __init__(self, pilot: Pilot, server: StaticServer, shots: Path):
        self.p = pilot
        self.url = server.url
        self.shots = shots

    def open(self, width: int = 1280, height: int = 800, mobile: bool = False, settings: dict | None = None,
             clear: bool = True, timeout: int = 30000, tip: bool = False) -> None:
        """A new tab on the game. `timeout` (ms) for it to be playable: an ordinary start, with no snapshot,
        needs more than the default on this shared two-core machine. The one-time "How to play" card is
        taken as read unless `tip` (a fresh profile's first new game shows it)."""
        self.p("page", width=width, height=height, mobile=mobile)
        setup = ["localStorage.clear();"] if clear else []
        if clear and not tip:
            setup.append("localStorage.setItem('nlmg:tip', 'shown');")
        if settings is not None:
            setup.append(f"localStorage.setItem('nlmg:settings', {json.dumps(json.dumps(settings))});")
        if setup:
            self.p("prepare", js=" ".join(setup))
        self.p("goto", url=self.url, until=READY, timeout=timeout)

    def js(self, expression: str):
        return self.p.js(expression)

    def wait(self, expression: str, timeout: int = 10000) -> None:
        self.p("wait", js=expression, timeout=timeout)

    def click(self, selector: str) -> None:
        self.p("click", selector=selector)

    def press(self, key: str) -> None:
        self.p("press", key=key)

    def type(self, text: str) -> None:
        self.p("type", text=text)

    def shot(self, name: str, full: bool = False) -> Path:
        path = self.shots / f"{name}.png"
        self.p("screenshot", path=str(path), full=full)
        return path

    def view(self) -> dict:
        return self.js("window.nlmg.play.view")

    def text(self) -> str:
        return self.js("document.getElementById('text').innerText")

    def dialog(self) -> str | None:
        return self.js("document.querySelector('dialog[open]')?.id || null")

    def start(self) -> None:
        """New game, then past the first chapter card."""
        self.click("#new-game")
        self.wait("document.getElementById('card-dialog').open")
        self.press("Enter")
        self.wait("!document.querySelector('dialog[open]')")

    def problems(self) -> list[str]:
        return self.p("log")["problems"]


@pytest.fixture
def page(browser, server, shots) -> Page:
    return Page(browser, server, shots)
