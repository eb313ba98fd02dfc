// Skip and Auto on the page, as the window does them (desktop/pacing.py, Ren'Py's):
// Skip shows at once every paragraph read in some run before and goes straight to the choices; it stops,
// with a word, at the first paragraph never read, and stays on across choices until the player turns it
// off. Auto waits as long as the text come into view takes to read at the chosen pace (Settings, Auto-advance
// pace: the window's characters a second), then reads on down the page; at the choices, and while the player
// has something typed in the line, it waits for them. Neither ever takes a choice or sends a line.
// What has been read is the window's own marks (read.json's, given by the bridge beside each entry), kept
// in the browser under nlmg:read, so it is remembered across reloads as the window remembers it across runs.
import * as store from "./store.js";

const $ = (id) => document.getElementById(id);
const MIN_WAIT = 1.2; // seconds, however short the text (the window's)
const BLOCKED_RETRY = 400; // ms: Auto looks again while a screen is open or a line is being typed
const SCROLL_SETTLE = 650; // ms a smooth scroll takes to come to rest before Auto times what it brought

export class Pacer {
  constructor(app, play) {
    this.app = app;
    this.play = play;
    this.skipping = false;
    this.auto = false;
    this.timer = null;
    this.waiting = null; // Auto: how long (ms) it is waiting now, before reading on; null when it waits for the player
    this.counted = new WeakMap(); // element -> how far down it (in px from its top) Auto has already timed
    this.read = store.loadRead();
    this.saveTimer = null;
    $("skip").addEventListener("click", () => this.toggleSkip());
    $("auto").addEventListener("click", () => this.toggleAuto());
    window.addEventListener("pagehide", () => this.keep());
  }

  // ---- what has been read ---------------------------------------------------------------------
  seen(el) {
    return !el.dataset.mark || this.read.has(el.dataset.mark); // echoes of inputs have no mark: never new text
  }

  /** Mark every paragraph on the page that is wholly shown (not waiting behind a card, not still coming). */
  markShown() {
    let changed = false;
    for (const el of this.play.text.querySelectorAll("[data-mark]")) {
      if (el.classList.contains("held") || el.classList.contains("revealing")) continue;
      if (!this.read.has(el.dataset.mark)) {
        this.read.add(el.dataset.mark);
        changed = true;
      }
    }
    if (changed) {
      clearTimeout(this.saveTimer);
      this.saveTimer = setTimeout(() => this.keep(), 500); // kept after the step is drawn, never in its way
    }
  }

  keep() {
    clearTimeout(this.saveTimer);
    if (!this.read.changed) return;
    const refused = store.saveRead(this.read);
    if (refused) this.app.toast(refused);
  }

  // ---- turning them on and off ----------------------------------------------------------------
  toggleSkip() {
    this.skipping = !this.skipping;
    if (this.skipping) {
      this.setAuto(false);
      const play = this.play;
      if (play.revealing && play.pending().every((el) => this.seen(el))) play.finishReveal();
      if (play.revealing) {
        this.stopSkipping("Nothing here has been read before.");
        return;
      }
      this.jumpToChoices();
      this.app.toast("Skipping what has been read.");
    } else {
      this.app.toast("Skip is off.");
    }
    this.show();
  }

  toggleAuto() {
    this.setAuto(!this.auto);
    if (this.auto) this.skipping = false;
    this.show();
    this.app.toast(this.auto ? "Reading on by itself." : "Auto is off.");
    this.restart();
  }

  setAuto(on) {
    this.auto = on;
    if (!on) {
      clearTimeout(this.timer);
      this.timer = null;
      this.waiting = null;
    }
  }

  stopSkipping(why) {
    this.skipping = false;
    this.show();
    this.app.toast(why);
  }

  /** A new run (new game, load, chapter select): both off, as the window's new play screen has them. */
  reset() {
    this.skipping = false;
    this.setAuto(false);
    this.show();
  }

  /** The buttons say whether each is on (aria-pressed: a screen reader says "pressed"), drawn underlined. */
  show() {
    $("skip").setAttribute("aria-pressed", String(this.skipping));
    $("auto").setAttribute("aria-pressed", String(this.auto));
    document.body.dataset.pacing = this.skipping ? "skip" : (this.auto ? "auto" : "");
  }

  // ---- a step's new text -----------------------------------------------------------------------
  /** Which of a step's new elements are revealed: all of them, unless skipping, when the ones read before
   * are shown at once and the reveal starts at the first never read (and skipping stops there). */
  toReveal(elements) {
    if (!this.skipping) return elements;
    const first = elements.findIndex((el) => !this.seen(el));
    if (first < 0) return [];
    this.stopSkipping("New text: skipping stops here.");
    return elements.slice(first);
  }

  /** The step is drawn and its reveal begun: while skipping, straight down to the choices. */
  followed() {
    if (this.skipping && !this.play.revealing) this.jumpToChoices();
  }

  jumpToChoices() {
    window.scrollTo({ top: document.documentElement.scrollHeight, behavior: "instant" });
  }

  // ---- Auto -----------------------------------------------------------------------------------
  /** The page has come to rest (a step shown whole, a reveal finished): Auto waits afresh. */
  settled() {
    this.markShown();
    this.app.voice.stepShown(this.play);
    if (this.skipping) this.jumpToChoices();
    this.restart();
  }

  restart() {
    clearTimeout(this.timer);
    this.timer = null;
    this.waiting = null;
    if (!this.auto || this.play.revealing) return; // the reveal's end calls settled()
    this.waiting = Math.round(this.readingTime() * 1000);
    this.timer = setTimeout(() => this.tick(), this.waiting);
  }

  /** As long as the lines come into view since Auto last waited take to read, at the chosen pace. */
  readingTime() {
    const { top, bottom } = readingView();
    let chars = 0;
    for (const el of this.play.text.children) {
      const r = el.getBoundingClientRect();
      if (!r.height || r.bottom <= top || r.top >= bottom) continue;
      const from = Math.max(0, top - r.top, this.counted.get(el) || 0);
      const to = Math.min(r.height, bottom - r.top);
      if (to <= from) continue;
      chars += (el.textContent.length * (to - from)) / r.height;
      this.counted.set(el, to);
    }
    return MIN_WAIT + chars / store.AUTO_PACES[this.app.settings.auto_pace];
  }

  blocked() {
    return document.body.dataset.screen !== "play" || document.querySelector("dialog[open]") || this.play.revealing ||
      this.play.line.value !== "" || document.visibilityState === "hidden" || this.app.voice.speaking; // the voice is heard out
  }

  tick() {
    this.timer = null;
    this.waiting = null;
    if (!this.auto) return;
    if (this.blocked()) {
      this.timer = setTimeout(() => this.tick(), BLOCKED_RETRY);
      return;
    }
    const { top, bottom } = readingView();
    const below = this.play.choices.parentElement.getBoundingClientRect().bottom - bottom;
    if (below > 4) { // read on down the page, most of a screen at a time, as Space does
      const still = this.app.reducedMotion();
      window.scrollBy({ top: Math.min(below, (bottom - top) * 0.85), behavior: still ? "instant" : "smooth" });
      this.timer = setTimeout(() => this.restart(), still ? 0 : SCROLL_SETTLE);
    }
    // else at the choices: the player's turn
  }
}

/** Space, Enter on an unpointed choice and the pad's A: read on down the page, most of the reading view at a time,
 * so a turn never skips a line under the bars. False when the page is already at its foot. */
export function readDown(reduced) {
  if (document.documentElement.scrollHeight - (window.scrollY + window.innerHeight) <= 4) return false;
  const { top, bottom } = readingView();
  window.scrollBy({ top: (bottom - top) * 0.85, behavior: reduced ? "instant" : "smooth" });
  return true;
}

/** The part of the window the page can be read in: between the chapter bar and the command line, which stay put. */
export function readingView() {
  const top = Math.max(0, document.querySelector("#play-screen .topbar").getBoundingClientRect().bottom);
  const bottom = Math.min(window.innerHeight, $("command").getBoundingClientRect().top);
  return { top, bottom: Math.max(top + 1, bottom) };
}
