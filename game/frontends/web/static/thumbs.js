// Save pictures, as the window keeps them (desktop/thumbs.py): a small picture of the page beside each save,
// never inside the save file (a save stays plain data any front end loads). The window photographs its own
// frame; a page cannot photograph itself, so this draws the same things small: the place's painting, the
// reading column in the theme's page colour, the scene's title and the first lines of what was on the page.
// Kept in localStorage beside the save (nlmg:thumb:STORY:SLOT), moved along with the autosaves, deleted with
// their save. A missing or refused picture costs only the picture: the list draws a plain frame.
const SIZE = [256, 144]; // the window's, 16:9
const arts = new Map(); // painting url -> a loaded Image, so a picture is drawn at once, never waiting for a file

/** Start loading the painting the page shows now (called as the place changes), so a save can draw it at once. */
export function preload() {
  const url = artUrl();
  if (url && !arts.has(url)) {
    const img = new Image();
    img.src = url;
    arts.set(url, img);
  }
}

function artUrl() {
  const raw = getComputedStyle(document.body).getPropertyValue("--art");
  const m = /url\(["']?([^"')]+)["']?\)/.exec(raw || "");
  return m ? new URL(m[1], document.baseURI).href : null;
}

/** The page as a small JPEG (a data: URL), or null when the browser will not draw one. */
export function picture(play) {
  try {
    const [w, h] = SIZE;
    const canvas = document.createElement("canvas");
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext("2d");
    const css = getComputedStyle(document.body);
    const colour = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
    ctx.fillStyle = "#2c2f3a";
    ctx.fillRect(0, 0, w, h);
    const art = arts.get(artUrl() || "");
    if (art && art.complete && art.naturalWidth) ctx.drawImage(art, 0, 0, w, h);
    const col = { x: Math.round(w * 0.27), w: Math.round(w * 0.46) }; // the reading column, as on the page
    ctx.fillStyle = colour("--page", "#f4efe3");
    ctx.fillRect(col.x, 0, col.w, h);
    const title = play.text.querySelector("h2.scene-title");
    let y = 16;
    if (title) {
      ctx.fillStyle = colour("--accent", "#7a4a3a");
      ctx.font = `10px "EB Garamond", Garamond, serif`;
      ctx.textAlign = "center";
      ctx.fillText(title.textContent, col.x + col.w / 2, y, col.w - 10);
      y += 14;
    }
    ctx.fillStyle = colour("--ink", "#2a2622");
    ctx.font = `6.5px "EB Garamond", Garamond, serif`;
    ctx.textAlign = "left";
    const words = [...play.text.querySelectorAll("p")].map((p) => p.textContent).join(" ").split(/\s+/);
    let line = "";
    for (const word of words) {
      const next = line ? `${line} ${word}` : word;
      if (ctx.measureText(next).width > col.w - 12 && line) {
        ctx.fillText(line, col.x + 6, y);
        y += 8;
        line = word;
        if (y > h - 6) break;
      } else {
        line = next;
      }
    }
    if (y <= h - 6 && line) ctx.fillText(line, col.x + 6, y);
    return canvas.toDataURL("image/jpeg", 0.72);
  } catch {
    return null;
  }
}
