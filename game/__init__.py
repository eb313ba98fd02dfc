"""Never Let Me Go: a text adventure, and the scene engine under it."""

__version__ = "0.1.0"
