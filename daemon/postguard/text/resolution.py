""" "Which Esme?": staff choose the pupil an ambiguous mention means.

A check may carry resolutions `(start, end, pupil)`: code-point offsets of a pupil
mention as the finding gave them (offsets into the text staff typed) and the UPN
chosen from its candidates. That mention, and later mentions of the same name in the
post that could be that pupil, are then taken as that pupil; the pupil's consent
decides the severity.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from postguard.text.names import split_words
from postguard.text.normalize import fold
from postguard.text.recognizers.base import PUPIL, Hit


@dataclass(frozen=True)
class Resolution:
    start: int  # code points into the text as typed
    end: int
    pupil: str  # pupil id (UPN)


MAX_RESOLUTIONS = 100  # more choices than any post has names
MAX_PUPIL_ID_CHARS = 64
_SHAPE = (
    '"resolved" must be a list of {"start", "end", "pupil"} objects: '
    "the offsets of a name as the finding gave them and the UPN of the pupil it means"
)


def parse_resolutions(value: object, text: str) -> list[Resolution]:
    """`[{"start", "end", "pupil"}]` (a check request's or a batch line's `resolved`) -> resolutions.
    The shape only: whether each is a mention of the post is checked with the text (ResolutionError).
    ValueError says what is wrong in plain words."""
    if not isinstance(value, list) or len(value) > MAX_RESOLUTIONS:
        raise ValueError(f"{_SHAPE} (at most {MAX_RESOLUTIONS})")
    out = []
    for item in value:
        if not isinstance(item, dict) or set(item) != {"start", "end", "pupil"}:
            raise ValueError(_SHAPE)
        start, end, pupil = item["start"], item["end"], item["pupil"]
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
            raise ValueError(_SHAPE)
        if not 0 <= start < end <= len(text):
            raise ValueError(f"A chosen name's offsets ({start}–{end}) are outside the post")
        if not isinstance(pupil, str) or not pupil.strip() or len(pupil) > MAX_PUPIL_ID_CHARS:
            raise ValueError(_SHAPE)
        out.append(Resolution(start, end, pupil.strip()))
    return out


class ResolutionError(ValueError):
    """A resolution that does not fit the post: the message is for staff (the server's 400)."""


def _name_key(hit: Hit) -> str:
    words = split_words(hit.surface)
    return fold(words[0]) if words else ""


def apply_resolutions(
    hits: Sequence[Hit], resolutions: Sequence[Resolution], to_original: Callable[[int, int], tuple[int, int]]
) -> None:
    """Narrow pupil hits in place; raise ResolutionError when a resolution fits no mention."""
    if not resolutions:
        return
    pupil_hits = sorted((h for h in hits if h.code == PUPIL), key=lambda h: h.start)
    by_span = {to_original(h.start, h.end): h for h in pupil_hits}
    chosen: list[tuple[Hit, str]] = []
    for r in resolutions:
        target = by_span.get((r.start, r.end))
        if target is None:
            raise ResolutionError(
                f"There is no pupil's name at characters {r.start}–{r.end} of the post (it may have changed "
                "since it was checked). Check the post again and choose the pupil again."
            )
        if r.pupil not in target.pupils and r.pupil not in target.ruled_out:
            raise ResolutionError(
                f"The pupil chosen for “{target.surface}” is not one of the pupils that name could be. "
                "Check the post again and choose from the pupils it lists."
            )
        chosen.append((target, r.pupil))
    # In text order, so a later mention's own choice wins over one carried from an earlier one.
    for target, pupil in sorted(chosen, key=lambda c: c[0].start):
        key = _name_key(target)
        for h in pupil_hits:
            if h is target or (h.start > target.start and pupil in (*h.pupils, *h.ruled_out) and _name_key(h) == key):
                h.pupils, h.resolved, h.ruled_out, h.maybe_other = (pupil,), True, (), False
