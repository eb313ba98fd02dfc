// The screens over the page, each a native <dialog> (focus kept inside, Escape closes, the page behind
// inert): the menu, settings, history, memories, the chapter card, the ending and notices; the
// story map's pages are storymap.js and the save and load screen saves.js.
import * as store from "./store.js";
import { smarten } from "./typography.js";
import { StoryMap } from "./storymap.js";
import { Saves } from "./saves.js";

const $ = (id) => document.getElementById(id);
const CARD_SECONDS = 7.6; // the desktop's fade in and hold

export class Dialogs {
  constructor(app) {
    this.app = app;
    this.stack = [];
    this.unsaid = null; // what the live region will say once the screens are closed
    for (const d of document.querySelectorAll("dialog")) {
      d.addEventListener("close", () => this.closed(d));
      d.addEventListener("click", (e) => { if (e.target.closest("[data-close]")) d.close(); });
    }
    $("menu-dialog").addEventListener("click", (e) => this.menuAction(e));
    $("ending-dialog").addEventListener("click", (e) => this.endingAction(e));
    $("settings-form").addEventListener("change", (e) => this.app.changeSetting(e.target.name, e.target.value));
    $("settings-form").addEventListener("input", (e) => { // the range moves: heard at once, said as "6 of 10"
      if (e.target.name !== "volume") return;
      e.target.setAttribute("aria-valuetext", `${e.target.value} of 10`);
      this.app.changeSetting("volume", e.target.value);
    });
    $("card-go").addEventListener("click", () => $("card-dialog").close());
    $("card-dialog").addEventListener("keydown", (e) => {
      if ($("card-dialog").open && (e.key.length === 1 || e.key === "Enter")) {
        e.preventDefault();
        e.stopPropagation(); // the key that leaves the card does nothing else
        $("card-dialog").close();
      }
    });
    $("card-dialog").addEventListener("click", (e) => { if (e.target === $("card-dialog")) $("card-dialog").close(); });
    $("tip-dialog").addEventListener("keydown", (e) => { // any key puts it away, and does nothing else
      if (e.key.length === 1 || e.key === "Enter" || e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        $("tip-dialog").close();
      }
    });
    this.map = new StoryMap(this);
    $("history-dialog").addEventListener("keydown", (e) => this.historyKey(e));
    $("confirm-yes").addEventListener("click", () => { const go = this.confirmed; this.confirmed = null; if (go) go(); });
    this.savesScreen = new Saves(this);
  }

  // ---- opening and closing ----------------------------------------------------------------------
  show(dialog) {
    if (!dialog.open) {
      this.app.voice.opened(dialog); // its name first; what it focuses is said after
      dialog.showModal();
      this.stack.push(dialog);
      this.keepToastOnTop();
    }
  }

  /** The small messages (the toast: "Saved in slot 1.", what undo took back) live in the topmost open screen: the
   * rest of the page is inert behind a modal dialog and under its backdrop, where they were neither seen nor read out. */
  keepToastOnTop() {
    const home = this.stack.at(-1) || document.body;
    if ($("toast").parentElement !== home) home.append($("toast"));
  }

  closed(dialog) {
    this.stack = this.stack.filter((d) => d !== dialog);
    this.keepToastOnTop();
    if (dialog.id === "card-dialog") {
      clearTimeout(this.cardTimer);
      const then = this.afterCard;
      this.afterCard = null;
      if (then) then();
      if (this.tipAfterCard) {
        this.tipAfterCard = false;
        this.show($("tip-dialog"));
        $("tip-dialog").querySelector("button").focus();
      }
    }
    // Once every other close handler has run (the map's opens the next chapter's card, the card's How to play):
    // only then is it known that nothing is over the page.
    setTimeout(() => { if (!this.stack.length && this.unsaid !== null) this.announce(this.unsaid); });
    const now = document.activeElement; // may still be in the dialog just closed, or on a screen now hidden
    const lost = !now || now === document.body || now.closest("dialog:not([open]), [hidden]");
    if (!this.stack.length && lost && document.body.dataset.screen === "play") this.app.play.focusFirstChoice();
  }

  /** New text into the live region, which is read out once. While a screen is open (the chapter's card and the
   * map before it, the first game's How to play) the page behind is inert and a screen reader is told nothing of
   * it: the text waits, and is said once the last screen has closed. */
  announce(text) {
    this.unsaid = this.stack.length ? text : null;
    $("announce").textContent = this.stack.length ? "" : text;
  }

  closeAll() {
    for (const d of [...this.stack].reverse()) d.close();
  }

  open(name) {
    ({ menu: () => this.menu(), save: () => this.saves("save"), load: () => this.saves("load"), settings: () => this.settings(),
       history: () => this.history(), memories: () => this.memories(), map: () => this.app.running && this.map.open(),
       about: () => this.show($("about-dialog")) })[name]?.();
  }

  // ---- the menu (the desktop's pause menu) ----------------------------------------------------
  menu() {
    const view = this.app.play.view;
    $("menu-where").textContent = view ? smarten(`${view.chapter}: ${view.title}`) : "";
    this.show($("menu-dialog"));
    $("menu-dialog").querySelector("button").focus();
  }

  menuAction(e) {
    const action = e.target.closest("button")?.dataset.action;
    if (!action) return;
    if (action === "resume") $("menu-dialog").close();
    else if (action === "title") this.app.showTitle();
    else this.open(action);
  }

  // ---- saves (saves.js) --------------------------------------------------------------------------
  saves(mode) {
    this.savesScreen.open(mode);
  }

  // ---- settings, history ------------------------------------------------------------------------
  settings() {
    const form = $("settings-form");
    for (const [name, value] of Object.entries(this.app.settings)) {
      const input = form.querySelector(`input[name="${name}"][value="${value}"]`);
      if (input) input.checked = true;
    }
    const volume = form.querySelector("input[name='volume']");
    volume.value = this.app.settings.volume;
    volume.setAttribute("aria-valuetext", `${volume.value} of 10`);
    this.show($("settings-dialog"));
  }

  /** Everything read and done, to read back; each thing done (a choice, a typed line) is a moment to go back to,
   * as in the window: take one (Enter, a click), say yes, and the run rolls back to just before it. */
  history() {
    const out = [];
    this.app.call("history").forEach(([kind, text], index) => {
      const tag = { chapter: "h3", title: "h4", ending: "h3" }[kind] || "p";
      const el = document.createElement(tag);
      el.className = kind;
      const words = smarten(kind === "command" ? `› ${text}` : (kind === "ending" ? `The end: ${text}` : text));
      if (kind === "choice" || kind === "command") {
        const moment = document.createElement("button");
        moment.type = "button";
        moment.className = "moment";
        moment.textContent = words;
        moment.setAttribute("aria-label", `${smarten(text)}: go back to just before this`);
        moment.addEventListener("click", () => this.askGoBack(index));
        el.append(moment);
      } else {
        el.textContent = words;
      }
      out.push(el);
    });
    $("history").replaceChildren(...out);
    this.show($("history-dialog"));
    $("history").scrollTop = $("history").scrollHeight;
    $("history").focus();
  }

  /** Up and Down walk the moments (the newest first from the foot), as the window's History points at them. */
  historyKey(e) {
    if (e.key !== "ArrowUp" && e.key !== "ArrowDown") return;
    const moments = [...$("history").querySelectorAll(".moment")];
    if (!moments.length) return;
    e.preventDefault();
    const at = moments.indexOf(document.activeElement);
    const next = at < 0 ? (e.key === "ArrowUp" ? moments.length - 1 : 0)
      : Math.max(0, Math.min(moments.length - 1, at + (e.key === "ArrowUp" ? -1 : 1)));
    moments[next].focus();
    moments[next].scrollIntoView({ block: "nearest" });
  }

  /** The window's question, in the same words: the story's (the named response go_back_confirm), through the bridge. */
  askGoBack(index) {
    const ask = this.app.call("go_back_question", index);
    if (!ask.ok) {
      this.app.toast(smarten(ask.error));
      return;
    }
    this.confirm(ask.heading, smarten(ask.question), ask.yes, () => {
      const step = this.app.call("go_back", index);
      this.closeAll();
      this.app.play.apply(step, "undo");
    }, ask.no);
  }

  /** A question over the screen (the window's ConfirmDialog): the safe answer is where the focus starts. */
  confirm(heading, question, yes, action, no = "Stay here") {
    $("confirm-heading").textContent = heading;
    $("confirm-text").textContent = question;
    $("confirm-yes").textContent = yes;
    $("confirm-dialog").querySelector("[data-close]").textContent = no;
    this.confirmed = action;
    this.show($("confirm-dialog"));
    $("confirm-dialog").querySelector("[data-close]").focus();
  }

  // ---- memories: endings found, chapters reached (and begun again) -----------------------------
  memories() {
    const app = this.app;
    const mem = store.memoriesOf(app.memories, app.meta.id);
    const endings = app.meta.endings;
    const found = endings.filter((e) => mem.endings.includes(e.id));
    $("endings-heading").textContent = `Endings: ${found.length} of ${endings.length}`;
    $("endings").replaceChildren(...endings.map((e) => {
      const li = document.createElement("li");
      if (mem.endings.includes(e.id)) {
        const t = document.createElement("p");
        t.className = "found";
        t.textContent = smarten(e.title);
        const d = document.createElement("p");
        d.className = "excerpt";
        d.textContent = smarten(e.text);
        li.append(t, d);
      } else {
        li.className = "locked";
        li.textContent = "Not yet found";
      }
      return li;
    }));
    $("chapters").replaceChildren(...app.meta.chapters.map((c, i) => {
      const li = document.createElement("li");
      if (c.title in mem.chapters) {
        const b = document.createElement("button");
        b.type = "button";
        b.innerHTML = `<span class="n">${i + 1}</span> <span></span> <span class="detail">Begin here</span>`;
        b.children[1].textContent = c.title;
        b.addEventListener("click", () => this.beginAt(c.title));
        li.append(b);
      } else {
        li.className = "locked";
        li.innerHTML = `<span class="n">${i + 1}</span> <span aria-hidden="true">· · ·</span><span class="sr">not yet reached</span>`;
      }
      return li;
    }));
    this.show($("memories-dialog"));
  }

  /** Chapter select; leaving a run under way is asked first, as in the window. */
  beginAt(title) {
    const view = this.app.running ? this.app.play.view : null;
    if (!view || !view.moves || view.ended) {
      this.app.startAtChapter(title);
      return;
    }
    this.confirm("Begin again?", `Leave this run and begin again at “${title}”? It was saved as you entered its last scene.`,
      "Begin there", () => this.app.startAtChapter(title));
  }

  // ---- the chapter card and the ending ----------------------------------------------------------
  card(title, view, then = null) {
    this.afterCard = then;
    const chapter = this.app.meta.chapters.find((c) => c.title === title);
    const d = $("card-dialog");
    d.dataset.place = view.location || "default";
    $("card-number").textContent = view.chapter_number > 0 ? `Chapter ${view.chapter_number}` : "";
    $("card-title").textContent = title;
    $("card-text").textContent = chapter ? smarten(chapter.card) : "";
    this.show(d);
    $("card-go").focus();
    clearTimeout(this.cardTimer);
    this.cardTimer = setTimeout(() => { if (d.open) d.close(); }, CARD_SECONDS * 1000);
  }

  ending(view) {
    const app = this.app;
    app.remember();
    app.autosave(false);
    const mem = store.memoriesOf(app.memories, app.meta.id);
    const total = app.meta.endings.length;
    const found = app.meta.endings.filter((e) => mem.endings.includes(e.id)).length;
    const d = $("ending-dialog");
    d.dataset.place = view.location || "default";
    $("ending-title").textContent = view.ending ? smarten(view.ending.title) : "The end";
    $("ending-text").textContent = view.ending ? smarten(view.ending.text) : "";
    $("ending-count").textContent = total ? (found === total ? `You have found all ${total} endings.` : `You have found ${found} of ${total} endings.`) : "";
    this.show(d);
    d.querySelector("button").focus();
  }

  endingAction(e) {
    const action = e.target.closest("button")?.dataset.action;
    if (action === "title") this.app.showTitle();
    else if (action === "memories") this.memories();
    else if (action === "map") this.open("map");
  }

  notice(text, heading = "Something went wrong") {
    $("notice-heading").textContent = heading;
    $("notice-text").textContent = text;
    this.show($("notice-dialog"));
    $("notice-dialog").querySelector("button").focus();
  }
}
