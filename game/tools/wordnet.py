"""The concrete nouns of a scene's prose, found with WordNet 3.0 (Debian's `wordnet-base`, installed by .ci/run).

The author tools ask "which things on this page can a player not examine?", so they need the
nouns a player would type: `bed`, `pencil case`, `boys`, not `moment`, `felt` or `back`. A word
list written by hand would miss what the next scene names; WordNet is a maintained lexicon that
knows every noun, what kind of thing each sense is (its lexicographer file: noun.artifact,
noun.food, ...) and, in cntlist.rev, how often each sense of each part of speech was met in a
tagged corpus. So a word is a concrete noun when

- WordNet's own morphology (the exception lists noun.exc/verb.exc/adj.exc and the detachment
  rules of morphy(7WN)) takes it to a noun lemma, and most of that lemma's tagged noun uses are
  concrete senses (the first sense decides when none is tagged);
- it is used as a noun here: a determiner or possessive stands before it (`the felt`), or its noun
  uses outnumber its uses as a verb, adjective or adverb (`felt` alone is the verb `feel`).

Two-word compounds WordNet lists (`pencil case`) are found as one noun. Closed-class words
(pronouns, modals, prepositions) are not in WordNet's parts of speech, so a short list of them
keeps `can` and `will` from being read as tins and testaments: that is grammar, not a noun list.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

WORDNET_DIR = Path(os.environ.get("NLMG_WORDNET", "/usr/share/wordnet"))
MISSING = ("WordNet is not installed (no {dir}): nouns cannot be found; "
           "install Debian's wordnet-base (`apt-get install wordnet-base`, as .ci/run does)")

# Lexicographer files (lexnames(5WN)) whose senses are things a player could look at.
CONCRETE: dict[int, str] = {
    5: "noun.animal",
    6: "noun.artifact",
    8: "noun.body",
    13: "noun.food",
    17: "noun.object",
    18: "noun.person",  # `the boys`, `a guardian` are there to be looked at
    20: "noun.plant",
    27: "noun.substance",
}
DETERMINERS = frozenset(str.split("""
the a an my your his her its our their this that these those some any another every each no
"""))
CLOSED_CLASS = frozenset(str.split("""
i me you he him she her it we us they them my mine your yours his hers its our ours their theirs
myself yourself himself herself itself ourselves themselves one ones can could will would shall should may
might must do does did done be been being am is are was were has have had not no nor and or but if
then than so as at by in on of off to up for from with into onto over under about after before
again also ever even just yet still all any some each every both either neither own such very too
nobody somebody anybody everybody someone anyone everyone nothing something anything everything
"""))
# morphy(7WN): suffix -> replacement, tried in order for each part of speech
_RULES = {
    "n": (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"), ("ies", "y")),
    "v": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "r": (),
}
_POS_NUMBER = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}
_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


@dataclass(frozen=True, slots=True)
class Found:
    """A concrete noun met in a text: as written (`boys`), its WordNet lemma (`boy`), where it starts."""

    text: str
    lemma: str
    start: int


class WordNet:
    """The parts of WordNet 3.0 the noun finder reads, loaded once from its database files."""

    def __init__(self, folder: Path = WORDNET_DIR):
        self.folder = folder
        self.lemmas: dict[str, set[str]] = {p: set() for p in _FILES}
        self.first_offset: dict[str, int] = {}  # noun lemma -> byte offset of its first (most frequent) synset
        for pos, name in _FILES.items():
            with open(folder / f"index.{name}", encoding="utf-8") as f:
                lemmas = self.lemmas[pos]
                for line in f:
                    if line.startswith(" "):
                        continue  # the licence at the head of each file
                    fields = line.split(" ", 1)
                    lemmas.add(fields[0])
                    if pos == "n":
                        self.first_offset[fields[0]] = int(line.split()[-1])
        self.exceptions: dict[str, dict[str, list[str]]] = {p: {} for p in _FILES}
        for pos, name in _FILES.items():
            with open(folder / f"{name}.exc", encoding="utf-8") as f:
                for line in f:
                    form, *bases = line.split()
                    self.exceptions[pos][form] = bases
        # lemma -> {pos: tagged uses}, and noun lemma -> {lexicographer file: tagged uses}
        self.counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.noun_files: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        with open(folder / "cntlist.rev", encoding="utf-8") as f:
            for line in f:
                sense_key, _, count = line.split()
                lemma, _, rest = sense_key.partition("%")
                pos = _POS_NUMBER.get(rest[:1], "")
                if not pos:
                    continue
                self.counts[lemma][pos] += int(count)
                if pos == "n":
                    self.noun_files[lemma][int(rest.split(":")[1])] += int(count)

    def morphy(self, word: str, pos: str = "n") -> list[str]:
        """The lemmas of `pos` a written form may be (`children` -> child, `boxes` -> box), as morphy(7WN) finds them."""
        lemmas = self.lemmas[pos]
        out = [b for b in self.exceptions[pos].get(word, ()) if b in lemmas]
        if word in lemmas:
            out.append(word)
        for suffix, repl in _RULES[pos]:
            if word.endswith(suffix) and len(word) > len(suffix):
                base = word[: -len(suffix)] + repl
                if base in lemmas:
                    out.append(base)
        return list(dict.fromkeys(out))

    def lexfile(self, lemma: str) -> int:
        """The lexicographer file of a noun lemma's first sense, read from data.noun at its byte offset."""
        with open(self.folder / "data.noun", "rb") as f:
            f.seek(self.first_offset[lemma])
            return int(f.readline().split()[1])

    def concrete(self, lemma: str) -> bool:
        """Most of its tagged noun uses are concrete senses; untagged, its first sense is."""
        files = self.noun_files.get(lemma)
        if files:
            return 2 * sum(n for f, n in files.items() if f in CONCRETE) > sum(files.values())
        return self.lexfile(lemma) in CONCRETE

    def noun_uses(self, word: str) -> tuple[int, int, int]:
        """Tagged uses of a written form, through morphology: (as a noun, as a verb, as an adjective or adverb)."""
        def uses(pos: str) -> int:
            return sum(self.counts[lem][pos] for lem in self.morphy(word, pos) if lem in self.counts)

        return uses("n"), uses("v"), uses("a") + uses("r")


@lru_cache(maxsize=2)
def load(folder: str = str(WORDNET_DIR)) -> WordNet | None:
    """WordNet from `folder`, once per process; None when it is not installed."""
    path = Path(folder)
    if not (path / "index.noun").is_file():
        return None
    return WordNet(path)


def missing_message(folder: Path = WORDNET_DIR) -> str:
    return MISSING.format(dir=folder)


class NounFinder:
    """Finds the concrete nouns of prose. Remembers each word's verdict: a story repeats its words."""

    def __init__(self, wordnet: WordNet):
        self.wn = wordnet
        self._verdicts: dict[tuple[str, bool], str] = {}

    def noun(self, word: str, after_determiner: bool) -> str:
        """The concrete noun lemma `word` is here, or ""."""
        verdict = self._verdicts.get((word, after_determiner))
        if verdict is None:
            verdict = self._judge(word, after_determiner)
            self._verdicts[(word, after_determiner)] = verdict
        return verdict

    def _judge(self, word: str, after_determiner: bool) -> str:
        if len(word) < 3 or word in CLOSED_CLASS or "'" in word:
            return ""
        lemmas = [lem for lem in self.wn.morphy(word) if self.wn.concrete(lem)]
        if not lemmas:
            return ""
        nouns, verbs, adjectives = self.wn.noun_uses(word)
        # after `the` a verb cannot stand (`the felt`), but an adjective can (`a grey lump`)
        other = adjectives if after_determiner else verbs + adjectives
        if other > nouns:
            return ""
        return lemmas[0].replace("_", " ")

    def adjective(self, word: str) -> bool:
        """Used more as an adjective than a noun: what may stand between `the` and its noun."""
        nouns, _, adjectives = self.wn.noun_uses(word)
        return adjectives > nouns

    def find(self, text: str) -> list[Found]:
        """Every concrete noun of `text` in order, a WordNet compound (`pencil case`) as one."""
        tokens = [(m.group(), m.start()) for m in WORD.finditer(text)]
        out: list[Found] = []
        i = 0
        while i < len(tokens):
            word, start = tokens[i]
            lower = word.lower().strip("'-")
            if word.endswith("'s"):
                lower = ""  # a possessive (Ruth's, the boy's) names an owner, not the thing on the page
            before = [t[0].lower() for t in tokens[max(0, i - 2):i]]
            det = bool(before) and (_determiner(before[-1]) or (
                len(before) == 2 and _determiner(before[0]) and self.adjective(before[1])))  # `the old tape`
            proper = word[:1].isupper() and i > 0 and not text[:start].rstrip().endswith((".", "!", "?", '"'))
            if i + 1 < len(tokens) and lower and not proper:
                nxt = tokens[i + 1][0].lower()
                pair = [lem for lem in self.wn.morphy(f"{lower}_{nxt}") if self.wn.concrete(lem)]
                if pair and text[start + len(word):tokens[i + 1][1]] == " ":
                    out.append(Found(f"{word} {tokens[i + 1][0]}".lower(), pair[0].replace("_", " "), start))
                    i += 2
                    continue
            lemma = self.noun(lower, det) if lower and not proper else ""
            if lemma:
                out.append(Found(lower, lemma, start))
            i += 1
        return out


def _determiner(word: str) -> bool:
    return word in DETERMINERS or word.endswith("'s")


def unique(found: list[Found]) -> list[Found]:
    """The first time each lemma is met: one line per noun in a report."""
    seen: dict[str, Found] = {}
    for f in found:
        seen.setdefault(f.lemma, f)
    return list(seen.values())
