// A small pilot for the system Chromium, for pytest and bench/: one JSON request a line on stdin,
// one JSON answer a line on stdout. puppeteer-core drives /usr/bin/chromium (nothing downloads a
// browser); every host but 127.0.0.1 is unresolvable, so the page can fetch nothing from elsewhere.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import readline from "node:readline";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

let browser = null;
let page = null;
const requests = [];
const problems = [];

const ops = {
  async launch({ executable, profile, width = 1280, height = 800 }) {
    browser = await puppeteer.launch({
      executablePath: executable,
      headless: true,
      args: [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", `--user-data-dir=${profile}`,
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", `--window-size=${width},${height}`,
      ],
      defaultViewport: null,
    });
    return { version: await browser.version() };
  },
  async page({ width = 1280, height = 800, mobile = false, reducedMotion = null }) {
    if (page) await page.close();
    page = await browser.newPage();
    await page.setViewport({ width, height, isMobile: mobile, hasTouch: mobile, deviceScaleFactor: 1 });
    if (reducedMotion) await page.emulateMediaFeatures([{ name: "prefers-reduced-motion", value: reducedMotion }]);
    page.on("request", (r) => requests.push(r.url()));
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
    page.on("requestfailed", (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
    page.on("response", (r) => { if (r.status() >= 400) problems.push(`http ${r.status()}: ${r.url()}`); });
    return {};
  },
  async viewport({ width, height, mobile = false }) {
    // The same tab made another size, as a window resized or a phone turned: the page is kept, not reloaded.
    await page.setViewport({ width, height, isMobile: mobile, hasTouch: mobile, deviceScaleFactor: 1 });
    return {};
  },
  async prepare({ js }) {
    // Run `js` once in this tab, before the first page's own scripts (the tab's sessionStorage remembers it ran).
    await page.evaluateOnNewDocument(`(() => { if (sessionStorage.getItem("pilot-prepared")) return; ` +
      `sessionStorage.setItem("pilot-prepared", "1"); ${js} })()`);
    return {};
  },
  async goto({ url, until = null, timeout = 30000 }) {
    const t0 = Date.now();
    await page.goto(url, { waitUntil: "domcontentloaded", timeout });
    if (until) await page.waitForFunction(until, { timeout, polling: 20 });
    return { ms: Date.now() - t0 };
  },
  async reload({ until = null, timeout = 30000 }) {
    const t0 = Date.now();
    await page.reload({ waitUntil: "domcontentloaded", timeout });
    if (until) await page.waitForFunction(until, { timeout, polling: 20 });
    return { ms: Date.now() - t0 };
  },
  async cpu() {
    // The renderer's CPU time (all its threads, wasm compilation included), from Chromium's own counters:
    // for benchmarks on a shared machine, where the wall clock also counts other people's work.
    if (!page._nlmgCdp) {
      page._nlmgCdp = await page.createCDPSession();
      await page._nlmgCdp.send("Performance.enable", { timeDomain: "threadTicks" });
    }
    const { metrics } = await page._nlmgCdp.send("Performance.getMetrics");
    const get = (name) => metrics.find((m) => m.name === name)?.value;
    return { process: get("ProcessTime"), thread: get("ThreadTime"), task: get("TaskDuration"), script: get("ScriptDuration"),
             layout: get("LayoutDuration"), style: get("RecalcStyleDuration") };
  },
  async eval({ js }) {
    return { value: await page.evaluate(js) };
  },
  async wait({ js, timeout = 10000 }) {
    await page.waitForFunction(js, { timeout, polling: 20 });
    return {};
  },
  async click({ selector }) {
    await page.click(selector);
    return {};
  },
  async tap({ selector }) {
    await page.tap(selector);
    return {};
  },
  async wheel({ x = 640, y = 400, dy = 0 }) {
    await page.mouse.move(x, y);
    await page.mouse.wheel({ deltaY: dy });
    return {};
  },
  async type({ text, delay = 0 }) {
    await page.keyboard.type(text, { delay });
    return {};
  },
  async press({ key }) {
    const parts = key.split("+");
    const main = parts.pop();
    for (const mod of parts) await page.keyboard.down(mod);
    await page.keyboard.press(main);
    for (const mod of parts.reverse()) await page.keyboard.up(mod);
    return {};
  },
  async focused() {
    return { value: await page.evaluate(() => {
      const el = document.activeElement;
      return el ? { tag: el.tagName, id: el.id, text: (el.innerText || el.value || "").slice(0, 80), cls: el.className } : null;
    }) };
  },
  async upload({ selector, path }) {
    const input = await page.$(selector);
    await input.uploadFile(path);
    return {};
  },
  async downloads({ dir }) {
    const cdp = await browser.target().createCDPSession();
    await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: dir });
    return {};
  },
  async screenshot({ path, full = false }) {
    await page.screenshot({ path, fullPage: full });
    return {};
  },
  async axe({ exclude = [] }) {
    if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) await page.evaluate(AXE);
    const result = await page.evaluate(async (exclude) => {
      const r = await window.axe.run({ exclude: exclude.map((s) => [s]) }, { resultTypes: ["violations"] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
    }, exclude);
    return { value: result };
  },
  async spoken() {
    // What assistive technology is given: the names in Chromium's accessibility tree (inert content is left out).
    const names = [];
    const walk = (node) => { if (node.name) names.push(node.name); for (const c of node.children || []) walk(c); };
    walk(await page.accessibility.snapshot({ interestingOnly: false }));
    return { value: names };
  },
  async log() {
    return { requests: requests.splice(0), problems: problems.splice(0) };
  },
  async close() {
    if (browser) await browser.close();
    browser = null;
    return {};
  },
};

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const { op, ...args } = JSON.parse(line);
  let answer;
  try {
    answer = { ok: true, ...(await ops[op](args)) };
  } catch (err) {
    answer = { ok: false, error: String(err && err.stack ? err.stack : err) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
  if (op === "close") break;
}
process.exit(0);
