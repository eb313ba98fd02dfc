"""The page starts however its Python snapshot fails (boot.js): the snapshot API is private in the
pinned Pyodide, so a damaged, foreign or missing snapshot must only ever cost the ordinary start."""

from __future__ import annotations

import gzip
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.conftest import Page
from tests.web.pilot import StaticServer

pytestmark = pytest.mark.slow  # builds the site and drives Chromium: make test-slow

INSTANT = {"text_speed": "instant", "theme": "light", "text_size": "medium", "motion": "reduce"}
COLD = 120000  # ms: an ordinary start on a busy machine


@pytest.fixture(scope="module")
def broken_sites(built_site: Path, tmp_path_factory) -> Iterator[dict[str, StaticServer]]:
    """The built site twice more: its snapshot not even gzip, and gzip of bytes that are no snapshot."""
    out = {}
    for name, data in (("not-gzip", b"this is not a gzip file"), ("not-a-snapshot", gzip.compress(bytes(range(256)) * 4096))):
        folder = tmp_path_factory.mktemp(name) / "site"
        shutil.copytree(built_site, folder)
        (folder / "snapshot.bin.gz").write_bytes(data)
        out[name] = StaticServer(folder)
    yield out
    for srv in out.values():
        srv.close()


def play_a_little(page: Page) -> None:
    page.start()
    page.press("2")
    assert page.view()["moves"] == 1


@pytest.mark.parametrize("damage", ["not-gzip", "not-a-snapshot"])
def test_a_damaged_snapshot_means_the_ordinary_start(browser, broken_sites, shots, damage) -> None:
    page = Page(browser, broken_sites[damage], shots)
    page.open(settings=INSTANT, timeout=COLD)
    page.js("caches.delete('nlmg-snapshots')")  # nothing kept from other tests' visits: the shipped one is tried
    page.open(settings=INSTANT, timeout=COLD)
    assert page.js("window.nlmg.timing.mode") in ("cold", "plain")
    play_a_little(page)
    # the damaged download itself is reported by the browser (an aborted request, a console line); nothing else
    assert [p for p in page.problems() if not p.startswith("console:") and "snapshot.bin.gz" not in p] == []


def test_a_damaged_kept_snapshot_is_forgotten_and_the_sites_is_used(page, built_site) -> None:
    page.open(settings=INSTANT)
    version = page.js("window.nlmg.version")
    page.js(f"""caches.open('nlmg-snapshots').then(async (c) => {{
      for (const k of await c.keys()) await c.delete(k);
      await c.put('snapshot-{version}', new Response(new Uint8Array(4096).fill(7)));
    }})""")
    page.open(settings=INSTANT, clear=False, timeout=COLD)
    assert page.js("window.nlmg.timing.mode") == "shipped"  # the kept bytes failed; the site's served
    play_a_little(page)
    page.wait("window.nlmg.timing.snapshot > 0", timeout=20000)  # and good bytes are kept in their place
    page.open(settings=INSTANT, clear=False)
    assert page.js("window.nlmg.timing.mode") == "kept"
