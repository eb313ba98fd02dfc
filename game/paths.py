"""Where the game's files live, whether it runs from its source tree or from an installed wheel.

From a checkout, scenes/, assets/ and saves/ sit beside game/. From a wheel, scenes and assets
are packaged inside game/ (see pyproject.toml), and saves go to the user's data folder.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
SOURCE_TREE = PACKAGE.parent


def from_source_tree() -> bool:
    return (SOURCE_TREE / "pyproject.toml").is_file() and (SOURCE_TREE / "scenes").is_dir()


def scenes_dir() -> Path:
    return SOURCE_TREE / "scenes" if from_source_tree() else PACKAGE / "scenes"


def assets_dir() -> Path:
    return SOURCE_TREE / "assets" if from_source_tree() else PACKAGE / "assets"


def cache_dir(story_root: str | os.PathLike[str]) -> Path | None:
    """Where the loader keeps parsed scene files: NLMG_CACHE (a folder, or "off" for none), else .cache/ beside them.

    Read here, by the front ends and tools, so the engine itself never looks at the environment.
    """
    env = os.environ.get("NLMG_CACHE")
    if env == "off":
        return None
    return Path(env) if env else Path(story_root) / ".cache"


def saves_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """--saves DIR, then NLMG_SAVES, then saves/ in a checkout, then the user's data folder."""
    if override:
        return Path(override)
    env = os.environ.get("NLMG_SAVES")
    if env:
        return Path(env)
    if from_source_tree():
        return SOURCE_TREE / "saves"
    from platformdirs import user_data_dir  # only an installed game needs it: a checkout starts without it

    return Path(user_data_dir("never-let-me-go", appauthor=False)) / "saves"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Settings and the Memories file live beside the saves, so one folder holds all a player's data."""
    return saves_dir(override)
