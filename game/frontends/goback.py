"""Going back to a moment in the history: what the window and the page both ask first, in the same words.

The question is the story's (the named response `go_back_confirm`, Kathy's, with {done} the moment), so an
author writes it once and each scene may say it its own way; the heading and the two answers are the
interface's plain words. Stay here, the safe answer, is where the focus starts on both. Engine-only imports:
the web edition ships this module to the browser (frontends/web/site.py).
"""

from __future__ import annotations

from game.engine.rollback import finished
from game.engine.run import Run

GO_BACK_HEADING = "Go back?"
GO_BACK_YES = "Go back"
GO_BACK_NO = "Stay here"


def go_back_question(run: Run, index: int) -> str:
    """What the History asks before going back to just before the moment at `run.log[index]`, in the scene's words."""
    return " ".join(run.engine.response(run.state, "go_back_confirm", {"done": finished(run.log[index].text)}))
