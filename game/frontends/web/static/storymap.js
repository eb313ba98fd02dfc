// The story map (the window's map screen, desktop/flowchart.py): a chapter a page, Left/Right or the
// arrows by the heading for the others, the endings last. Each chapter's scenes are a list in reading
// order on a drawn path: this run's named and bright, earlier runs' named and hollow, the rest faint
// and nameless. Every mark is said in words too (never colour alone). The bridge builds the data
// (web/mapview.py) from the engine's own graph and the run's trace.
import * as store from "./store.js";
import { smarten } from "./typography.js";

const $ = (id) => document.getElementById(id);
const STATE_WORDS = { here: "where I am now", run: "this run", earlier: "an earlier run" };

export class StoryMap {
  constructor(dialogs) {
    this.dialogs = dialogs;
    this.data = null;
    this.page = 0;
    $("map-prev").addEventListener("click", () => this.turn(-1));
    $("map-next").addEventListener("click", () => this.turn(1));
    $("map-dialog").addEventListener("keydown", (e) => {
      if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
      e.preventDefault();
      this.turn(e.key === "ArrowLeft" ? -1 : 1);
    });
  }

  get pages() {
    return this.data ? this.data.chapters.length + 1 : 0; // the chapters, then the endings
  }

  open() {
    const app = this.dialogs.app;
    const mem = store.memoriesOf(app.memories, app.meta.id);
    this.data = app.call("story_map", JSON.stringify(mem));
    this.page = this.data.here;
    this.draw();
    this.dialogs.show($("map-dialog"));
    this.showHere(); // laid out only now the dialog is open
    $("map-page").focus();
  }

  /** Scroll the chapter's list so where the player is can be seen (the top, on other chapters). */
  showHere() {
    const list = $("map-scenes");
    const here = list.querySelector("[aria-current]");
    list.scrollTop = here ? Math.max(0, here.offsetTop - list.clientHeight / 2) : 0;
  }

  turn(step) {
    if (!this.data) return;
    this.page = (this.page + step + this.pages) % this.pages;
    this.draw();
  }

  draw() {
    const data = this.data;
    const chapter = data.chapters[this.page] || null;
    const titleOf = (i) => (i === data.chapters.length ? "Endings" : data.chapters[i].title);
    const prev = (this.page - 1 + this.pages) % this.pages;
    const next = (this.page + 1) % this.pages;
    $("map-prev").setAttribute("aria-label", `Previous: ${titleOf(prev)}`);
    $("map-next").setAttribute("aria-label", `Next: ${titleOf(next)}`);
    $("map-chapter").textContent = titleOf(this.page);
    $("map-count").textContent = `${this.page + 1} of ${this.pages}`;
    $("map-scenes").hidden = !chapter;
    $("map-endings").hidden = !!chapter;
    if (chapter) {
      const earlier = chapter.earlier ? ` Earlier runs found ${chapter.earlier} more.` : "";
      $("map-note").textContent = chapter.reached || chapter.earlier
        ? `This run found ${chapter.found} of the ${chapter.total} scenes of this chapter.${earlier}` +
          (chapter.found + chapter.earlier < chapter.total ? " The faint ones are not yet found." : "")
        : `A chapter not yet reached, with ${chapter.total} scenes in it.`;
      $("map-scenes").replaceChildren(...chapter.scenes.map(sceneItem));
      $("map-scenes").setAttribute("aria-label", `Scenes of ${chapter.title}`);
      this.showHere();
    } else {
      const total = data.endings.length;
      $("map-note").textContent = `Found ${data.endings_found} of ${total}. Each one not yet found has a hint.`;
      $("map-endings").replaceChildren(...data.endings.map(endingItem));
    }
  }
}

function sceneItem(scene) {
  const li = document.createElement("li");
  li.className = `scene ${scene.state}`;
  const dot = document.createElement("span");
  dot.className = "dot";
  dot.setAttribute("aria-hidden", "true");
  const name = document.createElement("span");
  name.className = "name";
  if (scene.state === "unseen") {
    name.textContent = "A scene not yet found";
    li.append(dot, name);
    return li;
  }
  name.textContent = smarten(scene.title);
  const comma = document.createElement("span");
  comma.className = "sr";
  comma.textContent = ", ";
  const how = document.createElement("span");
  how.className = scene.state === "here" ? "how" : "how sr";
  how.textContent = `${STATE_WORDS[scene.state]}${scene.ending ? ", an ending" : ""}`;
  li.append(dot, name, comma, how);
  if (scene.state === "here") li.setAttribute("aria-current", "location");
  return li;
}

function endingItem(ending) {
  const li = document.createElement("li");
  const t = document.createElement("p");
  t.className = ending.found ? "found" : "locked";
  t.textContent = smarten(ending.title);
  const d = document.createElement("p");
  d.className = "excerpt";
  d.textContent = smarten(ending.note);
  li.append(t, d);
  return li;
}
