// The window's ambience on the page: a slow, swelling chord and a little wind for each kind of place,
// made here as the desktop makes it (desktop/sound.py: the same moods, notes, swells and levels, which
// nlmg build-web writes into sound.json), so no sound file ships and nothing is fetched. The wind's
// noise comes from a small seeded generator of our own, so its grain differs from the window's, not
// its character. Browsers let a page make sound only after the player has done something on it: until
// the first key, click or touch nothing is made or started. Volume and Sound follow Settings (the
// desktop's 0-10 volume on its gentle curve, and its on/off switch). Reduced motion leaves the sound
// alone, as in the window; a page the player has put out of sight is quiet until it is back.

const GESTURES = ["pointerdown", "keydown", "touchend"];

export class Ambience {
  constructor(app) {
    this.app = app;
    this.config = null; // sound.json
    this.ctx = null; // made at the first gesture
    this.master = null;
    this.buffers = new Map(); // mood -> AudioBuffer, made once each
    this.playing = null; // { mood, source, gain }
    this.wanted = null; // the mood of where the player is
    this.problem = null;
    this.configLoaded = fetch(`sound.json?v=${app.version}`).then((r) => (r.ok ? r.json() : null)).catch(() => null)
      .then((c) => { this.config = c; this.follow(); });
    const woken = () => {
      for (const g of GESTURES) document.removeEventListener(g, woken, true);
      this.wake();
    };
    for (const g of GESTURES) document.addEventListener(g, woken, true);
    document.addEventListener("visibilitychange", () => {
      if (!this.ctx) return;
      (document.visibilityState === "hidden" ? this.ctx.suspend() : this.ctx.resume()).catch(() => {});
    });
  }

  /** The mood of a place, as desktop/sound.py's mood_for picks it (the places are in sound.json). */
  moodFor(location) {
    if (!this.config) return null;
    const key = (location || "default").toLowerCase();
    return this.config.places[key] || "default";
  }

  /** The mixer's level: 0 when Sound is off, else the volume on the desktop's curve (ears hear in ratios). */
  gain() {
    const s = this.app.settings;
    return s.sound === "off" ? 0 : (Number(s.volume) / 10) ** 1.6;
  }

  /** Where the player is now. The change is made a moment later, never inside the step that moved them:
   * making a new place's loop takes some milliseconds, and the new text comes first. */
  play(location) {
    if (location === this.wanted) return;
    this.wanted = location;
    clearTimeout(this.soon);
    this.soon = setTimeout(() => this.follow(), 30);
  }

  wake() {
    if (this.ctx || !(window.AudioContext || window.webkitAudioContext)) return;
    try {
      this.ctx = new (window.AudioContext || window.webkitAudioContext)();
      this.master = this.ctx.createGain();
      this.master.gain.value = this.gain();
      this.master.connect(this.ctx.destination);
    } catch (err) {
      this.problem = String(err); // no audio here: the game is silent, never broken
      this.ctx = null;
      return;
    }
    this.follow();
  }

  /** Settings changed: the new level at once, and start or stop as Sound is on or off. */
  settingsChanged() {
    if (this.master) this.master.gain.setTargetAtTime(this.gain(), this.ctx.currentTime, 0.05);
    this.follow();
  }

  follow() {
    if (!this.ctx || !this.config || this.wanted === null) return;
    const mood = this.gain() > 0 ? this.moodFor(this.wanted) : null; // silent: nothing is made or kept running
    if ((this.playing && this.playing.mood) === mood) return;
    if (this.ctx.state === "suspended") this.ctx.resume().catch(() => {});
    const fade = this.config.fade_ms / 1000;
    const now = this.ctx.currentTime;
    if (this.playing) {
      const old = this.playing;
      old.gain.gain.cancelScheduledValues(now);
      old.gain.gain.setValueAtTime(old.gain.gain.value, now);
      old.gain.gain.linearRampToValueAtTime(0, now + fade);
      old.source.stop(now + fade + 0.05);
      this.playing = null;
    }
    if (!mood) return;
    try {
      if (!this.buffers.has(mood)) this.buffers.set(mood, this.make(mood));
      const source = this.ctx.createBufferSource();
      source.buffer = this.buffers.get(mood);
      source.loop = true;
      const gain = this.ctx.createGain();
      gain.gain.setValueAtTime(0, now);
      gain.gain.linearRampToValueAtTime(1, now + fade);
      source.connect(gain).connect(this.master);
      source.start(now);
      this.playing = { mood, source, gain };
    } catch (err) {
      this.problem = String(err);
    }
  }

  make(name) {
    const c = this.config;
    const [left, right] = synthesise(c.moods[name], c.period, c.loop_periods, name.length);
    const buffer = this.ctx.createBuffer(2, left.length, c.rate);
    buffer.copyToChannel(left, 0);
    buffer.copyToChannel(right, 1);
    return buffer;
  }
}

/** desktop/sound.py's synthesise: one period per note, tiled with slow swells, wind under it; a seamless stereo loop. */
export function synthesise(mood, period, periods, seed) {
  const total = period * periods;
  const tables = mood.harmonics.map((h) => {
    const w = (2 * Math.PI * h) / period;
    return Float32Array.from({ length: period }, (_, i) => Math.sin(w * i) + 0.18 * Math.sin(2 * w * i));
  });
  const mono = new Float32Array(total);
  for (let s = 0; s < periods; s++) {
    const t = s / periods;
    tables.forEach((table, k) => {
      const g = 0.5 + 0.5 * Math.sin(2 * Math.PI * mood.swell[k] * t + mood.phases[k]);
      const at = s * period;
      for (let i = 0; i < period; i++) mono[at + i] += g * table[i];
    });
  }
  if (mood.wind > 0) {
    const wind = windNoise(total, seed);
    for (let i = 0; i < total; i++) mono[i] += mood.wind * 2.2 * wind[i];
  }
  let peak = 1e-6;
  for (const v of mono) peak = Math.max(peak, Math.abs(v));
  const scale = mood.level / peak;
  const shift = Math.floor((total * 2) / 5); // the right ear hears the same loop later: wide, and free to compute
  const left = new Float32Array(total);
  const right = new Float32Array(total);
  for (let i = 0; i < total; i++) {
    left[i] = mono[i] * scale;
    right[i] = mono[(i + shift) % total] * scale;
  }
  return [left, right];
}

/** Low-passed noise that breathes slowly, made at an eighth of the rate and interpolated up; its end is
 * crossfaded into its start so the loop has no seam (desktop/sound.py's _wind). */
function windNoise(n, seed) {
  const step = 8;
  const m = Math.floor(n / step) + 1;
  const random = mulberry32(seed);
  let low = new Float32Array(m);
  let y = 0;
  for (let i = 0; i < m; i++) {
    y += 0.15 * ((random() - 0.5) - y);
    low[i] = y;
  }
  const fade = Math.floor(m / 10);
  for (let i = 0; i < fade; i++) {
    const a = i / fade;
    low[m - fade + i] = low[m - fade + i] * (1 - a) + low[i] * a;
  }
  low = Float32Array.from([...low.subarray(fade), ...low.subarray(0, fade), low[fade]]);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const j = Math.floor(i / step);
    const v = low[j] + ((low[j + 1] - low[j]) * (i % step)) / step;
    out[i] = v * (0.6 + 0.4 * Math.sin((2 * Math.PI * 2 * i) / n));
  }
  return out;
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
