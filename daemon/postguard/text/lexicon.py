"""Word lists that give names their context, loaded once per pattern data from nlp_models/ JSONL."""

from __future__ import annotations

import re
from dataclasses import dataclass

from postguard.text.normalize import fold
from postguard.text.patterns import PatternData


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per pattern data
class Lexicon:
    titles: frozenset[str]  # folded title words ("mrs", "captain")
    honorifics: frozenset[str]  # folded forms of address ("mrs", "dr")
    honorific_re: str  # regex alternation of the honorifics as written: "Mr|Mrs|..." (the one source)
    pupil_titles: frozenset[str]  # role titles pupils hold too ("captain"): a bare first name after one is a pupil
    adult_roles: frozenset[str]
    # Roles only as the head of a compound after a name ("Callum the lifeboat man", "Pat the dinner lady"); not
    # "Amelia, a remarkable young woman" (an adjective before it).
    compound_roles: frozenset[str]
    role_cues: frozenset[str]
    person_cues: frozenset[str]  # role cues that name a person who is not a pupil ("former student")
    family_nouns: frozenset[str]
    word_followers: frozenset[str]
    person_verbs: frozenset[str]
    word_names: frozenset[str]
    count_names: frozenset[str]  # word-names that are count nouns: a bare "teddy was ..." is a name
    animal_nouns: frozenset[str]  # "tortoise", "dog": a name beside one is a pet
    group_nouns: frozenset[str]  # "form", "house": after a class name, the group
    label_cues: frozenset[str]  # "labelled", "banner": a quotation after them is a label, not a title
    # "written on", "sewn into": after a quotation, they make it a label ("LEO M – HERON" written on the strap)
    label_cues_after: frozenset[str]
    staff_teams: frozenset[str]  # "nursery", "office": "Skye and the nursery team" is staff
    street_types: frozenset[str]  # "terrace", "road": "Hope from Bryn Terrace" lives there
    travel_cues: frozenset[str]  # "trip", "visited": "our trip to Skye" is the place
    organisation_nouns: frozenset[str]  # "trust", "service": "Faith from the Samaritans" is a visitor
    adult_predicate_re: re.Pattern[str]  # right after a name: "has worked here for nine years", "retires"
    short_forms: dict[str, tuple[str, ...]]  # folded full first name -> usual short forms as written
    non_pupil_re: re.Pattern[str] | None

    @classmethod
    def load(cls, patterns: PatternData) -> Lexicon:
        def keys(name: str) -> frozenset[str]:
            return frozenset(fold(str(row["text"])) for row in patterns[name])

        phrases = sorted((str(r["text"]) for r in patterns["non_pupil_names"]), key=len, reverse=True)
        non_pupil = None
        if phrases:
            alternation = "|".join(re.escape(p).replace("'", "['’]") for p in phrases)
            # "dressed as Paddingtons": a plural or possessive of the name is still the character.
            non_pupil = re.compile(rf"(?<!\w)(?:{alternation})(?:['’]?s)?(?!\w)", re.IGNORECASE)
        honorifics = sorted((str(r["text"]) for r in patterns["titles"] if r.get("honorific")), key=len, reverse=True)
        return cls(
            titles=keys("titles"),
            honorifics=frozenset(fold(h) for h in honorifics),
            honorific_re="|".join(re.escape(h) for h in honorifics) or r"(?!x)x",
            pupil_titles=frozenset(fold(str(r["text"])) for r in patterns["titles"] if r.get("pupil")),
            adult_roles=frozenset(fold(str(r["text"])) for r in patterns["adult_roles"] if not r.get("compound")),
            compound_roles=frozenset(fold(str(r["text"])) for r in patterns["adult_roles"] if r.get("compound")),
            role_cues=keys("role_cues"),
            person_cues=frozenset(fold(str(r["text"])) for r in patterns["role_cues"] if r.get("person")),
            family_nouns=keys("family_nouns"),
            word_followers=keys("word_sense_followers"),
            person_verbs=keys("person_verbs"),
            word_names=keys("name_words"),
            count_names=frozenset(fold(str(r["text"])) for r in patterns["name_words"] if r.get("count")),
            animal_nouns=keys("animal_nouns"),
            group_nouns=keys("group_nouns"),
            label_cues=frozenset(fold(str(r["text"])) for r in patterns["label_cues"] if not r.get("after")),
            label_cues_after=frozenset(fold(str(r["text"])) for r in patterns["label_cues"] if r.get("after")),
            staff_teams=keys("staff_teams"),
            street_types=keys("street_types"),
            travel_cues=keys("travel_cues"),
            organisation_nouns=keys("organisation_nouns"),
            # As written, so "at [A-Z]" means a named place ("at Meadowbank").
            adult_predicate_re=re.compile(
                r"\s+(?:" + "|".join(f"(?:{r['pattern']})" for r in patterns["adult_predicates"]) + ")"
                if patterns["adult_predicates"]
                else r"(?!x)x"
            ),
            short_forms={fold(str(r["text"])): tuple(str(s) for s in r["short"]) for r in patterns["short_forms"]},
            non_pupil_re=non_pupil,
        )
