// Run by `nlmg build-web` under node: start Pyodide, open the story exactly as the page does
// (app.js, boot), and write a memory snapshot of that started interpreter. The page restores it
// instead of starting Python itself: a first visit then costs about a second of CPU, not several.
// Usage: node snapshot.mjs PYODIDE_DIR ENGINE_ZIP STORY_JSON OUT_FILE
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [runtime, engineZip, storyJson, out] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(runtime, "pyodide.mjs")).href);
const py = await loadPyodide({ indexURL: runtime + path.sep, _makeSnapshot: true, stdout: () => {}, stderr: (m) => console.error(m) });
const ENGINE_DIR = "/home/pyodide/nlmg"; // as in app.js
py.unpackArchive(new Uint8Array(readFileSync(engineZip)), "zip", { extractDir: ENGINE_DIR });
py.runPython(`import os, sys\nos.environ.pop("_", None)  # this script's own path: not for the site\nsys.path.insert(0, "${ENGINE_DIR}")\nfrom game.frontends.web.bridge import WebGame`);
py.globals.set("story_text", readFileSync(storyJson, "utf8"));
py.runPython("import gc\nnlmg_game = WebGame(story_text)\ndel story_text\ngc.collect()\ngc.freeze()"); // as app.js GAME_OPEN
writeFileSync(out, py.makeMemorySnapshot());
