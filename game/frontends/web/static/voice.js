// Self-voicing, as the window's (desktop/speech.py, Ren'Py's V): the page, the choices and the menus read aloud
// by the browser's own speech (the Web Speech API), for a reader who wants the words heard without a screen
// reader. Alt+V turns it on and off (plain V types, on the page), and so does Settings. What is said: the new
// text of each step once it is shown whole, with its choices; then whatever the keys, the pad or the pointer
// move to (a choice, a menu's button, a scene of the map); and each screen's name as it opens. Something new
// stops whatever was being said. Auto waits while the voice speaks. Nothing is said while it is off, and a
// screen reader's own speech is never touched: the page's live regions serve it either way.
import { spoken } from "./entries.js";
import { smarten } from "./typography.js";

const $ = (id) => document.getElementById(id);

export class Voice {
  constructor(app) {
    this.app = app;
    this.lead = null; // the page's new text or a screen's name, being said: what the focus says waits for it
    document.addEventListener("focusin", (e) => this.focused(e.target));
    document.addEventListener("keydown", (e) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === "KeyV" && !e.repeat) {
        e.preventDefault();
        this.app.changeSetting("voice", this.enabled ? "off" : "on");
      }
    }, true);
  }

  get synth() {
    return window.speechSynthesis || null;
  }

  get enabled() {
    return this.app.settings.voice === "on";
  }

  get speaking() {
    return this.enabled && !!this.synth && this.synth.speaking;
  }

  /** The setting changed (Alt+V, or Settings): say so, and read the page as it is. */
  turned() {
    if (!this.enabled) {
      if (this.synth) this.synth.cancel();
      this.app.toast("Self-voicing off.");
      return;
    }
    if (!this.synth || typeof SpeechSynthesisUtterance === "undefined") {
      this.app.toast("This browser has no voice to read with; a screen reader reads the page too.");
      return;
    }
    this.synth.cancel();
    this.app.toast("Self-voicing on.");
    if (document.body.dataset.screen === "play" && !document.querySelector("dialog[open]")) this.say(pageWords(this.app.play, true), true, true);
  }

  /** Say `text`: at once, stopping what was being said, or after it (`after`); a `lead` is waited for by the
   * focus's words (the page's new text, then the choice the focus lands on). */
  say(text, after = false, lead = false) {
    const words = (text || "").replace(/\s+/g, " ").trim();
    if (!this.enabled || !words || !this.synth || typeof SpeechSynthesisUtterance === "undefined") return;
    if (!after) this.synth.cancel();
    const u = new SpeechSynthesisUtterance(words);
    u.lang = document.documentElement.lang || "en-GB";
    if (lead) {
      this.lead = u;
      u.onend = () => { if (this.lead === u) this.lead = null; };
    } else if (!after) {
      this.lead = null;
    }
    this.synth.speak(u);
  }

  /** A screen opened: its name (its own heading); what it focuses is said after. */
  opened(dialog) {
    const label = dialog.getAttribute("aria-labelledby");
    const heading = label ? $(label) : null;
    if (heading) this.say(heading.textContent, false, true);
  }

  /** The step's new text and the choices, said once, when the page is at rest (Pacer.settled). */
  stepShown(play) {
    if (!this.enabled || this.spokenFor === play.fresh) return;
    this.spokenFor = play.fresh;
    this.say(pageWords(play), false, true);
  }

  focused(el) {
    if (!this.enabled || !(el instanceof HTMLElement)) return;
    const after = this.lead !== null && this.synth.speaking;
    if (el.id === "command-line" || el.id === "page" || el.id === "map-page" || el.id === "history") return;
    if (el.classList.contains("option")) {
      const badge = el.querySelector(".badge").textContent;
      this.say(`${badge === "–" ? "" : `${badge}. `}${el.querySelector(".label").textContent}${el.querySelector(".why")?.textContent || ""}`, after);
      return;
    }
    if (el.matches("input[type=radio]")) {
      const legend = el.closest("fieldset")?.querySelector("legend")?.textContent || "";
      this.say(`${legend}: ${el.closest("label")?.textContent.trim() || el.value}`, after);
      return;
    }
    this.say(el.getAttribute("aria-label") || el.textContent, after);
  }
}

/** What self-voicing says of the page: the step's new text (or `all` of it), then the open choices by number. */
function pageWords(play, all = false) {
  const els = all ? [...play.text.children] : (play.fresh || []);
  const view = play.view;
  const choices = !view ? [] : (view.ended ? ["Continue."]
    : view.options.map((o, i) => (o.enabled ? `${i + 1}. ${smarten(o.text)}` : null)).filter(Boolean));
  return [...els.map(spoken), ...(choices.length ? ["Choices:", ...choices] : [])].join(" ");
}
