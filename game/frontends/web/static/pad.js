// The gamepad, as in the window (desktop/events.py and play_input.py): the D-pad or left stick points,
// A takes what is pointed at (or shows the text whole, or reads on), B and LB undo, RB redoes, X skips, Y autos, Start
// opens and closes the menu, Back/Select opens the history; in a screen over the page B goes back and
// Left/Right turn the story map's chapters. Read through the Gamepad API (standard mapping), polled once
// a frame only while a pad is connected. What the pad points at gets the page's own focus, so a
// keyboard, a screen reader and the pad always agree on where the player is.

import { readDown } from "./pacing.js";

const BUTTONS = { 0: "a", 1: "b", 2: "x", 3: "y", 4: "lb", 5: "rb", 8: "back", 9: "start", 12: "up", 13: "down", 14: "left", 15: "right" };
const STICK_ON = 0.61; // a push past this moves once; the stick must come back under STICK_OFF to move again
const STICK_OFF = 0.27; // (the desktop's 20000 and 9000 of 32767)
const FOCUSABLE = "button:not([disabled]):not([hidden]), input:not([disabled]), [tabindex='0']";

export class Gamepads {
  constructor(app) {
    this.app = app;
    this.held = new Set(); // "pad:button" down at the last poll: a press acts once, when it goes down
    this.stick = new Map(); // "pad:axis" -> the direction it is held in, or nothing
    this.polling = false;
    window.addEventListener("gamepadconnected", () => this.start());
    document.addEventListener("pointerdown", () => delete document.documentElement.dataset.input, true);
    if (this.pads().length) this.start();
  }

  pads() {
    return navigator.getGamepads ? [...navigator.getGamepads()].filter(Boolean) : [];
  }

  start() {
    if (this.polling) return;
    this.polling = true;
    const tick = () => {
      if (!this.pads().length) {
        this.polling = false;
        return;
      }
      this.poll();
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }

  /** Each button newly down, and each stick newly pushed past its threshold, becomes one press. */
  poll() {
    for (const pad of this.pads()) {
      pad.buttons.forEach((b, i) => {
        const key = `${pad.index}:${i}`;
        const down = typeof b === "object" ? b.pressed : b > 0.5;
        if (down && !this.held.has(key) && BUTTONS[i]) {
          this.held.add(key);
          this.press(BUTTONS[i]);
        } else if (!down) {
          this.held.delete(key);
        }
      });
      for (const [axis, neg, pos] of [[0, "left", "right"], [1, "up", "down"]]) {
        const key = `${pad.index}:${axis}`;
        const v = pad.axes[axis] || 0;
        if (Math.abs(v) < STICK_OFF) this.stick.delete(key);
        else if (Math.abs(v) >= STICK_ON && !this.stick.has(key)) {
          this.stick.set(key, v > 0 ? pos : neg);
          this.press(v > 0 ? pos : neg);
        }
      }
    }
  }

  press(button) {
    const app = this.app;
    document.documentElement.dataset.input = "pad"; // focus is drawn for the pad as for keys
    const dialog = app.dialogs.stack.at(-1);
    if (dialog) return this.inDialog(dialog, button);
    if (document.body.dataset.screen === "title") {
      if (button === "up" || button === "down") this.move(document.getElementById("title-screen"), button === "up" ? -1 : 1);
      else if (button === "a") this.activate();
      return;
    }
    const play = app.play;
    if (button === "up" || button === "down") this.move(document.getElementById("choices"), button === "up" ? -1 : 1);
    else if (button === "a") this.advance();
    else if (button === "b" || button === "lb") play.undo();
    else if (button === "rb") play.redo();
    else if (button === "x") play.pacer.toggleSkip();
    else if (button === "y") play.pacer.toggleAuto();
    else if (button === "start") app.dialogs.open("menu");
    else if (button === "back") app.dialogs.open("history");
  }

  inDialog(dialog, button) {
    if (dialog.id === "card-dialog") {
      if (button === "a" || button === "b" || button === "start") dialog.close();
      return;
    }
    if (button === "up" || button === "down") this.move(dialog, button === "up" ? -1 : 1);
    else if (button === "left" || button === "right") {
      if (dialog.id === "map-dialog") this.app.dialogs.map.turn(button === "left" ? -1 : 1);
    } else if (button === "a") this.activate();
    else if (button === "b" || (button === "start" && dialog.id === "menu-dialog")) dialog.close();
  }

  /** A on the play screen: show the text whole, else take the choice pointed at, else read on down the page. */
  advance() {
    const play = this.app.play;
    if (play.finishReveal()) return;
    const at = document.activeElement;
    if (at && at.closest && at.closest("#choices")) {
      at.click();
      return;
    }
    if (play.view && play.view.ended) {
      this.app.dialogs.ending(play.view);
      return;
    }
    if (!readDown(this.app.reducedMotion())) this.move(document.getElementById("choices"), 1);
  }

  /** A: press what is pointed at; with nothing pointed at yet, point at the first thing (as the window's menus start). */
  activate() {
    const at = document.activeElement;
    if (!at || at === document.body) {
      const dialog = this.app.dialogs.stack.at(-1);
      this.move(dialog || document.getElementById("title-screen"), 1);
      return;
    }
    if (at instanceof HTMLInputElement && at.type === "radio") at.checked || at.click();
    else if (at instanceof HTMLInputElement && at.type === "range") return;
    else at.click();
  }

  /** Point at the next (or previous) control in `within`, wrapping at the ends, as the window's menus do. */
  move(within, step) {
    const all = [...within.querySelectorAll(FOCUSABLE)].filter((el) => el.offsetParent !== null && el.getAttribute("aria-disabled") !== "true");
    if (!all.length) return;
    const i = all.indexOf(document.activeElement);
    const next = i < 0 ? (step > 0 ? 0 : all.length - 1) : (i + step + all.length) % all.length;
    all[next].focus();
    all[next].scrollIntoView({ block: "nearest", behavior: this.app.reducedMotion() ? "instant" : "smooth" });
  }
}
