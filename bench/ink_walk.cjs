// inkjs for bench_peers.py: compile ink source to ink JSON, or walk a compiled story on request.
//
//   node bench/ink_walk.cjs compile IN.ink OUT.json [--count-all-visits]
//   node bench/ink_walk.cjs serve STORY.json      then, one request a line on stdin: "walk STEPS SEED"
//   node bench/ink_walk.cjs replay STORY.json     stdin {"runs": [[choice index, ...], ...]}: the choices offered
//                                                 at each step of each run, for the test that the graph is ours
//
// serve answers each request with one JSON line {"choices": n, "runs": endings reached, "cpu": seconds}: a random walk as bench_engine's
// (continue to the choices, pick one uniformly, start again at each ending with the next seed), timed in CPU
// seconds of this process, the same clock our walk and bink's use. One process serves every round, so the
// rounds of ours, bink and inkjs can alternate while the story is loaded once.
"use strict";
const fs = require("fs");
const readline = require("readline");
const { Compiler, CompilerOptions, Story } = require("inkjs/full");

function compile(src, out, countAll) {
  const errors = [];
  const options = new CompilerOptions(null, [], countAll, (msg, type) => { if (type === 2) errors.push(msg); });
  let story = null;
  try {
    story = new Compiler(fs.readFileSync(src, "utf-8"), options).Compile();
  } catch (e) {
    errors.push(String(e && e.message));
  }
  if (!story || errors.length) {
    process.stderr.write(`ink_walk: ${src} did not compile: ${errors.slice(0, 5).join("; ")}\n`);
    process.exit(1);
  }
  fs.writeFileSync(out + ".part", story.ToJson());
  fs.renameSync(out + ".part", out);
}

// mulberry32: a small seeded generator, so a walk is the same walk every time.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function restart(story, seed) {
  story.ResetState();
  story.variablesState["run_seed"] = seed;
}

function walk(story, steps, seed) {
  const rand = rng(seed);
  restart(story, seed);
  let done = 0;
  let runs = 0;
  const t = process.cpuUsage();
  while (done < steps) {
    story.ContinueMaximally();
    const n = story.currentChoices.length;
    if (n === 0) {
      runs += 1;
      restart(story, seed + done);
      continue;
    }
    story.ChooseChoiceIndex(Math.floor(rand() * n));
    done += 1;
  }
  const used = process.cpuUsage(t);
  return { choices: done, runs, cpu: (used.user + used.system) / 1e6 };
}

function serve(path) {
  const story = new Story(fs.readFileSync(path, "utf-8").replace(/^\uFEFF/, ""));
  const lines = readline.createInterface({ input: process.stdin });
  process.stdout.write(JSON.stringify({ ready: true }) + "\n");
  lines.on("line", (line) => {
    const [cmd, steps, seed] = line.trim().split(/\s+/);
    if (cmd !== "walk") {
      process.stdout.write(JSON.stringify({ error: `unknown request ${line}` }) + "\n");
      return;
    }
    process.stdout.write(JSON.stringify(walk(story, Number(steps), Number(seed))) + "\n");
  });
}

// Each run from the start with the given choice indices; out: per run, the choice texts offered before each
// choice and after the last (none once an ending is reached).
function replay(path) {
  const story = new Story(fs.readFileSync(path, "utf-8").replace(/^\uFEFF/, ""));
  const runs = JSON.parse(fs.readFileSync(0, "utf-8")).runs;
  const out = runs.map((picks) => {
    restart(story, 1);
    const seen = [];
    for (const i of [...picks, null]) {
      story.ContinueMaximally();
      seen.push(story.currentChoices.map((c) => c.text));
      if (i !== null) story.ChooseChoiceIndex(i);
    }
    return seen;
  });
  process.stdout.write(JSON.stringify({ runs: out }) + "\n");
}

const [mode, a, b, flag] = process.argv.slice(2);
if (mode === "compile") compile(a, b, flag === "--count-all-visits");
else if (mode === "serve") serve(a);
else if (mode === "replay") replay(a);
else {
  process.stderr.write("usage: ink_walk.cjs compile IN.ink OUT.json [--count-all-visits] | serve STORY.json | replay STORY.json\n");
  process.exit(2);
}
