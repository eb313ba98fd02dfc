"""Proof that the window drew: with NLMG_FIRST_FRAME=PATH.png set, the first frame is kept as a picture.

Under SDL's dummy video driver (CI, the standalone build's test, the close-race test) nobody can look
at the window, and "the process is still running" does not prove the title was ever drawn. So when
this variable names a file, the frame the window showed first is written there (whole, by rename)
and one line on standard output says so: `nlmg: first frame drawn (WxH): PATH`. A test waits for that
line, then reads the picture. Unset, as for every player, nothing is written and nothing is said.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

import pygame

ENV = "NLMG_FIRST_FRAME"


def keep(surface: pygame.Surface | None, env: Mapping[str, str] = os.environ) -> Path | None:
    """Write `surface` (the frame on the window now) to the file NLMG_FIRST_FRAME names, and say so."""
    target = env.get(ENV, "").strip()
    if not target or surface is None:
        return None
    path = Path(target)
    part = path.with_name(f".{path.stem}.{os.getpid()}.part{path.suffix or '.png'}")  # pygame picks the format by suffix
    try:
        pygame.image.save(surface, str(part))
        os.replace(part, path)
    except (pygame.error, OSError) as exc:
        print(f"nlmg: the first frame could not be kept in {path} ({exc})", file=sys.stderr)
        return None
    w, h = surface.get_size()
    print(f"nlmg: first frame drawn ({w}x{h}): {path}", flush=True)
    return path
