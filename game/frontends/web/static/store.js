// What the web edition keeps in the browser's localStorage: settings, saves by slot, and memories.
// Every read survives damaged or missing data (the defaults serve); every write says in one sentence
// when the browser refused it (storage full or switched off), and never throws.

const PREFIX = "nlmg:";
export const MANUAL_SLOTS = ["1", "2", "3", "4", "5", "6"];
export const AUTOSAVES = ["auto-1", "auto-2", "auto-3"];
export const ALL_SLOTS = [...AUTOSAVES, "quick", ...MANUAL_SLOTS];
const REFUSED = "The browser would not keep it: its storage is full or switched off for this page.";

function get(key) {
  try { return localStorage.getItem(PREFIX + key); } catch { return null; }
}

function put(key, value) {
  try { localStorage.setItem(PREFIX + key, value); return null; } catch { return REFUSED; }
}

function drop(key) {
  try { localStorage.removeItem(PREFIX + key); } catch { /* nothing to do */ }
}

// ---- settings (the desktop's names and values) -----------------------------------------------------
export const CHOICES = {
  text_size: ["small", "medium", "large", "largest"],
  theme: ["light", "dark", "contrast"],
  text_speed: ["slow", "normal", "fast", "instant"],
  motion: ["system", "reduce", "full"],
  volume: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"], // the desktop's 0-10
  sound: ["on", "off"], // the desktop's Sound switch (its "muted")
  auto_pace: ["slow", "normal", "fast"],
  line_spacing: ["book", "airy", "widest"], // the desktop's SPACINGS
  font: ["book", "legible"], // EB Garamond, or OpenDyslexic (the desktop's "Easy reading")
  voice: ["off", "on"], // self-voicing (the desktop's V)
  wheel_undo: ["off", "on"], // the wheel past the top undoes, past the foot redoes (the desktop's, off by default)
};
export const SPEEDS = { slow: 90, normal: 180, fast: 400, instant: 0 }; // characters a second, as on the desktop (settings.py TEXT_SPEEDS)
export const AUTO_PACES = { slow: 14, normal: 20, fast: 28 }; // the reading speed Auto waits for, chars/s (settings.py AUTO_PACES)

export function loadSettings() {
  const dark = window.matchMedia && matchMedia("(prefers-color-scheme: dark)").matches;
  const out = { text_size: "medium", theme: dark ? "dark" : "light", text_speed: "normal", motion: "system", volume: "6", sound: "on", auto_pace: "normal",
                line_spacing: "book", font: "book", voice: "off", wheel_undo: "off" };
  try {
    const saved = JSON.parse(get("settings") || "{}");
    for (const [key, allowed] of Object.entries(CHOICES)) {
      if (allowed.includes(saved[key])) out[key] = saved[key];
    }
  } catch { /* a damaged entry costs the settings, never the game */ }
  return out;
}

export function saveSettings(settings) {
  return put("settings", JSON.stringify(settings));
}

// ---- saves: one save file's text per slot, per story ------------------------------------------------
const saveKey = (story, slot) => `save:${story}:${slot}`;

export function readSave(story, slot) {
  return get(saveKey(story, slot));
}

export function writeSave(story, slot, text) {
  return put(saveKey(story, slot), text);
}

export function deleteSave(story, slot) {
  drop(saveKey(story, slot));
  drop(thumbKey(story, slot));
}

// ---- save pictures (thumbs.js): beside the save, never in it; a refused one costs only the picture ----------
const thumbKey = (story, slot) => `thumb:${story}:${slot}`;

export function readThumb(story, slot) {
  const url = get(thumbKey(story, slot));
  return url && url.startsWith("data:image/") ? url : null;
}

export function writeThumb(story, slot, url) {
  if (url) put(thumbKey(story, slot), url);
  else drop(thumbKey(story, slot)); // no picture rather than another save's
}

/** Save to auto-1, moving the older autosaves down (auto-1 -> auto-2 -> auto-3; the oldest goes), as the desktop
 * does, their pictures with them. */
export function autosave(story, text, picture = null) {
  for (let n = AUTOSAVES.length - 1; n > 0; n--) {
    const older = readSave(story, AUTOSAVES[n - 1]);
    if (older !== null) {
      const refused = writeSave(story, AUTOSAVES[n], older);
      if (refused) return refused;
      writeThumb(story, AUTOSAVES[n], readThumb(story, AUTOSAVES[n - 1]));
    }
  }
  const refused = writeSave(story, AUTOSAVES[0], text);
  if (!refused) writeThumb(story, AUTOSAVES[0], picture);
  return refused;
}

// ---- memories: the desktop's memories.json, format 1 ----------------------------------------------
export function loadMemories() {
  try {
    const data = JSON.parse(get("memories") || "null");
    if (data && data.format === 1 && data.stories && typeof data.stories === "object") return data;
  } catch { /* start again with none */ }
  return { format: 1, stories: {} };
}

export function saveMemories(memories) {
  return put("memories", JSON.stringify(memories));
}

export function memoriesOf(memories, story) {
  const mem = memories.stories[story];
  if (mem && Array.isArray(mem.endings) && mem.chapters && typeof mem.chapters === "object") {
    if (!Array.isArray(mem.scenes)) mem.scenes = []; // kept before the story map came to the page: nothing seen yet
    return mem;
  }
  memories.stories[story] = { endings: [], chapters: {}, scenes: [] };
  return memories.stories[story];
}

// ---- what has been read, for Skip: the desktop's read.json, format 1 (16 hex characters a paragraph) ----------
export class ReadMarks {
  constructor(marks = new Set()) {
    this.marks = marks;
    this.changed = false; // something new since it was last kept
  }

  get size() { return this.marks.size; }

  has(mark) { return this.marks.has(mark); }

  add(mark) {
    if (this.marks.has(mark)) return;
    this.marks.add(mark);
    this.changed = true;
  }
}

/** Every well-formed mark is kept; a damaged entry costs only the skipping, never the game. */
export function loadRead() {
  const marks = new Set();
  try {
    const data = JSON.parse(get("read") || "null");
    if (data && data.format === 1 && Array.isArray(data.read)) {
      for (const m of data.read) if (typeof m === "string" && /^[0-9a-f]{16}$/.test(m)) marks.add(m);
    }
  } catch { /* start again with none */ }
  return new ReadMarks(marks);
}

export function saveRead(read) {
  const refused = put("read", JSON.stringify({ format: 1, read: [...read.marks].sort() }));
  if (!refused) read.changed = false;
  return refused;
}

// ---- the one-time "How to play" card (the desktop's settings.tip_shown) ------------------------------------
export function tipShown() {
  return get("tip") === "shown";
}

export function markTipShown() {
  return put("tip", "shown");
}
