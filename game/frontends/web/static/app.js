// The web edition's page: start Pyodide, open the story through the bridge, and run the title screen.
// Everything the engine does goes through one Python object (game/frontends/web/bridge.py, WebGame);
// its methods return JSON text, parsed here. boot.js starts Python; play.js draws a run; dialogs.js
// holds the other screens.
import * as store from "./store.js";
import { Play } from "./play.js";
import { Dialogs } from "./dialogs.js";
import { smarten } from "./typography.js";
import { Ambience } from "./sound.js";
import { Gamepads } from "./pad.js";
import { Voice } from "./voice.js";
import * as thumbs from "./thumbs.js";
import { prefetch, startGame } from "./boot.js";

const VERSION = new URL(import.meta.url).searchParams.get("v") || "dev";
const $ = (id) => document.getElementById(id);
const downloads = prefetch(VERSION, document.documentElement.dataset.snapshot); // every download starts at once

class App {
  constructor() {
    this.version = VERSION;
    this.game = null; // the bridge's WebGame
    this.meta = null;
    this.settings = store.loadSettings();
    this.memories = store.loadMemories();
    this.playSeconds = 0;
    this.savedMoves = -1; // moves at the last autosave, so leaving the page saves only when something changed
    this.running = false;
    this.timing = { start: performance.now() };
    this.sound = new Ambience(this);
    this.sound.play("title");
    this.voice = new Voice(this);
    this.play = new Play(this);
    this.dialogs = new Dialogs(this);
    this.pads = new Gamepads(this);
    this.applySettings();
    this.wireTitle();
    setInterval(() => { if (this.running && document.visibilityState === "visible") this.playSeconds += 1; }, 1000);
    window.addEventListener("pagehide", () => this.autosave(false));
    document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") this.autosave(false); });
  }

  // ---- the engine -------------------------------------------------------------------------------
  /** Start Python with the story open (boot.js: from a snapshot when one serves, else the ordinary way). */
  async boot() {
    const { game, meta } = await startGame(downloads, this.timing);
    this.game = game;
    this.meta = meta;
    this.timing.ready = performance.now();
    document.documentElement.dataset.ready = "true";
    this.refreshTitle();
    // As the window's title: Continue when there is a run to go on with, else New game, so Enter plays at once.
    // Only while the player has put the focus nowhere else (the title's Settings and About work before Python is up).
    const now = document.activeElement;
    if ((!now || now === document.body) && !this.dialogs.stack.length && document.body.dataset.screen === "title") {
      ($("continue").disabled ? $("new-game") : $("continue")).focus();
    }
  }

  call(method, ...args) {
    return JSON.parse(this.game[method](...args));
  }

  // ---- settings ---------------------------------------------------------------------------------
  applySettings() {
    const root = document.documentElement;
    root.dataset.theme = this.settings.theme;
    thumbs.preload(); // the theme's painting of this place, ready for a save's picture
    root.dataset.size = this.settings.text_size;
    root.dataset.speed = this.settings.text_speed;
    root.dataset.spacing = this.settings.line_spacing;
    root.dataset.font = this.settings.font;
    root.dataset.motion = this.reducedMotion() ? "reduce" : "full";
    this.play.fitPlaceholder(); // the text size or the face may have changed what fits
  }

  reducedMotion() {
    if (this.settings.motion === "reduce") return true;
    if (this.settings.motion === "full") return false;
    return window.matchMedia && matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  changeSetting(name, value) {
    this.settings[name] = value;
    this.applySettings();
    this.sound.settingsChanged();
    const refused = store.saveSettings(this.settings);
    if (refused) this.toast(refused);
    if (name === "voice") this.voice.turned();
  }

  // ---- the title screen -------------------------------------------------------------------------
  wireTitle() {
    $("new-game").addEventListener("click", () => this.newGame());
    $("continue").addEventListener("click", () => this.continueGame());
    $("title-load").addEventListener("click", () => this.dialogs.saves("load"));
    $("title-memories").addEventListener("click", () => this.dialogs.memories());
    $("title-settings").addEventListener("click", () => this.dialogs.settings());
    $("title-about").addEventListener("click", () => this.dialogs.open("about"));
  }

  refreshTitle() {
    const ready = this.game !== null;
    const latest = ready ? this.latestSave() : null;
    $("new-game").disabled = !ready;
    $("continue").disabled = !latest;
    $("title-load").disabled = !ready;
    $("title-memories").disabled = !ready;
    $("status").textContent = ready ? (latest ? smarten(`Last played: ${latest.info.chapter}, “${latest.info.title}”.`) : "") : "Opening the story…";
  }

  showTitle() {
    this.autosave(false);
    this.running = false;
    this.dialogs.closeAll();
    document.body.dataset.screen = "title";
    document.body.dataset.place = "title";
    this.sound.play("title");
    $("play-screen").hidden = true;
    $("title-screen").hidden = false;
    this.refreshTitle();
    ($("continue").disabled ? $("new-game") : $("continue")).focus();
  }

  showPlay() {
    document.body.dataset.screen = "play";
    $("title-screen").hidden = true;
    $("play-screen").hidden = false;
    this.running = true;
  }

  // ---- starting runs ----------------------------------------------------------------------------
  newGame() {
    const seed = crypto.getRandomValues(new Uint32Array(1))[0];
    if (!store.tipShown()) { // a new player: how to play, under the first chapter's card, once (as the window)
      this.dialogs.tipAfterCard = true;
      store.markTipShown();
    }
    this.begin(this.call("new_game", seed), 0, "start");
  }

  continueGame() {
    const latest = this.latestSave();
    if (latest) this.loadText(latest.text);
  }

  loadText(text) {
    const step = this.call("load_text", text);
    if (!step.ok) {
      this.dialogs.notice(step.error, "This save cannot be loaded");
      return false;
    }
    this.begin(step, step.play_seconds || 0, "load");
    return true;
  }

  startAtChapter(title) {
    const mark = store.memoriesOf(this.memories, this.meta.id).chapters[title];
    if (!mark) return;
    this.autosave(false);
    const step = this.call("start_at", mark.seed, JSON.stringify(mark.inputs));
    if (!step.ok) {
      this.dialogs.notice(step.error, "That chapter cannot be opened");
      return;
    }
    this.begin(step, 0, "start");
  }

  /** Show a run that has just begun: "start" (a new game, a chapter begun again) or "load". */
  begin(step, playSeconds, source) {
    this.dialogs.closeAll();
    this.playSeconds = playSeconds;
    this.savedMoves = step.view.moves;
    this.showPlay();
    this.play.start(step, source);
  }

  // ---- saves ------------------------------------------------------------------------------------
  /** The run as a save's text, read back by the engine first: {ok, text}, or {ok: false, error} saying why not. */
  saveText(kind, name = "") {
    return this.call("save", kind, localIsoTime(), this.playSeconds, name);
  }

  saveTo(slot) {
    const kind = slot === "quick" ? "quick" : (slot.startsWith("auto-") ? "auto" : "manual");
    const made = this.saveText(kind);
    const refused = made.ok ? store.writeSave(this.meta.id, slot, made.text) : made.error;
    if (!refused) store.writeThumb(this.meta.id, slot, thumbs.picture(this.play)); // a picture of the page beside it
    this.toast(refused ? `Could not save. ${refused}` : (slot === "quick" ? "Quicksaved." : `Saved in slot ${slot}.`));
    return !refused;
  }

  /** F5, as in the window. */
  quicksave() {
    if (this.running) this.saveTo("quick");
  }

  /** F9: the quicksave, or a word that there is none yet. */
  quickload() {
    if (!this.running) return;
    const text = store.readSave(this.meta.id, "quick");
    if (text === null) this.toast("There is no quicksave yet (F5 makes one).");
    else if (this.loadText(text)) this.toast("Quickloaded.");
  }

  /** As each scene begins and when the page is left: rotate the autosaves (only when the run moved). */
  autosave(always = true) {
    if (!this.running || !this.game) return;
    const moves = this.play.view ? this.play.view.moves : 0;
    if (!always && moves === this.savedMoves) return;
    const made = this.saveText("auto");
    const refused = made.ok ? store.autosave(this.meta.id, made.text, thumbs.picture(this.play)) : made.error;
    if (refused) this.toast(`Could not autosave. ${refused}`);
    else this.savedMoves = moves;
  }

  /** Autosave once the new text is on the screen: the save waits, the reader does not. (Leaving the page saves too.) */
  autosaveSoon() {
    clearTimeout(this.autosaveTimer);
    this.autosaveTimer = setTimeout(() => this.autosave(), 250);
  }

  /** Every slot with its header (or why it is broken), newest first. */
  listSaves() {
    const out = [];
    for (const slot of store.ALL_SLOTS) {
      const text = store.readSave(this.meta.id, slot);
      if (text === null) continue;
      const info = this.call("save_info", text);
      out.push({ slot, text, info: info.ok ? info : null, error: info.ok ? null : info.error });
    }
    out.sort((a, b) => (b.info ? Date.parse(b.info.saved_at) : 0) - (a.info ? Date.parse(a.info.saved_at) : 0));
    return out;
  }

  latestSave() {
    return this.listSaves().find((s) => s.info) || null;
  }

  // ---- memories ---------------------------------------------------------------------------------
  /** Note the chapter and ending the run is in now (with how it was reached, for chapter select). */
  remember() {
    const mem = store.memoriesOf(this.memories, this.meta.id);
    const view = this.play.view;
    let changed = false;
    if (view && !mem.scenes.includes(view.scene)) { // for the story map's "found in an earlier run"
      mem.scenes.push(view.scene);
      changed = true;
    }
    if (view && view.chapter in mem.chapters && !view.ended) { // nothing else new: no need to ask how the run got here
      if (changed) this.keepMemories();
      return;
    }
    const mark = this.call("mark");
    if (!(mark.chapter in mem.chapters)) {
      mem.chapters[mark.chapter] = { seed: mark.seed, inputs: mark.inputs };
      changed = true;
    }
    if (mark.ended && !mem.endings.includes(mark.ended)) {
      mem.endings.push(mark.ended);
      changed = true;
    }
    if (changed) this.keepMemories();
  }

  keepMemories() {
    const refused = store.saveMemories(this.memories);
    if (refused) this.toast(refused);
  }

  // ---- small messages ---------------------------------------------------------------------------
  toast(text) {
    const el = $("toast");
    el.textContent = text;
    el.classList.add("shown");
    this.voice.say(text, true); // heard by self-voicing too, after what it is saying (a screen reader reads the status)
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => { el.classList.remove("shown"); el.textContent = ""; }, 4000);
  }
}

export function localIsoTime(date = new Date()) {
  const pad = (n, w = 2) => String(Math.abs(n)).padStart(w, "0");
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:` +
    `${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

const app = new App();
window.nlmg = app; // for the browser tests and the benchmark, which read timings and state from here
app.boot().catch((err) => {
  console.error(err);
  $("status").textContent = `The game could not start in this browser: ${err.message || err}`;
  document.documentElement.dataset.ready = "failed";
});
