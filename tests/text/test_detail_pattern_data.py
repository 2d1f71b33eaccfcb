"""The detail recognizers' pattern data (nlp_models/*.jsonl) is reviewed as data: every row must
load, carry a text, use a kind the code reads, and appear once."""

from pathlib import Path

import pytest

from postguard.text.patterns import PatternData

REPO = Path(__file__).resolve().parents[2]

KINDS = {
    "street_types": {None},
    "contact_cues": {"institutional", "personal", "institutional_domain", "institution_name"},
    "class_cues": {"link", "role", "other_person", "group"},
    "health_terms": {
        "term",
        "allergen",
        "org_word",
        "generic_before",
        "injury_verb",
        "body_part",
        "job_word",
        "job_before",
        "team_word",
        "thing_after",
    },
    "future_cues": {"future", "past", "adult_event", "place_noun", "place_suffix", "school_place"},
}


@pytest.mark.parametrize("name", sorted(KINDS))
def test_pattern_file_rows_are_well_formed(name):
    rows = PatternData(REPO / "nlp_models")[name]
    assert rows, f"{name}.jsonl is empty"
    seen = set()
    for row in rows:
        assert isinstance(row.get("text"), str) and row["text"].strip() == row["text"] != ""
        assert row.get("kind") in KINDS[name], row
        key = (row.get("kind"), row["text"] if row.get("case") == "exact" else row["text"].lower())
        assert key not in seen, f"duplicate row in {name}.jsonl: {row}"
        seen.add(key)


def test_health_acronyms_are_marked_case_exact():
    # "SEND" the need vs "send" the verb: an all-capitals term must only match in capitals.
    rows = PatternData(REPO / "nlp_models")["health_terms"]
    for row in rows:
        if row.get("kind") == "term" and len(row["text"]) <= 5 and row["text"].isupper():
            assert row.get("case") == "exact", row
