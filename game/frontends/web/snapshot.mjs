// Run by `nlmg build-web` under node: start Pyodide, open the story exactly as the page does
// (boot.js, startGame), and write a memory snapshot of that started interpreter. The page restores it
// instead of starting Python itself: a first visit then costs about a second of CPU, not several.
// Usage: node snapshot.mjs PYODIDE_DIR ENGINE_ZIP STORY_JSON OUT_FILE
// Memory snapshots are private in the pinned Pyodide (`_makeSnapshot`, `makeMemorySnapshot`): when a
// version lacks them this exits with one line saying so, and the site is built without a snapshot
// (site.py, make_snapshot); the page then starts Python the ordinary way (boot.js says why that is safe).
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [runtime, engineZip, storyJson, out] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(runtime, "pyodide.mjs")).href);
const py = await loadPyodide({ indexURL: runtime + path.sep, _makeSnapshot: true, stdout: () => {}, stderr: (m) => console.error(m) });
const ENGINE_DIR = "/home/pyodide/nlmg"; // as in boot.js
py.unpackArchive(new Uint8Array(readFileSync(engineZip)), "zip", { extractDir: ENGINE_DIR });
py.runPython(`import os, sys\nos.environ.pop("_", None)  # this script's own path: not for the site\nsys.path.insert(0, "${ENGINE_DIR}")\nfrom game.frontends.web.bridge import WebGame`);
py.globals.set("story_text", readFileSync(storyJson, "utf8"));
py.runPython("import gc\nnlmg_game = WebGame(story_text)\ndel story_text\ngc.collect()\ngc.freeze()"); // as boot.js GAME_OPEN
if (typeof py.makeMemorySnapshot !== "function") {
  console.error("this Pyodide has no makeMemorySnapshot (a private API that has moved or gone)");
  process.exit(2);
}
writeFileSync(out, py.makeMemorySnapshot());
