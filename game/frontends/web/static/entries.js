// How the page draws what the bridge sends: a log entry (a scene's title, its text, a reply, the echo of a
// choice or a typed line) as an element, and a choice as a numbered button in the list of choices.
import { smarten } from "./typography.js";

export function entryElement(kind, text) {
  let el;
  if (kind === "title") {
    el = document.createElement("h2");
    el.className = "scene-title";
  } else if (kind === "text" || kind === "reply") {
    el = document.createElement("p");
    el.className = kind;
  } else if (kind === "choice" || kind === "command") {
    el = document.createElement("p");
    el.className = `echo ${kind}`;
    if (kind === "command") {
      const mark = document.createElement("span");
      mark.className = "prompt";
      mark.setAttribute("aria-hidden", "true");
      mark.textContent = "› ";
      const said = document.createElement("span");
      said.className = "sr";
      said.textContent = "I typed: ";
      el.append(mark, said, smarten(text));
      return el;
    }
  } else {
    return null; // chapter and ending entries are shown by their own screens
  }
  el.textContent = smarten(text);
  return el;
}

export function optionItem(number, option, take) {
  const li = document.createElement("li");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "option";
  button.dataset.id = option.id;
  const badge = document.createElement("span");
  badge.className = "badge";
  badge.setAttribute("aria-hidden", "true");
  badge.textContent = option.enabled ? String(number) : "–";
  const label = document.createElement("span");
  label.className = "label";
  label.textContent = smarten(option.text);
  button.append(badge, label);
  if (!option.enabled) {
    button.setAttribute("aria-disabled", "true");
    const why = document.createElement("span");
    why.className = "why";
    why.textContent = " (not open to me now)";
    button.append(why);
  } else if (number <= 9) {
    button.setAttribute("aria-keyshortcuts", String(number));
  }
  button.addEventListener("click", take);
  li.append(button);
  return li;
}

/** An entry's words as a screen reader is to hear them: without what is drawn for the eye alone (the "›" before a
 * typed line), which the live region would otherwise read out as a punctuation mark's name. */
export function spoken(el) {
  return [...el.childNodes].filter((n) => !(n.nodeType === Node.ELEMENT_NODE && n.getAttribute("aria-hidden") === "true"))
    .map((n) => n.textContent).join("");
}
