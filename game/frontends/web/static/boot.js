// Starting Python in the page with the story open: from a memory snapshot when one serves, else the
// ordinary way (Pyodide, the engine's files, the compiled story). app.js calls prefetch() as the page
// loads, so every download starts at once, and startGame() to get the bridge's WebGame.
const ENGINE_DIR = "/home/pyodide/nlmg";
// The story's objects live as long as the page: gc.freeze() keeps the collector from scanning them on
// every full collection (in WebAssembly a scan of them is a visible pause). snapshot.mjs runs the same.
const GAME_OPEN = "import gc\nnlmg_game = WebGame(story_text)\ndel story_text\ngc.collect()\ngc.freeze()";
const SNAPSHOTS = "nlmg-snapshots";

/** Start every download at once: the runtime, the engine's files, and a started Python (the site's
 * `shipped` snapshot, or one this browser kept from an earlier visit to this very build). */
export function prefetch(version, shipped) {
  const key = `snapshot-${version}`;
  const kept = readSnapshot(key);
  return {
    version,
    key,
    runtime: import("./pyodide/pyodide.mjs"),
    engineZip: fetch(`engine.zip?v=${version}`).then((r) => { if (!r.ok) throw new Error(`engine.zip: ${r.status}`); return r.arrayBuffer(); }),
    storyText: () => fetch(`story.json?v=${version}`).then((r) => { if (!r.ok) throw new Error(`story.json: ${r.status}`); return r.text(); }),
    kept,
    shipped: kept.then((bytes) => (shipped && !bytes ? fetchSnapshot(shipped) : null)), // one or the other,
    shippedLater: () => (shipped ? fetchSnapshot(shipped) : null), // unless the kept one fails
  };
}

/**
 * Start Python and open the story; returns { game, meta }. The fastest way is to restore a memory
 * snapshot of a Python already started with the story open: the site ships one (made by nlmg
 * build-web under node, see snapshot.mjs), which the browser then keeps unzipped in its Cache
 * Storage; a browser that could not use it keeps its own after its first ordinary start instead.
 *
 * Why a private API: Pyodide's memory snapshots (loadPyodide's `_loadSnapshot` and `_makeSnapshot`,
 * and `makeMemorySnapshot`) are marked private in the pinned version (314.0.7), yet they are what turns
 * several seconds of start-up (the interpreter, then importing the engine and building the story)
 * into about one. So nothing may depend on them: every way they can fail ends in the ordinary start,
 * which is the same game a few seconds later. Bytes that will not restore, or restore to a Python
 * whose game does not answer, are dropped (a kept snapshot is forgotten too); a Pyodide that ignores
 * the option starts an ordinary interpreter, which is then used as it is; a Pyodide that refuses
 * `_makeSnapshot` is started without it; no `makeMemorySnapshot` means nothing is kept. The browser
 * tests break the snapshot on purpose (tests/web/test_web_boot.py) and the page must still play.
 */
export async function startGame(pre, timing) {
  const { loadPyodide } = await pre.runtime;
  const indexURL = new URL("pyodide/", location.href).href;
  const quiet = { stdout: () => {}, stderr: (m) => console.warn(m) };
  const start = (extra) => loadPyodide({ indexURL, ...quiet, ...extra });
  let plain = null; // an interpreter that started without the snapshot's contents: the story is opened in it
  let keptFailed = false;
  for (const [mode, snapshot] of [["kept", pre.kept], ["shipped", pre.shipped]]) {
    const bytes = (await snapshot) || (mode === "shipped" && keptFailed ? await pre.shippedLater() : null);
    if (!bytes) continue;
    let restored = null;
    try {
      restored = await start({ _loadSnapshot: bytes });
      const game = restored.globals.get("nlmg_game");
      if (!game) throw new Error("the snapshot holds no game");
      const meta = JSON.parse(game.meta()); // the game answers, or this snapshot is no use
      timing.mode = mode;
      timing.runtime = performance.now();
      restored.unpackArchive(await pre.engineZip, "zip", { extractDir: ENGINE_DIR }); // the files too, for anything imported later
      // Keep the site's snapshot unpacked in this browser: the next visit skips fetching and unzipping it.
      if (mode === "shipped") setTimeout(() => keepSnapshot(pre.key, () => bytes, timing), 1000);
      return { game, meta };
    } catch (err) {
      console.warn(`Starting afresh: the ${mode} snapshot could not be used.`, err);
      if (mode === "kept") {
        forgetSnapshots();
        keptFailed = true;
      }
      if (restored && !hasGlobal(restored, "nlmg_game")) { // started, but as a plain interpreter: use it
        plain = restored;
        break;
      }
    }
  }
  const story = pre.storyText(); // only an ordinary start needs the story's JSON: a snapshot holds it already
  let keep = "caches" in window && !plain;
  let py = plain;
  if (!py && keep) {
    try {
      py = await start({ _makeSnapshot: true });
    } catch (err) {
      console.warn("Starting without keeping a snapshot.", err);
      keep = false;
    }
  }
  if (!py) py = await start({});
  timing.runtime = performance.now();
  py.unpackArchive(await pre.engineZip, "zip", { extractDir: ENGINE_DIR });
  py.runPython(`import sys\nsys.path.insert(0, "${ENGINE_DIR}")\nfrom game.frontends.web.bridge import WebGame`);
  py.globals.set("story_text", await story);
  py.runPython(GAME_OPEN);
  const game = py.globals.get("nlmg_game");
  const meta = JSON.parse(game.meta());
  timing.mode = plain ? "plain" : "cold";
  if (keep && typeof py.makeMemorySnapshot === "function") setTimeout(() => keepSnapshot(pre.key, () => py.makeMemorySnapshot(), timing), 300);
  return { game, meta };
}

/** Keep a snapshot in Cache Storage for the next visit (only the newest build's). */
async function keepSnapshot(key, make, timing) {
  if (!("caches" in window)) return;
  try {
    const bytes = make();
    const cache = await caches.open(SNAPSHOTS);
    for (const old of await cache.keys()) await cache.delete(old);
    await cache.put(key, new Response(bytes, { headers: { "content-type": "application/octet-stream" } }));
    timing.snapshot = bytes.length;
  } catch (err) {
    console.warn("No snapshot kept; the next visit starts afresh.", err);
  }
}

async function readSnapshot(key) {
  try {
    if (!("caches" in window)) return null;
    const hit = await (await caches.open(SNAPSHOTS)).match(key);
    return hit ? new Uint8Array(await hit.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

/** The site's snapshot, gzipped on disk; a server that sends it already decoded is fine too. Damaged
 * bytes (a gzip that will not unpack) are no snapshot. */
async function fetchSnapshot(url) {
  try {
    const response = await fetch(url);
    if (!response.ok) return null;
    const body = response.headers.get("content-encoding") ? response.body : response.body.pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(body).arrayBuffer());
  } catch {
    return null;
  }
}

function hasGlobal(py, name) {
  try {
    return py.globals.has(name);
  } catch {
    return true; // an interpreter that cannot even say is not one to keep using
  }
}

function forgetSnapshots() {
  if ("caches" in window) caches.delete(SNAPSHOTS).catch(() => {});
}
