"""Save pictures: a small PNG of the page beside each save (1.yaml -> 1.png), never inside the save file.

A save stays plain data the engine reads (and another front end can load); its picture is the
window's business. A missing, half-written or broken picture costs only the picture: `read`
answers None and the list draws a plain frame. Pictures are written like saves, through a temp
file and os.replace, and move along with the autosaves they belong to.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pygame

from game.engine.files import remove_leftovers

SIZE = (256, 144)  # 16:9, drawn smaller in the list
AUTOSAVES = 3


def path_for(save: Path) -> Path:
    return save.with_suffix(".png")


def write(save: Path, window: pygame.Surface) -> str | None:
    """Keep a picture of `window` for the save at `save`. None, or why it could not be written."""
    target = path_for(save)
    # named as the saves' own temporary files are (.NAME.PID.tmp), so the saves folder's tidying removes one a killed
    # game left behind; the format is given by name, as the file's own name no longer ends in .png
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    remove_leftovers(target.parent, ".*.tmp.png")  # what versions before this one left: no process id in the name
    try:
        small = pygame.transform.smoothscale(window.convert() if pygame.display.get_surface() else window, SIZE)
        with open(tmp, "wb") as out:
            pygame.image.save(small, out, "png")
        os.replace(tmp, target)
    except (pygame.error, OSError, ValueError) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        return f"{target}: the save's picture could not be written ({exc})"
    return None


def read(save: Path) -> pygame.Surface | None:
    """The save's picture, or None when there is none or it will not load."""
    try:
        picture = pygame.image.load(str(path_for(save)))
    except (pygame.error, OSError, ValueError, FileNotFoundError):
        return None
    w, h = picture.get_size()
    return picture if 16 <= w <= 2048 and 9 <= h <= 2048 else None


def move_autos_along(folder: Path) -> None:
    """Before an autosave: auto-2.png -> auto-3.png, auto-1.png -> auto-2.png, as SaveStore moves the saves."""
    for n in range(AUTOSAVES - 1, 0, -1):
        with contextlib.suppress(OSError):
            os.replace(folder / f"auto-{n}.png", folder / f"auto-{n + 1}.png")


def remove(save: Path) -> None:
    with contextlib.suppress(OSError):
        path_for(save).unlink()


class Pictures:
    """Pictures as the list draws them, read once per file version (path, size, mtime)."""

    def __init__(self) -> None:
        self._cache: dict[Path, tuple[tuple[int, float], pygame.Surface | None]] = {}

    def get(self, save: Path) -> pygame.Surface | None:
        path = path_for(save)
        try:
            st = path.stat()
            stamp = (st.st_size, st.st_mtime)
        except OSError:
            return None
        cached = self._cache.get(save)
        if cached is None or cached[0] != stamp:
            cached = (stamp, read(save))
            self._cache[save] = cached
        return cached[1]
