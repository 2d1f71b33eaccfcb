"""Build the spaCy pipeline from nlp_models/pipeline.cfg, once per process.

Each check carries its `PostCheck` on `doc._.postguard`: the RecognizerSet of the
consent version in force, the check's own inputs, and (after the pipeline) the hits.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Config

from postguard.settings import Settings
from postguard.text.recognizer_set import RecognizerSet
from postguard.text.recognizers.base import Hit
from postguard.text.resolution import Resolution, ResolutionError

DOC_EXTENSION = "postguard"


@dataclass
class PostCheck:
    """One check's state on `doc._.postguard`."""

    recognizers: RecognizerSet
    has_images: bool = False
    resolved: tuple[Resolution, ...] = ()
    to_original: Callable[[int, int], tuple[int, int]] = lambda s, e: (s, e)
    hits: list[Hit] = field(default_factory=list)  # filled by the recognizers component
    sentences: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of each sentence, ditto
    error: ResolutionError | None = None  # a resolution that fits no mention (checked without any)


def register_extension() -> None:
    if not Doc.has_extension(DOC_EXTENSION):
        Doc.set_extension(DOC_EXTENSION, default=None)


Tagger = Callable[[Doc], None]


def on_demand_tagger(nlp: Language) -> Tagger | None:
    """The loaded but disabled tagger (and the tok2vec it listens to) as one call that sets token tags on a
    doc; None when the pipeline has no tagger."""
    if "tagger" not in nlp.component_names:
        return None
    procs = [nlp.get_pipe(name) for name in ("tok2vec", "tagger") if name in nlp.component_names]

    def tag(doc: Doc) -> None:
        for proc in procs:
            proc(doc)

    return tag


class RecognizersComponent:
    """Runs the doc's RecognizerSet over it and leaves the hits on its PostCheck."""

    def __init__(self, tagger: Tagger | None = None) -> None:
        self.tagger = tagger

    def __call__(self, doc: Doc) -> Doc:
        check: PostCheck | None = doc._.get(DOC_EXTENSION)
        if check is None:
            raise ValueError("No PostCheck on the doc: create docs with TextAnalyzer, which attaches it.")
        check.sentences = [(s.start_char, s.end_char) for s in doc.sents]  # once: long posts have many
        try:
            check.hits = check.recognizers.find(
                doc,
                has_images=check.has_images,
                resolved=check.resolved,
                to_original=check.to_original,
                sentences=check.sentences,
                tagger=self.tagger,
            )
        except ResolutionError as error:  # raised by the analyzer, outside nlp.pipe's batch
            check.error = error
            check.hits = check.recognizers.find(
                doc,
                has_images=check.has_images,
                to_original=check.to_original,
                sentences=check.sentences,
                tagger=self.tagger,
            )
        return doc


@Language.factory("postguard_recognizers")
def make_recognizers(nlp: Language, name: str) -> RecognizersComponent:
    register_extension()
    return RecognizersComponent(on_demand_tagger(nlp))


def load_pipeline(settings: Settings) -> Language:
    """Load the base model with only the components the checker needs, then add ours."""
    register_extension()
    config_path = settings.nlp_models_dir / "pipeline.cfg"
    config = Config().from_disk(config_path)
    base = config["base"]
    started = time.perf_counter()
    nlp = spacy.load(
        base.get("model", settings.spacy_model),
        exclude=list(base.get("exclude", [])),
        disable=list(base.get("disable", [])),
    )
    for name, component in config.get("components", {}).items():
        component = dict(component)
        factory = component.pop("factory")
        nlp.add_pipe(factory, name=name, config=component)
    nlp.meta["postguard_load_seconds"] = time.perf_counter() - started
    return nlp
