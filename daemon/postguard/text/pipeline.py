"""Build the spaCy pipeline from nlp_models/pipeline.cfg, once per process."""

from __future__ import annotations

import time
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Config

from postguard.settings import Settings
from postguard.text.patterns import PatternData
from postguard.text.recognizers.base import Recognizer, TextContext

ROSTER_KEY = "postguard_roster"  # doc.user_data: the RosterIndex to check against
IMAGES_KEY = "postguard_has_images"
HITS_KEY = "postguard_hits"  # doc.user_data: the recognizers' hits


class RecognizersComponent:
    """Runs every registered recognizer over a doc, in registry order."""

    def __init__(self, patterns: PatternData, recognizers: list[Recognizer]):
        self.patterns = patterns
        self.recognizers = recognizers

    def __call__(self, doc: Doc) -> Doc:
        roster = doc.user_data.get(ROSTER_KEY)
        if roster is None:
            raise ValueError("No roster: create docs with TextAnalyzer, which attaches the roster.")
        ctx = TextContext(
            text=doc.text,
            doc=doc,
            roster=roster,
            patterns=self.patterns,
            sentences=[(s.start_char, s.end_char) for s in doc.sents],
            has_images=bool(doc.user_data.get(IMAGES_KEY)),
        )
        for recognizer in self.recognizers:
            ctx.hits.extend(recognizer.find(ctx))
        doc.user_data[HITS_KEY] = ctx.hits
        return doc


@Language.factory("postguard_recognizers", default_config={"patterns_dir": ""})
def make_recognizers(nlp: Language, name: str, *, patterns_dir: str) -> RecognizersComponent:
    from postguard.text.recognizers.registry import RECOGNIZERS

    return RecognizersComponent(PatternData(Path(patterns_dir)), [cls() for cls in RECOGNIZERS])


def load_pipeline(settings: Settings) -> Language:
    """Load the base model with only the components the checker needs, then add ours."""
    config_path = settings.nlp_models_dir / "pipeline.cfg"
    config = Config().from_disk(config_path)
    base = config["base"]
    started = time.perf_counter()
    nlp = spacy.load(base.get("model", settings.spacy_model), exclude=list(base.get("exclude", [])))
    for name, component in config.get("components", {}).items():
        component = dict(component)
        factory = component.pop("factory")
        if factory == "postguard_recognizers":
            component["patterns_dir"] = str(settings.nlp_models_dir)
        nlp.add_pipe(factory, name=name, config=component)
    nlp.meta["postguard_load_seconds"] = time.perf_counter() - started
    return nlp
