"""The pygame desktop front end: a window that draws what the engine says and sends it the player's inputs."""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # no banner on the player's terminal
