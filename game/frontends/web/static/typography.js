// Book typography for prose written with a plain keyboard, as the desktop draws it: curly quotes,
// real dashes and ellipses. A port of game/frontends/desktop/typography.py's smarten(); the browser
// tests check the two agree on every line of the story.
const DOUBLE_OPEN = /(^|[\s(\[{—–-])"/g;
const SINGLE_OPEN = /(^|[\s(\[{—–-])'/g;

export function smarten(text) {
  if (!/["'.-]/.test(text)) return text;
  text = text.replaceAll("---", "—").replaceAll(" -- ", " — ").replaceAll("--", "—").replaceAll(" - ", " — ");
  text = text.replaceAll("...", "…");
  text = text.replace(DOUBLE_OPEN, (_, before) => `${before}“`).replaceAll('"', "”");
  text = text.replace(SINGLE_OPEN, (_, before) => `${before}‘`).replaceAll("'", "’");
  return text;
}
