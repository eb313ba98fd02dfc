"""Save files: one readable file per slot, written atomically, read back with every field checked.

A save holds what is needed to rebuild the run exactly (its Recording: story identity and content
hash, seed, inputs) and a snapshot of the state with its fingerprint, so a load can prove the
replay landed where the player was. By module: format (what a save holds; encode and parse),
validation (every field checked; SaveError for anything else) and inputs (the inputs' checks),
store (slots, listing, atomic writes, every save read back before it is kept), rebuild (a save's
recording replayed into a Run) and rename (a header rewritten, nothing replayed).
"""

from game.engine.checkpoints import CHECK_EVERY
from game.engine.saves.format import (
    SAVE_FORMAT,
    SaveError,
    SaveFile,
    SlotInfo,
    dump_save,
    encode_save,
    excerpt_of,
    parse_header,
    save_file,
    state_digest,
    state_hash,
)
from game.engine.saves.rebuild import Loaded, rebuild
from game.engine.saves.rename import renamed
from game.engine.saves.store import INDEX_FILE, SUFFIX, SaveStore, encode_checked, write_atomic
from game.engine.saves.validation import (
    AUTOSAVES,
    MANUAL_SLOTS,
    MAX_SAVE_BYTES,
    check_fingerprint,
    header_info,
    read_header,
    read_save,
    read_save_bytes,
    slot_kind,
)

__all__ = [
    "AUTOSAVES",
    "CHECK_EVERY",
    "INDEX_FILE",
    "MANUAL_SLOTS",
    "MAX_SAVE_BYTES",
    "SAVE_FORMAT",
    "SUFFIX",
    "Loaded",
    "SaveError",
    "SaveFile",
    "SaveStore",
    "SlotInfo",
    "check_fingerprint",
    "dump_save",
    "encode_checked",
    "encode_save",
    "excerpt_of",
    "header_info",
    "parse_header",
    "read_header",
    "read_save",
    "read_save_bytes",
    "rebuild",
    "renamed",
    "save_file",
    "slot_kind",
    "state_digest",
    "state_hash",
    "write_atomic",
]
