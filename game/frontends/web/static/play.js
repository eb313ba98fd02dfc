// The play screen: the page of the current scene, its choices and the command line, as on the desktop.
// The page is rebuilt from the entries the bridge sends (its run's log), never from anything kept here,
// so undo, load and chapter select all draw the same way.
import { SPEEDS } from "./store.js";
import { smarten } from "./typography.js";
import { Pacer, readDown, readingView } from "./pacing.js";
import { preload as preloadArt } from "./thumbs.js";
import { entryElement, optionItem, spoken } from "./entries.js";

const $ = (id) => document.getElementById(id);
const SCREEN_WORDS = { save: "save", load: "load", menu: "menu", history: "history", settings: "settings", memories: "memories", map: "map" };
const DIGIT = /^[1-9]$/;
// The command line's placeholder, longest first: the longest that fits the line as wide and as large as it is now
// (a phone at the largest text size has room for two or three words).
const PLACEHOLDERS = ["Type what Kathy should do, or press a number", "Type what Kathy should do", "What should Kathy do?", "What next?"];

export class Play {
  constructor(app) {
    this.app = app;
    this.view = null;
    this.revealing = false;
    this.revealTimer = null;
    this.held = null; // elements waiting behind a chapter card
    this.typed = []; // lines typed this session, for Up and Down
    this.typedPos = 0;
    this.completions = null;
    this.text = $("text");
    this.choices = $("choices");
    this.line = $("command-line");
    new ResizeObserver(() => this.fitPlaceholder()).observe(this.line); // a window resized, a phone turned, a text size
    this.pacer = new Pacer(app, this); // Skip and Auto (F6, F7)
    this.wire();
  }

  // ---- following the run ------------------------------------------------------------------------
  start(step, source) {
    this.view = null;
    this.pacer.reset();
    this.apply(step, source);
  }

  /** Show what one step did: its entries, then its choices; chapter cards, memories and autosave. */
  apply(step, source) {
    const app = this.app;
    if (!step.ok) {
      if (step.fault) app.dialogs.notice(step.error, "The story went wrong");
      else app.toast(step.error);
      return;
    }
    const before = this.view;
    this.view = step.view;
    this.endReveal(); // the page the step leaves is shown whole; the pacer settles once this step's own text is shown
    const fresh = this.render(step);
    const said = fresh.map(spoken).join("\n");
    this.renderOptions();
    this.updateChrome();
    if (step.notice) app.toast(smarten(step.notice)); // undo and redo say what they took back or did again; help, how to play
    const entered = !before || before.scene !== step.view.scene;
    const moved = step.kind !== "undo" && step.kind !== "redo";
    if (entered && moved) {
      app.remember();
      if (source !== "load") app.autosaveSoon(); // a run begun (a new game, a chapter begun again) is saved, as in the window
    }
    const chapter = moved ? step.entries.slice(step.new_from).find((e) => e[0] === "chapter") : null;
    if (chapter && source !== "load") {
      this.hold(fresh); // the page waits behind the card, and is revealed once the card has gone
      this.scroll(step, fresh);
      const card = () => app.dialogs.card(chapter[1], step.view, () => this.reveal(fresh, source, true));
      // as in the window: first the map of the chapter just finished (Continue), then the new chapter's card
      if (before && before.chapter !== chapter[1]) app.dialogs.map.open(before.chapter, card);
      else card();
      app.dialogs.announce(said); // kept until the map and the card have gone: the page behind them is inert
      return;
    }
    app.dialogs.announce(said); // the live region: new text is read out once, as it arrives
    this.reveal(fresh, source);
    this.scroll(step, fresh);
    this.pacer.followed();
    if (source === "line") this.line.focus({ preventScroll: true });
    else if (source === "choice" || source === "start" || source === "load") this.focusFirstChoice();
  }

  /** Add the step's entries to the page; returns the elements that are new (to reveal and announce). */
  render(step) {
    if (step.fresh) this.text.replaceChildren();
    const fresh = [];
    step.entries.forEach(([kind, text], i) => {
      const el = entryElement(kind, text);
      if (!el) return;
      if (step.marks && step.marks[i]) el.dataset.mark = step.marks[i]; // the window's read mark, for Skip
      this.text.append(el);
      if (!step.fresh || i >= step.new_from) fresh.push(el);
    });
    this.fresh = fresh; // for self-voicing, once it is shown whole
    return fresh;
  }

  /** To the top of a new page, or down to the new text. Called once every change to the page is made: a
   * scroll makes the browser lay the page out there and then, and once is all a step should cost (the
   * time from a choice to its text is mostly this layout; measured by bench/bench_web.py). */
  scroll(step, fresh) {
    if (step.fresh) window.scrollTo({ top: 0, behavior: "instant" });
    else if (fresh.length) fresh[0].scrollIntoView({ block: "start", behavior: this.app.reducedMotion() ? "instant" : "smooth" });
  }

  renderOptions() {
    const view = this.view;
    const items = [];
    if (view.ended) {
      items.push(optionItem(1, { id: "", text: "Continue", enabled: true }, () => this.app.dialogs.ending(this.view)));
    } else {
      view.options.forEach((o, i) => items.push(optionItem(i + 1, o, () => this.take(i, "choice"))));
    }
    this.choices.replaceChildren(...items);
  }

  updateChrome() {
    const view = this.view;
    const place = view.location || "default";
    if (document.body.dataset.place !== place) {  // a new place: reading its painting's name costs a style pass
      document.body.dataset.place = place;
      preloadArt(); // the place's painting, ready for a save's picture
    }
    this.app.sound.play(view.location);
    $("chapter-label").textContent = view.chapter;
    $("undo").disabled = !view.can_undo;
    $("redo").disabled = !view.can_redo;
    this.completions = null;
    $("command-hint").textContent = "";
  }

  // ---- revealing the new text at the player's speed ------------------------------------------
  reveal(elements, source, wasHeld = false) {
    if (wasHeld || this.held) {
      if (this.held === null) { // never held (text at once), or shown whole already: the page is at rest
        this.pacer.settled();
        return;
      }
      if (this.held !== elements) return; // another step since
      this.held = null;
      this.revealing = false;
      for (const el of elements) el.classList.remove("held");
      document.body.classList.remove("revealing");
    }
    const cps = SPEEDS[this.app.settings.text_speed];
    elements = this.pacer.toReveal(elements); // while skipping, what was read before is simply there
    if (!elements.length || cps === 0 || this.app.reducedMotion() || source === "load") {
      this.pacer.settled();
      return;
    }
    let t = 0;
    for (const el of elements) {
      el.classList.add("revealing");
      el.style.animationDelay = `${Math.round(t)}ms`;
      t += (el.textContent.length / cps) * 1000;
    }
    this.revealing = true;
    document.body.classList.add("revealing");
    this.revealTimer = setTimeout(() => this.finishReveal(), Math.max(0, t - (elements.at(-1).textContent.length / cps) * 1000) + 400);
    this.pacer.markShown(); // what skipping showed at once is read now
  }

  /** The elements still coming (or waiting behind a chapter card). */
  pending() {
    return [...this.text.querySelectorAll(".revealing, .held")];
  }

  hold(elements) {
    if (SPEEDS[this.app.settings.text_speed] === 0 || this.app.reducedMotion()) return;
    for (const el of elements) el.classList.add("held");
    this.held = elements;
    this.revealing = true;
    document.body.classList.add("revealing");
  }

  /** The player asked for the text whole (a click, Enter, Space, a number, the pad's A, Skip): it is shown, and the
   * page is at rest, so Auto times it, self-voicing says it, Skip goes on. False when nothing was being revealed. */
  finishReveal() {
    if (!this.endReveal()) return false;
    this.pacer.settled();
    return true;
  }

  /** Show at once whatever is still coming, without settling: on the way into a step, whose own text settles the
   * pacer when it is shown. (Settling the page being left made self-voicing read out text just undone or moved on
   * from, and restarted Auto for a page about to change.) What was shown is marked read, as the window marks it. */
  endReveal() {
    for (const el of this.text.querySelectorAll(".held")) el.classList.remove("held");
    this.held = null;
    if (!this.revealing) return false;
    clearTimeout(this.revealTimer);
    this.revealing = false;
    document.body.classList.remove("revealing");
    for (const el of this.text.querySelectorAll(".revealing")) {
      el.classList.remove("revealing");
      el.style.animationDelay = "";
    }
    this.pacer.markShown();
    return true;
  }

  /** Set the longest placeholder that fits the line whole, in the placeholder's own font (italic) as now set.
   * Measured again when the line changes size or the settings change, and once the italic face has loaded. */
  fitPlaceholder() {
    const line = this.line;
    const room = line.clientWidth;
    if (!room) return; // not laid out (the title screen): measured when the line is
    const style = getComputedStyle(line, "::placeholder");
    const font = `${style.fontStyle || "italic"} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    this.measure ||= document.createElement("canvas").getContext("2d");
    this.measure.font = font;
    const fits = PLACEHOLDERS.find((words) => this.measure.measureText(words).width <= room) || PLACEHOLDERS.at(-1);
    if (line.placeholder !== fits) line.placeholder = fits;
    if (!document.fonts.check(font)) document.fonts.load(font).then(() => { if (document.fonts.check(font)) this.fitPlaceholder(); });
  }

  // ---- inputs -----------------------------------------------------------------------------------
  /** Take choice `index` (from 0). A number that is no choice, or one not open, changes nothing: the text still
   * coming goes on coming (the player did not ask to skip it). */
  take(index, source) {
    const view = this.view;
    if (view.ended) {
      this.finishReveal();
      this.app.dialogs.ending(view);
      return;
    }
    const option = view.options[index];
    if (!option) return;
    if (!option.enabled) {
      this.app.toast("That is not open to me now.");
      return;
    }
    this.apply(this.app.call("choose", option.id), source);
  }

  submit() {
    const line = this.line.value.trim();
    if (!line) return;
    this.line.value = "";
    if (this.typed.at(-1) !== line) this.typed.push(line);
    this.typedPos = this.typed.length;
    const word = line.toLowerCase();
    if (word in SCREEN_WORDS) {
      this.app.dialogs.open(SCREEN_WORDS[word]);
      return;
    }
    // While the parser asks "Which did I mean...?", a number answers it (the bridge sends it to Run.command).
    if (/^\d+$/.test(line) && !(this.view && this.view.asking)) {
      this.take(Number(line) - 1, "line");
      this.line.focus({ preventScroll: true });
      return;
    }
    this.apply(this.app.call("command", line), "line");
  }

  undo() {
    this.apply(this.app.call("undo"), "undo");
  }

  redo() {
    this.apply(this.app.call("redo"), "redo");
  }

  /** Focus the first open choice; while the text is still being revealed, the page itself. The page put it there,
   * the player has not pointed at it: until they do (Tab, a click), Space and Enter read on (readOn). */
  focusFirstChoice() {
    const first = this.revealing ? null : this.choices.querySelector("button:not([aria-disabled='true'])");
    this.placing = true;
    (first || $("page")).focus({ preventScroll: true });
    this.placing = false;
    this.unpointed = first;
  }

  /** As in the window, Space and Enter never take a choice the player has not pointed at: on the first choice the
   * page focused for them, Space reads on down the page, and Enter does too until that choice is in view. */
  readOn(e) {
    const seen = e.target.getBoundingClientRect().bottom <= readingView().bottom;
    if (e.key === "Enter" && seen) return false; // in view with its ring on it: Enter takes it, as any button
    e.preventDefault();
    readDown(this.app.reducedMotion());
    return true;
  }

  /** Tab on the command line: the word finished, or the words it could be shown. Returns false when there is nothing
   * more to offer (the word done, the same words shown already), and the Tab then moves on as anywhere else. */
  complete() {
    const value = this.line.value;
    const hint = $("command-hint").textContent;
    const cut = value.lastIndexOf(" ") + 1;
    const stem = value.slice(cut).toLowerCase();
    if (!this.completions) this.completions = this.app.call("completions");
    const found = this.completions.filter((w) => w.startsWith(stem));
    if (found.length === 1) this.line.value = value.slice(0, cut) + found[0] + " ";
    else if (found.length > 1) {
      let common = found[0];
      for (const w of found) while (!w.startsWith(common)) common = common.slice(0, -1);
      this.line.value = value.slice(0, cut) + common;
    }
    $("command-hint").textContent = found.length > 1 ? found.slice(0, 8).join(" · ") + (found.length > 8 ? " …" : "") : "";
    return this.line.value !== value || ($("command-hint").textContent !== hint && $("command-hint").textContent !== "");
  }

  wire() {
    $("command").addEventListener("submit", (e) => { e.preventDefault(); this.submit(); });
    $("undo").addEventListener("click", () => this.undo());
    $("redo").addEventListener("click", () => this.redo());
    $("menu-button").addEventListener("click", () => this.app.dialogs.open("menu"));
    $("history-button").addEventListener("click", () => this.app.dialogs.open("history"));
    $("page").addEventListener("click", (e) => { if (!e.target.closest("button")) this.finishReveal(); });
    this.line.addEventListener("keydown", (e) => {
      if (e.key === "ArrowUp" || e.key === "ArrowDown") {
        if (!this.typed.length) return;
        e.preventDefault();
        this.typedPos = Math.max(0, Math.min(this.typed.length, this.typedPos + (e.key === "ArrowUp" ? -1 : 1)));
        this.line.value = this.typed[this.typedPos] || "";
      } else if (e.key === "Tab" && this.line.value.trim() && !e.shiftKey) {
        if (this.complete()) e.preventDefault(); // else on to the next control: the line never keeps the focus
      } else if (e.key === "Backspace" && !this.line.value && !e.repeat) {
        e.preventDefault();
        this.undo(); // as in the window: Backspace on an empty line steps back
      }
    });
    document.addEventListener("keydown", (e) => this.onKey(e));
    this.choices.addEventListener("focusin", () => { if (!this.placing) this.unpointed = null; }); // the player pointed
    window.addEventListener("wheel", (e) => this.onWheel(e), { passive: true });
  }

  /** The wheel scrolls; past the top it undoes and past the foot redoes, only if the player asked (Settings), and
   * once a turn of it: a trackpad's stream of small wheel events is one gesture until it has been still a moment. */
  onWheel(e) {
    const quiet = (this.wheelAt || 0) + 400 < e.timeStamp;
    this.wheelAt = e.timeStamp;
    if (this.app.settings.wheel_undo !== "on" || !quiet || !e.deltaY || document.body.dataset.screen !== "play" ||
        document.querySelector("dialog[open]")) return;
    const doc = document.documentElement;
    if (e.deltaY < 0 && window.scrollY <= 0) this.undo();
    else if (e.deltaY > 0 && window.scrollY + window.innerHeight >= doc.scrollHeight - 1 && this.view && this.view.can_redo) this.redo();
  }

  onKey(e) {
    if (this.shortcut(e)) return;
    if (document.body.dataset.screen !== "play" || document.querySelector("dialog[open]")) return;
    const typing = e.target === this.line && this.line.value !== "";
    const inField = e.target instanceof HTMLInputElement && e.target !== this.line;
    if (inField || e.altKey || e.metaKey) return;
    const ctrl = e.ctrlKey;
    if ((e.key === " " || e.key === "Enter") && !ctrl && !this.revealing && e.target === this.unpointed && this.readOn(e)) return;
    if (e.key === "Escape") {
      e.preventDefault();
      this.app.dialogs.open("menu");
    } else if (ctrl && !typing && (e.key === "z" || e.key === "Z")) {
      e.preventDefault();
      if (e.shiftKey) this.redo(); else this.undo();
    } else if (ctrl && !typing && (e.key === "y" || e.key === "Y")) {
      e.preventDefault();
      this.redo();
    } else if (!ctrl && !typing && DIGIT.test(e.key)) {
      e.preventDefault();
      if (this.finishReveal()) return; // as in the window: a key during the reveal shows it whole first
      if (this.view && this.view.asking) this.apply(this.app.call("command", e.key), "line"); // answers the question
      else this.take(Number(e.key) - 1, e.target === this.line ? "line" : "choice");
    } else if (!ctrl && this.revealing && (e.key === " " || e.key === "Enter") && e.target !== this.line) {
      e.preventDefault();
      this.finishReveal();
    } else if (!ctrl && e.key.length === 1 && e.key !== " " && e.target !== this.line && !(e.target instanceof HTMLButtonElement && e.key === "Enter")) {
      this.line.focus({ preventScroll: true }); // just type, as in the window: the key goes into the line
    }
  }

  /** The window's function keys, kept from the browser's own: F5 quicksaves (in the menu too), F9 quickloads,
   * F6 skips what has been read, F7 reads on by itself, Ctrl+H opens the history. (F11 is the browser's.) */
  shortcut(e) {
    if (document.body.dataset.screen !== "play" || e.altKey || e.metaKey) return false;
    const open = document.querySelector("dialog[open]");
    const key = e.key.toLowerCase();
    if ((key === "f5" || key === "f9") && !e.ctrlKey && !e.shiftKey && (!open || open.id === "menu-dialog")) {
      e.preventDefault();
      if (!e.repeat) { if (key === "f5") this.app.quicksave(); else this.app.quickload(); }
      return true;
    }
    if ((key === "f6" || key === "f7") && !e.ctrlKey && !e.shiftKey && !open) {
      e.preventDefault();
      if (!e.repeat) { if (key === "f6") this.pacer.toggleSkip(); else this.pacer.toggleAuto(); }
      return true;
    }
    if (key === "h" && e.ctrlKey && !e.shiftKey && !open) {
      e.preventDefault();
      if (!e.repeat) this.app.dialogs.open("history");
      return true;
    }
    return false;
  }
}
