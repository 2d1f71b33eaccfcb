"""Detail findings end to end: the real Checker (real pipeline, real SQLite roster in
tests/fixtures/roster.csv), so the tie, escalation and offsets rules are checked together."""

import pytest

THEO = "T100000000012"  # Theo Green, Class 5K, consent given
FREYA = "T100000000013"  # Freya Lindqvist, Class 2G, No Publish


def details(result):
    return {(f.code, f.severity, tuple(f.pupils)) for f in result.findings if f.code.startswith("detail.")}


def test_class_and_health_tied_to_a_named_pupil(roster_checker):
    result = roster_checker.check("Well done to Theo in Class 5K, who has asthma and still ran the whole race!")
    assert details(result) == {
        ("detail.class", "warn", (THEO,)),
        ("detail.health", "block", (THEO,)),  # health about a pupil is always a block
    }
    assert result.verdict == "block"


def test_detail_about_a_no_publish_pupil_blocks(roster_checker):
    result = roster_checker.check("Freya from Class 2G painted the winning picture.")
    assert ("detail.class", "block", (FREYA,)) in details(result)


@pytest.mark.parametrize(
    "text",
    [
        "Our Year 6 leavers' assembly was wonderful. Good luck to all of our Year 6s!",
        "Could parents make sure that children who need inhalers have one in school.",
        "Please call the school office on 01306 880123 with any questions.",
        "After-school clubs start again on Monday 12th January.",
        "Free holiday activities for children aged 5-11 at Dorking Halls this Easter.",
    ],
)
def test_posts_with_no_one_in_them_get_no_detail_warning(roster_checker, text):
    result = roster_checker.check(text)
    assert details(result) == set()
    assert result.verdict in ("ok", "info")


def test_contact_detail_offsets_point_at_the_detail_in_the_original_text(roster_checker):
    text = "Lost teddy 🧸! If found, please ring Sarah on 07700 900214 or email sarah.k@example.com"
    result = roster_checker.check(text)
    found = {f.code: f for f in result.findings if f.code.startswith("detail.")}
    assert set(found) == {"detail.phone", "detail.email"}
    phone, email = found["detail.phone"], found["detail.email"]
    assert text[phone.start : phone.end] == "07700 900214"
    assert text[email.start : email.end] == "sarah.k@example.com"
    # the teddy emoji is two UTF-16 units: UTF-16 offsets run one ahead of code points
    assert (phone.start_utf16, phone.end_utf16) == (phone.start + 1, phone.end + 1)
    assert phone.severity == "warn" and phone.message and phone.policy


def test_future_time_and_place_without_names_still_warns(roster_checker):
    text = "Our choir will be singing on Friday 28th November at 5:30pm at Pump Corner."
    result = roster_checker.check(text)
    (future,) = [f for f in result.findings if f.code == "detail.future"]
    assert text[future.start : future.end] == "on Friday 28th November at 5:30pm at Pump Corner"
    assert future.severity == "warn" and result.verdict == "warn"


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Busy in the garden this week 🌼 Alfie planted seeds.",
            ["Busy in the garden this week 🌼", "Alfie planted seeds."],
        ),
        ("A trip ⚽️ Then home.", ["A trip ⚽️", "Then home."]),
        # must not split: an emoji inside a sentence, or one that no capital follows
        ("Shout out to ⭐Segun⭐ who was a star", ["Shout out to ⭐Segun⭐ who was a star"]),
        ("What a day 🌞 and what a win!", ["What a day 🌞 and what a win!"]),
        ("Class 4B's café (£2) Opens at 9", ["Class 4B's café (£2) Opens at 9"]),
        ("We will be at Alton Towers 🎢 Friday from 9am", ["We will be at Alton Towers 🎢 Friday from 9am"]),
    ],
)
def test_an_emoji_that_a_capital_follows_ends_a_clause(text, expected):
    from postguard.text.recognizers.detail_helpers import emoji_clauses

    assert [text[s:e].strip() for s, e in emoji_clauses(text, 0, len(text))] == expected
