// The Save and Load screen (the window's saveload.py): the slots with their pictures, naming a slot (F2),
// export and import. Its own module so dialogs.js keeps to the screens' opening, closing and the rest.
import * as store from "./store.js";
import { smarten } from "./typography.js";

const $ = (id) => document.getElementById(id);

export class Saves {
  constructor(dialogs) {
    this.dialogs = dialogs;
    this.app = dialogs.app;
    this.mode = "load";
    $("export-run").addEventListener("click", () => this.exportRun());
    $("name-form").addEventListener("submit", (e) => this.rename(e));
    $("slots").addEventListener("keydown", (e) => { // F2 renames the slot the focus is in, Delete deletes it (asked), as in the window
      const label = { F2: "Name", Delete: "Delete" }[e.key];
      if (!label) return;
      e.preventDefault();
      const slot = e.target.closest("li")?.dataset.slot;
      const button = slot && [...e.target.closest("li").querySelectorAll("button")].find((b) => b.textContent === label);
      if (button) button.click();
    });
    $("import-file").addEventListener("change", (e) => this.importFile(e.target));
  }

  open(mode) {
    this.mode = mode;
    $("saves-heading").textContent = mode === "save" ? "Save" : "Load";
    $("saves-note").textContent = mode === "save"
      ? "Saves are kept in this browser. Export one to keep it as a file: the desktop game loads it too."
      : "The game saves by itself as each scene begins. A save file from this browser or another can be imported.";
    $("export-run").hidden = !this.app.running;
    this.fill();
    this.dialogs.show($("saves-dialog"));
  }

  fill() {
    const app = this.app;
    const saves = new Map(app.listSaves().map((s) => [s.slot, s]));
    const rows = [];
    const slots = this.mode === "save" ? ["quick", ...store.MANUAL_SLOTS] : store.ALL_SLOTS.filter((s) => saves.has(s));
    for (const slot of slots) rows.push(this.slotRow(slot, saves.get(slot)));
    if (!rows.length) {
      const li = document.createElement("li");
      li.className = "empty";
      li.textContent = "There are no saves in this browser yet.";
      rows.push(li);
    }
    $("slots").replaceChildren(...rows);
  }

  /** The slots drawn again after a save, a delete or a new name, with the focus kept where it was: on the same
   * button of the same slot (or that slot's first, or the next slot's when it has gone), never dropped on the page. */
  refill() {
    const at = document.activeElement;
    const row = at && at.closest("#slots li");
    const index = row ? [...$("slots").children].indexOf(row) : -1;
    const label = at ? at.textContent : "";
    this.fill();
    if (!row) return;
    const rows = [...$("slots").children];
    const same = rows.find((r) => r.dataset.slot === row.dataset.slot) || rows[Math.min(index, rows.length - 1)];
    const buttons = same ? [...same.querySelectorAll("button:not(:disabled)")] : [];
    const target = buttons.find((b) => b.textContent === label) || buttons[0] || $("saves-dialog").querySelector("[data-close]");
    target.focus();
  }

  slotRow(slot, save) {
    const li = document.createElement("li");
    const name = slot.startsWith("auto-") ? `Autosave ${slot.slice(5)}` : (slot === "quick" ? "Quicksave" : `Slot ${slot}`);
    const head = document.createElement("h3");
    head.textContent = save && save.info && save.info.name ? `${name}: “${save.info.name}”` : name;
    li.dataset.slot = slot;
    const picture = save && store.readThumb(this.app.meta.id, slot);
    if (picture) { // the page as it was (thumbs.js); its words are the excerpt below, so the picture says nothing more
      const img = document.createElement("img");
      img.className = "thumb";
      img.alt = "";
      img.src = picture;
      li.append(img);
    }
    const about = document.createElement("p");
    about.className = "about";
    if (save && save.info) {
      const i = save.info;
      about.textContent = `${i.chapter}: ${i.title}. ${when(i.saved_at)}, ${playTime(i.play_seconds)} played, ${plural(i.moves, "move")}.`;
      const excerpt = document.createElement("p");
      excerpt.className = "excerpt";
      excerpt.textContent = smarten(i.excerpt);
      li.append(head, about, excerpt);
    } else if (save) {
      about.textContent = `This save is damaged: ${save.error}`;
      li.append(head, about);
    } else {
      about.textContent = "Empty.";
      li.append(head, about);
    }
    const buttons = document.createElement("div");
    buttons.className = "row";
    const button = (label, action, disabled = false, keys = "") => {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = label;
      b.disabled = disabled;
      if (keys) b.setAttribute("aria-keyshortcuts", keys);
      b.setAttribute("aria-label", `${label}: ${name}`);
      b.addEventListener("click", action);
      buttons.append(b);
    };
    if (this.mode === "save") button(save ? "Save over this" : "Save here", () => { if (this.app.saveTo(slot)) this.refill(); });
    else button("Load", () => { if (this.app.loadText(save.text)) this.dialogs.closeAll(); }, !save || !save.info);
    if (save && save.info && store.MANUAL_SLOTS.includes(slot)) button("Name", () => this.askName(slot, save), false, "F2");
    if (save) {
      button("Export", () => download(save.text, fileName(save.info, slot)));
      button("Delete", () => this.askDelete(slot, name, save));
    }
    li.append(buttons);
    return li;
  }

  /** Asked first, as the window asks (saveload.py): one click or tap is too easy a way to lose a run. */
  askDelete(slot, name, save) {
    const title = save.info ? ` (${smarten(save.info.title)})` : "";
    this.dialogs.confirm("Delete this save?", `Delete ${name}${title}? This cannot be undone.`, "Delete", () => {
      $("confirm-dialog").close(); // the focus goes back to the slot's Delete button, which refill() finds again
      store.deleteSave(this.app.meta.id, slot);
      this.refill();
      this.app.toast(`${name} deleted.`);
    }, "Keep it");
  }

  /** The window's Rename (F2): a numbered slot's save given a name, written again whole from its own run. */
  askName(slot, save) {
    const line = $("name-line");
    line.value = (save.info.name || smarten(save.info.title)).slice(0, 60); // a sensible name without typing
    $("name-heading").textContent = `A name for slot ${slot}`;
    this.naming = { slot, save };
    this.dialogs.show($("name-dialog"));
    line.focus();
    line.select();
  }

  rename(e) {
    e.preventDefault();
    const naming = this.naming;
    this.naming = null;
    $("name-dialog").close(); // the focus goes back to the slot's Name button, which refill() finds again
    if (!naming) return;
    const name = $("name-line").value.trim();
    const done = this.app.call("rename_text", naming.save.text, name);
    if (!done.ok) {
      this.app.toast(done.error);
      return;
    }
    const refused = store.writeSave(this.app.meta.id, naming.slot, done.text);
    this.app.toast(refused ? `Could not rename it. ${refused}`
      : (name ? `Slot ${naming.slot} is now called “${name}”.` : `Slot ${naming.slot} has no name now.`));
    this.refill();
  }

  exportRun() {
    const made = this.app.saveText("manual");
    if (!made.ok) {
      this.app.toast(`Could not export it. ${made.error}`);
      return;
    }
    download(made.text, fileName(this.app.call("save_info", made.text), "run"));
    this.app.toast("The run was exported as a save file.");
  }

  async importFile(input) {
    const file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    if (file.size > 32 * 1024 * 1024) {
      this.dialogs.notice("That file is far too large to be a save.", "This save cannot be loaded");
      return;
    }
    const text = await file.text();
    if (this.app.loadText(text)) {
      this.app.autosave();
      this.app.toast(`Loaded ${file.name}.`);
    }
  }
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function when(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}

function playTime(seconds) {
  const minutes = Math.floor(seconds / 60);
  if (minutes < 1) return "under a minute";
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

function fileName(info, slot) {
  const day = info && info.saved_at ? info.saved_at.slice(0, 16).replace(/[:T]/g, "-") : "save";
  return `never-let-me-go-${slot}-${day}.yaml`;
}

function download(text, name) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/x-yaml" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
