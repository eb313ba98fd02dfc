// The story map (the window's map screen, desktop/flowchart.py): a chapter a page, Left/Right or the arrows
// by the heading for the others, the endings last. Each chapter is drawn as the window draws it: its scenes
// in columns by their distance from where the chapter is entered (frontends/maplayout.py), set in rows like
// lines of a page when there are more columns than fit, joined by the ways between them: this run's bright,
// ways between scenes found but not taken quieter, the rest faint. This run's scenes are named and solid,
// earlier runs' named and hollow, the rest faint and nameless; where the player is has a ring.
// The chart is a list (the scenes in reading order, column by column) set out in place over the drawn ways, so
// it is its own text: a screen reader walks the list and hears each scene's state and the ways from it, in
// words, never by colour alone. Up/Down, Home/End walk the scenes; Enter, Space or Continue close the map.
// The bridge builds the data (web/mapview.py) from the engine's own graph and the run's trace.
import * as store from "./store.js";
import { smarten } from "./typography.js";

const $ = (id) => document.getElementById(id);
const SVG = "http://www.w3.org/2000/svg";
const STATE_WORDS = { here: "this run, where I am now", run: "this run", earlier: "an earlier run" };
const LABEL_EMS = 8; // a scene's label column, in the label's own ems: about "The road to Norfolk" (the window's measure)
const SLOT_EMS = 4.2; // the height a scene takes in its column: its dot and two lines of label

export class StoryMap {
  constructor(dialogs) {
    this.dialogs = dialogs;
    this.data = null;
    this.page = 0;
    this.then = null; // what follows the map shown at a chapter's end (the next chapter's card)
    $("map-prev").addEventListener("click", () => this.turn(-1));
    $("map-next").addEventListener("click", () => this.turn(1));
    $("map-done").addEventListener("click", () => this.close());
    $("map-dialog").addEventListener("click", (e) => { if (e.target.closest("[data-close]")) this.close(); });
    $("map-dialog").addEventListener("keydown", (e) => this.onKey(e));
    $("map-dialog").addEventListener("close", () => this.close()); // Escape: the dialog closed itself
    $("map-scenes").addEventListener("focusin", (e) => this.pointAt(e.target.closest("li")));
    this.laidFor = ""; // the page, width and text size the chart was last laid out for
    // Only a change of width (or text size) moves the scenes. The chart's height is the layout's own doing: it
    // grows to the rows laid out, and the observer hears that too; laying out again for it was the same work twice.
    new ResizeObserver(() => { if ($("map-dialog").open && this.data && this.sizeKey() !== this.laidFor) this.layout(); }).observe($("map-chart"));
  }

  get pages() {
    return this.data ? this.data.chapters.length + 1 : 0; // the chapters, then the endings
  }

  /** Open the map: at the run's own chapter, or at `chapter` just ended (then a Continue leads on to `then`). */
  open(chapter = null, then = null) {
    const app = this.dialogs.app;
    const mem = store.memoriesOf(app.memories, app.meta.id);
    this.data = app.call("story_map", JSON.stringify(mem));
    const at = chapter === null ? -1 : this.data.chapters.findIndex((c) => c.title === chapter);
    this.page = at >= 0 ? at : this.data.here;
    this.then = then;
    $("map-done").textContent = then ? "Continue" : "Back to the story";
    this.draw();
    this.dialogs.show($("map-dialog"));
    this.layout(); // laid out only now the dialog is open and has its size
    $("map-page").focus();
  }

  /** Close the map and go on at once (the next chapter's card, after a chapter's end): at once, so the key or
   * click that closed it is followed by the card, never by a moment with neither open. */
  close() {
    const then = this.then;
    this.then = null;
    if ($("map-dialog").open) $("map-dialog").close();
    if (then) then();
  }

  onKey(e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
      e.preventDefault();
      this.turn(e.key === "ArrowLeft" ? -1 : 1);
      return;
    }
    const items = [...$("map-scenes").children];
    const at = items.indexOf(document.activeElement);
    if (["ArrowDown", "ArrowUp", "Home", "End"].includes(e.key) && items.length && !$("map-chart").hidden) {
      e.preventDefault();
      const next = { ArrowDown: Math.min(items.length - 1, at + 1), ArrowUp: Math.max(0, at < 0 ? items.length - 1 : at - 1),
                     Home: 0, End: items.length - 1 }[e.key];
      items[next].focus();
    } else if ((e.key === "Enter" || e.key === " ") && !(e.target instanceof HTMLButtonElement)) {
      e.preventDefault(); // as in the window: read, then on (Continue, or back to the story)
      this.close();
    }
  }

  turn(step) {
    if (!this.data) return;
    this.page = (this.page + step + this.pages) % this.pages;
    this.draw();
    this.layout();
    const at = document.activeElement; // a scene pointed at has gone with its chapter: the map itself keeps the keys
    if (!at || at === document.body || !at.isConnected || !$("map-dialog").contains(at)) $("map-page").focus();
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
    $("map-chart").hidden = !chapter;
    $("map-endings").hidden = !!chapter;
    if (chapter) {
      const earlier = chapter.earlier ? ` Earlier runs found ${chapter.earlier} more.` : "";
      $("map-note").textContent = chapter.reached || chapter.earlier
        ? `This run found ${chapter.found} of the ${chapter.total} scenes of this chapter.${earlier}` +
          (untakenWays(chapter) ? " The faint paths are the ways not yet taken." : "")
        : `A chapter not yet reached, with ${chapter.total} scenes in it.`;
      const items = chapter.scenes.map((scene, i) => sceneItem(scene, i, chapter));
      const start = items.find((li) => li.hasAttribute("aria-current")) || items[0];
      if (start) start.tabIndex = 0; // one stop in the Tab order; Up and Down walk the rest
      $("map-scenes").replaceChildren(...items);
      $("map-scenes").setAttribute("aria-label", `Scenes of ${chapter.title}, column by column`);
    } else {
      const total = data.endings.length;
      $("map-note").textContent = `Found ${data.endings_found} of ${total}. Each one not yet found has a hint.`;
      $("map-endings").replaceChildren(...data.endings.map(endingItem));
    }
  }

  pointAt(li) {
    if (!li) return;
    for (const other of $("map-scenes").children) other.tabIndex = other === li ? 0 : -1;
  }

  /** What a layout depends on besides the chapter: the page shown, the chart's width and the scenes' text size. */
  sizeKey() {
    return `${this.page} ${$("map-chart").clientWidth} ${getComputedStyle($("map-scenes")).fontSize}`;
  }

  /** Place the scenes and draw the ways for the chart's width, as flowchart.place() sets out the window's. */
  layout() {
    const chapter = this.data && this.data.chapters[this.page];
    if (!chapter || !$("map-dialog").open) return;
    this.laidFor = this.sizeKey();
    const chart = $("map-chart");
    const list = $("map-scenes");
    const items = [...list.children];
    const em = parseFloat(getComputedStyle(list).fontSize) || 16;
    const width = chart.clientWidth;
    const label = Math.min(LABEL_EMS * em, width / 2);
    const pad = label / 2;
    const slot = SLOT_EMS * em;
    const total = chapter.scenes.reduce((n, s) => Math.max(n, s.column + 1), 0);
    const rows = Math.max(1, Math.ceil(total / Math.max(1, Math.floor(width / label))));
    const perRow = Math.max(1, Math.ceil(total / rows));
    const heights = Array(rows).fill(0);
    for (const s of chapter.scenes) heights[Math.floor(s.column / perRow)] = Math.max(heights[Math.floor(s.column / perRow)], s.of * slot);
    const gap = 1.4 * em; // between rows: room for the way that wraps, like a line of text
    const tops = [];
    let y = 0.6 * em;
    for (const h of heights) { tops.push(y); y += h + gap; }
    const height = y - gap + 0.6 * em;
    const points = chapter.scenes.map((s) => {
      const row = Math.floor(s.column / perRow);
      const pos = s.column % perRow;
      return { row, column: s.column, x: pad + ((width - 2 * pad) * (pos + 0.5)) / perRow, y: tops[row] + (heights[row] * (s.place + 0.5)) / s.of };
    });
    items.forEach((li, i) => {
      li.style.left = `${points[i].x - label / 2}px`;
      li.style.top = `${points[i].y}px`;
      li.style.width = `${label}px`;
    });
    list.style.height = `${height}px`;
    drawWays($("map-ways"), chapter, points, { width, height, tops, heights, gap, em });
    const here = list.querySelector("[aria-current]");
    const below = here ? here.offsetTop + here.offsetHeight - chart.clientHeight : 0; // where I am, in view; else the top
    chart.scrollTop = below > 0 ? below + chart.clientHeight / 3 : 0;
  }
}

/** Whether any way not taken is drawn, faint or (between two scenes this run found) quieter, out of the chapter too:
 * the note speaks of them only then (the window's flowchart.untaken_ways). */
function untakenWays(chapter) {
  return chapter.edges.some((w) => w[2] !== "taken") || chapter.exits.some(([, taken]) => !taken);
}

/** The ways between the chapter's scenes and out of it, under the scenes: faint first, taken on top. */
function drawWays(svg, chapter, points, box) {
  const { width, height, tops, heights, gap, em } = box;
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));
  const paths = [];
  const order = { faint: 0, between: 1, taken: 2 };
  const ways = [...chapter.edges].sort((a, b) => order[a[2]] - order[b[2]]);
  for (const [a, b, how] of ways) {
    const pa = points[a];
    const pb = points[b];
    let d;
    if (pb.row > pa.row) { // on to the next row: out to the right margin, back along the gap, in (desktop return_path)
      const mid = tops[pa.row] + heights[pa.row] + gap / 2;
      d = returnPath(pa, pb, width - 0.25 * em, 0.25 * em, mid, Math.min(10, gap / 4));
    } else {
      const span = Math.abs(pb.column - pa.column);
      let lift = span === 1 || pa.row !== pb.row ? 0 : Math.min(heights[pa.row] * 0.3, em * 1.6 * span);
      if (pb.column < pa.column) lift = -lift; // a way back runs below
      const dx = pb.x !== pa.x ? (pb.x - pa.x) * 0.5 : 60;
      d = `M${pa.x} ${pa.y}C${pa.x + dx} ${pa.y - lift} ${pb.x - dx} ${pb.y - lift} ${pb.x} ${pb.y}`;
    }
    paths.push(path(d, `way ${how}`));
  }
  for (const [a, taken] of [...chapter.exits].sort((x, y) => Number(x[1]) - Number(y[1]))) {
    const p = points[a];
    const end = Math.min(width - 2, p.x + 2.2 * em);
    paths.push(path(`M${p.x} ${p.y}H${end}`, `way out ${taken ? "taken" : "faint"}`));
    paths.push(path(`M${end} ${p.y - 4}L${end + 7} ${p.y}L${end} ${p.y + 4}Z`, `arrow ${taken ? "taken" : "faint"}`));
  }
  svg.replaceChildren(...paths);
}

function returnPath(a, b, right, left, mid, r) {
  return `M${a.x} ${a.y}H${right - r}Q${right} ${a.y} ${right} ${a.y + r}V${mid - r}Q${right} ${mid} ${right - r} ${mid}` +
    `H${left + r}Q${left} ${mid} ${left} ${mid + r}V${b.y - r}Q${left} ${b.y} ${left + r} ${b.y}H${b.x}`;
}

function path(d, cls) {
  const p = document.createElementNS(SVG, "path");
  p.setAttribute("d", d);
  p.setAttribute("class", cls);
  return p;
}

/** One scene: its dot and name on the chart, and in words its state and the ways on from it. */
function sceneItem(scene, index, chapter) {
  const li = document.createElement("li");
  li.className = `scene ${scene.state}${scene.ending ? " ending" : ""}`;
  li.dataset.state = scene.state;
  li.tabIndex = -1;
  const dot = document.createElement("span");
  dot.className = "dot";
  dot.setAttribute("aria-hidden", "true");
  const name = document.createElement("span");
  name.className = "name";
  if (scene.state === "unseen") {
    name.classList.add("sr");
    name.textContent = "A scene not yet found";
    li.append(dot, name);
    return li;
  }
  name.textContent = smarten(scene.title);
  const how = document.createElement("span");
  how.className = "sr";
  how.textContent = `, ${STATE_WORDS[scene.state]}${scene.ending ? ", an ending" : ""}. ${waysFrom(index, chapter)}`;
  li.append(dot, name, how);
  if (scene.state === "here") li.setAttribute("aria-current", "location");
  return li;
}

/** The routes from a scene, in words: where this run went on to, and how many ways are left untried. */
function waysFrom(index, chapter) {
  const out = chapter.edges.filter(([a]) => a === index);
  const exits = chapter.exits.filter(([a]) => a === index);
  const went = out.filter((w) => w[2] === "taken").map(([, b]) => smarten(chapter.scenes[b].title));
  if (exits.some(([, taken]) => taken)) went.push("the next chapter");
  const left = out.filter((w) => w[2] !== "taken").length + exits.filter(([, taken]) => !taken).length;
  const parts = [];
  if (went.length) parts.push(`From here I went on to ${list(went)}.`);
  if (left) parts.push(left === 1 ? "One way from here not yet taken." : `${left} ways from here not yet taken.`);
  return parts.join(" ");
}

function list(words) {
  return words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
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
