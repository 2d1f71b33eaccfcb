"""The explicit list of recognizers, in the order they run.

Pupil names run first: detail recognizers may look at `ctx.hits` to decide
whether a detail is tied to a named pupil.
"""

from __future__ import annotations

from postguard.text.recognizers.base import Recognizer

RECOGNIZERS: tuple[type[Recognizer], ...] = ()
