"""A bound on the named-entity model's work per check.

NER costs time per token, and a draft can be made of tokens one character long
("x\\n" repeated is 20,000 tokens in 20,000 characters; a normal post of that
length has about 4,500). Past `NER_TOKEN_BUDGET` tokens the model reads only the
first ones: the rest is still checked for roster names and details, and a warning
says which part was not read for other people's names.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span

from postguard import policy
from postguard.findings import WARN, Finding

NER_TOKEN_BUDGET = 6_000


def ner_on_prefix(ner: Callable[[Doc], Doc], doc: Doc, budget: int = NER_TOKEN_BUDGET) -> Doc:
    """Run `ner` on doc[:budget] and copy its entities onto `doc`."""
    head = ner(doc[:budget].as_doc())
    doc.set_ents([Span(doc, e.start, e.end, label=e.label) for e in head.ents], default="outside")
    return doc


def partial_finding(start: int, end: int) -> Finding:
    return Finding(
        code="text.partial",
        severity=WARN,
        policy=policy.PERSONAL_INFO,
        start=start,
        end=end,
        message=(
            "This post is made of unusually many very short words or symbols, so PostGuard checked the "
            "marked part for pupils on the consent list and personal details, but could not fully check it "
            "for other people's names. Read the marked part yourself before posting."
        ),
    )
