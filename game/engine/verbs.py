"""The verbs a player may type: every phrase that means each one, and how the parser treats it.

Grammar is data, as in Inform's Standard Rules ("Understand the commands "hug" and "embrace" as
"kiss""): a phrase maps to one canonical verb, and the canonical verb decides what kind of
sentence it heads (a verb alone, a verb and a thing, talking to a person, moving). An author's
action may use any phrase; it then answers every phrase of the same verb.
"""

from __future__ import annotations

# canonical verb: every phrase that means it (the first is how replies and docs name it)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "look": ("look", "l", "look around", "where am i", "where am i now", "where are we", "where are we now", "where was i"),
    "examine": ("examine", "x", "look at", "inspect", "check", "study", "look closely at", "describe", "view",
                "look out of", "look out", "stare at", "gaze at", "peer at", "stare out of", "stare out", "gaze out of",
                "gaze out", "peer out of", "peer through", "look through window"),
    "look under": ("look under", "look beneath", "look underneath"),
    "look behind": ("look behind",),
    "search": ("search", "rummage", "rummage in", "go through"),
    "take": ("take", "get", "grab", "pick up", "pick", "collect", "keep", "steal"),
    "drop": ("drop", "put down", "leave behind", "discard", "throw away"),
    "give": ("give", "hand", "offer"),
    "show": ("show", "present"),
    "put": ("put", "place", "insert", "set"),
    "open": ("open", "unwrap", "unlock", "lift lid"),
    "close": ("close", "shut", "cover"),
    "push": ("push", "press", "shove", "shift"),
    "pull": ("pull", "drag", "tug"),
    "touch": ("touch", "feel", "stroke", "pat", "rub"),
    "smell": ("smell", "sniff"),
    "listen": ("listen", "listen to", "hear"),
    "taste": ("taste", "lick"),
    "eat": ("eat", "bite"),
    "drink": ("drink", "sip"),
    "play": ("play", "play with", "put on"),
    "knock": ("knock", "knock on", "knock at", "rap on", "tap on"),
    "smoke": ("smoke", "light cigarette", "have cigarette", "smoke cigarette", "have fag", "roll cigarette"),
    "switch off": ("switch off", "turn off", "switch out", "put out", "turn out", "blow out"),
    "sit": ("sit", "sit down", "sit on", "sit in", "sit next to", "sit beside", "sit by", "sit with"),
    "stand": ("stand", "stand up", "get up"),
    "lie down": ("lie down", "lie", "lie on", "lie down next to", "lie down beside", "lie down with", "lie next to",
                  "lie beside", "lie with"),
    "sleep": ("sleep", "nap", "rest", "doze"),
    "wait": ("wait", "z", "wait for"),
    "think": ("think", "ponder", "consider", "reflect", "think about", "think of", "why", "wonder", "wonder about"),
    "remember": ("remember", "recall", "reminisce", "remember about"),
    "sing": ("sing", "hum", "whistle"),
    "cry": ("cry", "weep", "sob"),
    "laugh": ("laugh", "smile", "giggle", "grin", "laugh at", "smile at", "grin at", "giggle at", "laugh with"),
    "jump": ("jump", "hop", "skip"),
    "dance": ("dance", "sway", "dance with"),
    "shout": ("shout", "scream", "yell", "call out", "shout at"),
    "hug": ("hug", "embrace", "cuddle", "hold hands with", "comfort", "hold hands", "hold hand", "take hand",
            "take hand of", "hold hand of", "put arm round", "put arms round"),
    "kiss": ("kiss",),
    "love": ("love", "adore", "i love you", "say i love you", "i love", "tell i love"),
    "wave": ("wave", "wave to", "wave at"),
    "attack": ("attack", "hit", "kick", "break", "smash", "punch", "slap", "tear", "rip"),
    "climb": ("climb", "climb up", "climb over"),
    "buy": ("buy", "purchase", "spend"),
    "write": ("write", "draw", "write on", "draw on", "write to", "sketch", "doodle", "scribble", "write down"),
    "make": ("make", "brew", "cook", "put kettle on", "boil kettle", "make up"),
    "wash": ("wash", "wash up", "have wash", "have bath", "bathe", "clean", "wipe", "tidy", "tidy up", "do washing up"),
    "dress": ("dress", "get dressed", "get changed", "change clothes", "undress", "put on coat", "take off coat"),
    "forgive": ("forgive", "pardon", "make up with", "make it up with", "make peace with"),
    "thank": ("thank", "thanks", "thank you", "say thank you", "say thank you to", "say thanks to"),
    "pray": ("pray",),
    "hide": ("hide", "hide behind", "hide under", "hide in", "hide from", "hide myself", "take cover", "crouch",
             "crouch down", "keep out of sight"),
    "yes": ("yes", "y", "agree", "nod"),
    "no": ("no", "disagree", "shake head"),
    "sorry": ("sorry", "apologise", "apologize"),
    "hello": ("hello", "hi", "greet", "say hello", "say hello to", "good morning", "good afternoon"),
    "goodbye": ("goodbye", "bye", "say goodbye", "say goodbye to", "farewell", "good night", "goodnight", "say good night to"),
    "say": ("say", "answer", "reply", "whisper", "mention"),
    "talk": ("talk", "talk to", "talk with", "speak", "speak to", "speak with", "chat", "chat with"),
    "ask": ("ask",),
    "tell": ("tell", "inform"),
    "follow": ("follow", "go after", "chase"),
    "go": ("go", "walk", "run", "head", "go to", "walk to", "run to", "go back", "go into", "go out", "go down",
           "go up", "go over", "come", "step", "get out", "get out of", "drive", "drive off", "drive on", "drive to"),
    "again": ("again", "g"),
    "inventory": ("inventory", "i", "inv", "pockets", "what do i have"),
    "help": ("help", "h", "?", "commands", "what can i do", "what do i do", "what now", "what next", "options", "exits",
             "where can i go", "verbs"),
    "hint": ("hint", "hints", "clue", "give me hint", "i'm stuck", "stuck", "what should i do", "what should i try"),
}
BUILTIN_VERBS = ("look", "examine", "inventory", "help")

# Phrases that stay verbs of their own for an author's actions (an action with `verbs: [read]` is
# not taken by `examine`), but whose default reply is another verb's: `read letter` examines it.
ANSWERED_AS: dict[str, str] = {
    "read": "examine", "watch": "examine", "look in": "search", "look into": "search", "look through": "search",
    "feel in": "search", "leave": "go", "enter": "go", "return": "go", "exit": "go", "cross": "go",
    "move": "push", "pay": "buy", "pay for": "buy", "call": "shout", "hold": "hug",
    "help": "hug", "support": "hug", "steady": "hug", "turn": "push", "throw": "drop", "wear": "take", "pack": "take",
    "switch on": "switch off", "turn on": "switch off", "share": "give", "pass": "give", "warm": "touch", "squeeze": "hug",
    # a question about a person or a thing: one here is looked at, one not here is answered with where they are
    "where is": "examine", "where's": "examine", "where are": "examine", "where was": "examine",
    "who is": "examine", "who's": "examine", "who was": "examine", "who were": "examine", "what is": "examine",
    "what's": "examine", "what was": "examine", "what are": "examine", "what were": "examine",
    "what happened to": "examine", "what became of": "examine", "tell me about": "examine",
    # keeping quiet is a choice in many scenes; typed where it is not one, it is waiting to see what comes
    "say nothing": "wait", "keep quiet": "wait", "be quiet": "wait", "stay quiet": "wait", "keep silent": "wait",
    "stay silent": "wait", "hold tongue": "wait", "shut up": "wait",
    # what the body does in a pause is the moment's waiting: a sigh, a breath, a shrug, stopping the car
    "sigh": "wait", "breathe": "wait", "take deep breath": "wait", "take breath": "wait", "breathe deeply": "wait",
    "breathe in": "wait", "shrug": "wait", "cough": "wait", "clear throat": "wait", "pause": "wait", "hesitate": "wait", "stop": "wait", "stop car": "wait",
    # looking up or round, or opening one's eyes, is looking about; closing them is where the memories are
    "look up": "look", "look down": "look", "look round": "look", "look about": "look", "glance round": "look",
    "glance around": "look", "open eyes": "look", "look up at": "examine", "look down at": "examine",
    "close eyes": "remember", "shut eyes": "remember",
    "go to sleep": "sleep", "fall asleep": "sleep", "get sleep": "sleep", "yawn": "sleep",
    "stretch": "stand", "wake up": "stand", "fight": "attack",
    "shiver": "dress", "feel cold": "dress", "button up": "dress", "do up coat": "dress",  # the moment's coat, or jumper
}

# Verbs that need nothing after them; a thing after them is allowed (sit on the bench) but not needed.
ALONE = frozenset({
    "look", "wait", "think", "remember", "sing", "cry", "laugh", "jump", "dance", "shout", "sleep", "sit",
    "stand", "lie down", "yes", "no", "sorry", "hello", "goodbye", "listen", "smell", "wave", "again",
    "inventory", "help", "hint", "go", "pray", "wash", "dress", "make", "write", "thank", "love", "eat", "drink", "smoke", "knock",
    "hide",
})
# Verbs whose object is usually a person: talk to, ask, tell, follow, hug, kiss.
PERSONAL = frozenset({"talk", "ask", "tell", "follow", "hug", "kiss", "hello", "goodbye", "forgive", "thank", "love"})
# Questions about where someone is: a person away is answered with where they are, before any line about them here.
WHEREABOUTS = frozenset({"where is", "where's", "where are", "where was", "what happened to", "what became of"})
# Verbs of the mind: `think about X`, `remember X` answer with X itself (its line here, or where they are now).
MIND = frozenset({"think", "remember"})
# Verbs whose object need not be in sight, because it is made, written or done to Kathy herself (`make tea`, `write a
# letter`, `wash my hands`): with nothing of that name here they get the verb's own line, never "I couldn't see".
MAKING = frozenset({"make", "write", "wash", "dress"})
# Verbs the moment can answer without their object: `sit on the bed`, `wait for the bus`, `drink tea` with no bed, bus
# or tea here get the verb's own line for the moment (sitting, waiting, nothing to drink), never "I couldn't see
# anything like that"; `turn off the light` with no light is the `no_switch` response (there was none to turn off).
# `examine`, `take`, `open` and the rest still say the thing is not there.
WITHOUT_OBJECT = frozenset({"sit", "stand", "lie down", "sleep", "wait", "listen", "smell", "jump", "dance", "cry", "laugh",
                            "pray", "shout", "wave", "play", "eat", "drink", "smoke", "hide"})
# Movement: a line with one of these may take the choice that moves where it names.
MOVING = frozenset({"go", "follow", "climb"})
# The words of a movement phrase, to strip before matching a place ("go down to the field" -> field).
MOVE_WORDS = frozenset({"go", "walk", "run", "leave", "enter", "return", "head", "back", "exit", "step", "cross",
                        "follow", "come", "after", "chase", "climb", "drive"})
# A person's replies may be written for these verbs (people: ruth: replies: {hug: ...}).
PERSON_VERBS = ("hug", "kiss", "follow", "wave", "give", "show", "touch", "take", "push", "pull", "smell",
                "listen", "hello", "goodbye", "sorry", "say", "shout", "laugh", "dance", "attack", "yes", "no", "forgive",
                "thank", "write", "love", "lie down", "sit")

# How a verb an author wrote alone reads before a thing, when Kathy names it (`I might talk to Tommy`): hint.
TO_THING = {"talk": "talk to", "listen": "listen to", "look": "look at", "wait": "wait for", "sit": "sit on",
            "speak": "speak to", "chat": "chat with", "wave": "wave to", "shout": "shout at", "laugh": "laugh at"}

CANONICAL: dict[str, str] = {phrase: verb for verb, phrases in SYNONYMS.items() for phrase in phrases}
CANONICAL.update({phrase: phrase for phrase in ANSWERED_AS})
VERB_WORDS: frozenset[str] = frozenset(w for phrase in CANONICAL for w in phrase.split())
