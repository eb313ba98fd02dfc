"""The story engine: pure Python and PyYAML, no pygame, no printing.

Pipeline, by module: yamlpos (safe YAML with positions) -> reader (one file to checked records)
-> build (records to the frozen model, whole-story checks) -> loader (folders, cache) ->
engine (the state machine; commands reads typed lines) -> run (a run being played: its Recording,
history; rollback its undo, redo and going back) -> saves (files) and replay (watching a run again).
"""

from game.engine.diagnostics import Diagnostic, Pos, StoryError
from game.engine.engine import Engine, Outcome, RunError, View
from game.engine.loader import check_story, load_story, load_story_from_texts
from game.engine.model import Story
from game.engine.recording import Input, Recording
from game.engine.run import LogEntry, ReplayStop, Run
from game.engine.state import GameState

__all__ = [
    "Diagnostic",
    "Engine",
    "GameState",
    "Input",
    "LogEntry",
    "Outcome",
    "Pos",
    "Recording",
    "ReplayStop",
    "Run",
    "RunError",
    "Story",
    "StoryError",
    "View",
    "check_story",
    "load_story",
    "load_story_from_texts",
]
