"""`postguard batch` end to end: real CLI process, real worker processes, real spaCy model,
real SQLite roster. Each run starts worker processes that load the model, so runs are few."""

import csv
import io
import json
import os
import signal
import stat
import subprocess
import sys
import time

import pytest
from export_builder import ExportBuilder, media, photo_bytes, post

from conftest import APPIAH, LINDQVIST, NOVAK, STANTON

T0 = 1714557600  # 2024-05-01


def batch(settings, *args, timeout=300):
    return subprocess.run(
        [sys.executable, "-m", "postguard", "--home", str(settings.home), "batch", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def export() -> ExportBuilder:
    b = ExportBuilder()
    b.add_json(
        "your_activity_across_facebook/posts/your_posts_1.json",
        [
            post("Amelia Stanton won the spelling bee!", T0),
            post("Lovely to see everyone at the summer fair.", T0 - 86400),
            post(
                "Well done to Sebastian for his brilliant poem",
                T0 - 86400 * 400,
                [media("your_activity_across_facebook/posts/media/t/poem.jpg", T0, "Sebastian reading")],
            ),
            post(
                "Freya Lindqvist's class trip",
                T0 - 86400 * 2,
                [media("your_activity_across_facebook/posts/media/t/gone.jpg", T0)],
            ),
        ],
    )
    b.add_json(
        "your_activity_across_facebook/posts/album/0.json",
        {
            "name": "Sports Day",
            "photos": [media("your_activity_across_facebook/posts/media/s/1.jpg", T0, "Abena Appiah in the sack race")],
        },
    )
    b.add_photo("your_activity_across_facebook/posts/media/t/poem.jpg", 1)
    b.add_photo("your_activity_across_facebook/posts/media/s/1.jpg", 2)
    return b


def test_jsonl_contract(batch_home, tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "a.jpg").write_bytes(photo_bytes())
    src = tmp_path / "posts.jsonl"
    rows = [
        {"id": "a", "text": "Amelia Stanton read her poem", "images": []},
        {"id": "b", "text": "The library is open all week."},
        {"id": "c", "text": "Sebastian Novak and Abena scored goals", "images": ["img/a.jpg"]},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    out = tmp_path / "out.jsonl"
    run = batch(batch_home, src, "--out", out)
    assert run.returncode == 0, run.stderr
    lines = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["a", "b", "c"]
    assert all(set(x) == {"id", "verdict", "findings"} for x in lines)
    a, b, c = lines
    assert a["verdict"] == "block"
    no_consent = next(f for f in a["findings"] if f["code"] == "pupil.no_consent")
    assert no_consent["pupils"] == [STANTON] and (no_consent["start"], no_consent["end"]) == (0, 14)
    assert b == {"id": "b", "verdict": "ok", "findings": []}
    # A full name with a photo is blocked (names-no-images).
    full = [f for f in c["findings"] if f["code"] == "pupil.full_name"]
    assert full and full[0]["pupils"] == [NOVAK] and full[0]["severity"] == "block"
    assert "checked 3/3 posts (100%)" in run.stderr  # plain progress lines when not on a terminal
    assert os.stat(out).st_mode & 0o077 == 0


def test_export_zip_to_html_and_csv(batch_home, tmp_path):
    src = export().write_zip(tmp_path / "facebook.zip")
    html_out, csv_out = tmp_path / "report.html", tmp_path / "report.csv"
    run = batch(batch_home, src, "--out", html_out, "-q")
    assert run.returncode == 0, run.stderr
    page = html_out.read_text("utf-8")
    assert page.count('<article class="post') == 4  # all but the summer fair
    assert 'data-pupils="' + STANTON + '"' in page
    assert f"<b>Amelia Stanton ({STANTON})</b>" in page  # findings name the pupil, not just the UPN
    assert "data:image/jpeg;base64," in page  # thumbnails of flagged posts with photos
    assert "photos missing from the export: 1" in page
    assert "Checked 5 posts and 2 photos" in run.stdout
    run = batch(batch_home, src, "--out", csv_out, "-q", "--since", "2024-01-01")
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(csv_out.read_text("utf-8").lstrip("\ufeff"))))
    assert {r["code"] for r in rows if r["pupils"] == STANTON} >= {"pupil.no_consent"}
    assert not any("poem" in r["flagged_text"] for r in rows)  # the 2023 post is before --since
    lockwood = [r for r in rows if LINDQVIST in r["pupils"]]
    assert lockwood and all(r["verdict"] == "block" for r in lockwood)  # No Publish


def test_pupil_search_lists_only_their_posts(batch_home, tmp_path):
    folder = export().write_folder(tmp_path / "export")
    out = tmp_path / "abena.jsonl"
    run = batch(batch_home, folder, "--out", out, "--pupil", APPIAH, "-q")
    assert run.returncode == 0, run.stderr
    lines = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert len(lines) == 1
    assert lines[0]["text"] == "Abena Appiah in the sack race"
    assert lines[0]["source"] == "your_activity_across_facebook/posts/album/0.json#0"
    assert lines[0]["images"] == ["your_activity_across_facebook/posts/media/s/1.jpg"]
    assert "1 posts naming or picturing the pupils searched for" in run.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["--pupil", "NOPE123"], "Unknown pupil(s): NOPE123"),
        (["--since", "yesterday-ish"], "use a date like 2024-09-01"),
    ],
)
def test_bad_options_change_nothing(batch_home, tmp_path, args, message):
    src = tmp_path / "p.jsonl"
    src.write_text('{"id": "1", "text": "hi"}\n')
    out = tmp_path / "o.jsonl"
    run = batch(batch_home, src, "--out", out, *args)
    assert run.returncode == 2 and message in run.stderr
    assert not out.exists() and not (tmp_path / "o.jsonl.part").exists()


def test_unwritable_report_folder_is_a_clear_error(batch_home, tmp_path):
    src = tmp_path / "p.jsonl"
    src.write_text('{"id": "1", "text": "hi"}\n')
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "report.jsonl.part").mkdir()  # a folder where the report's part file must go
    run = batch(batch_home, src, "--out", locked / "report.jsonl")
    assert run.returncode == 1 and "Could not read or write" in run.stderr
    assert "Traceback" not in run.stderr


def test_bad_input_lists_problems_and_writes_nothing(batch_home, tmp_path):
    src = tmp_path / "p.jsonl"
    src.write_text('{"id": "1", "text": "hi"}\n{oops\n{"text": "no id"}\n')
    out = tmp_path / "o.html"
    run = batch(batch_home, src, "--out", out)
    assert run.returncode == 2
    assert "line 2: not valid JSON" in run.stderr and "line 3: missing 'id'" in run.stderr
    assert "Traceback" not in run.stderr
    assert not out.exists() and not (tmp_path / "o.html.part").exists()
    run = batch(batch_home, src, "--out", tmp_path / "o.pdf")
    assert run.returncode == 2 and ".jsonl, .csv or .html" in run.stderr


def test_ctrl_c_stops_cleanly_and_resume_finishes_the_same_report(batch_home, tmp_path):
    # The report's folder is the user's (shared, say): its mode stays; the files in it are owner-only.
    os.chmod(tmp_path, 0o755)
    src = tmp_path / "many.jsonl"
    texts = [
        "Amelia Stanton at choir practice",
        "A sunny day on the field",
        "Sebastian Novak's painting",
        "Reading week starts soon",
    ]
    src.write_text(
        "".join(json.dumps({"id": f"p{i}", "text": f"{texts[i % 4]} ({i})"}) + "\n" for i in range(3000)), "utf-8"
    )
    out = tmp_path / "out.jsonl"
    state = tmp_path / "out.jsonl.resume.json"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "postguard",
            "--home",
            str(batch_home.home),
            "batch",
            str(src),
            "--out",
            str(out),
            "--batch-size",
            "16",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        try:
            if json.loads(state.read_text())["done"] >= 64:
                break
        except (OSError, ValueError):
            pass
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole process group
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "run the same command with --resume" in err and "Traceback" not in err
    done = json.loads(state.read_text())["done"]
    assert 64 <= done < 3000 and not out.exists()
    assert stat.S_IMODE(state.stat().st_mode) == 0o600
    assert stat.S_IMODE(os.stat(tmp_path).st_mode) == 0o755
    run = batch(batch_home, src, "--out", out, "--resume", "-q")
    assert run.returncode == 0, run.stderr
    assert not state.exists()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and stat.S_IMODE(os.stat(tmp_path).st_mode) == 0o755
    lines = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert [x["id"] for x in lines] == [f"p{i}" for i in range(3000)]  # each post once, in order
    assert [x["verdict"] for x in lines[:4]] == ["block", "ok", "warn", "ok"]  # full name: warn
    assert lines[2996]["verdict"] == "block" and lines[2999]["verdict"] == "ok"
    # --resume with different options is refused rather than mixing two runs.
    run = batch(batch_home, src, "--out", out, "--resume", "--since", "2024-01-01")
    assert run.returncode == 2 and "Nothing to resume" in run.stderr


def test_split_download_photos_are_read_from_the_other_part(batch_home, tmp_path):
    whole = export()
    posts_part, media_part = ExportBuilder(), ExportBuilder()
    for inner, data in whole.files.items():
        (posts_part if inner.endswith(".json") else media_part).files[inner] = data
    part1 = posts_part.write_zip(tmp_path / "facebook-part1.zip")
    part2 = media_part.write_zip(tmp_path / "facebook-part2.zip")
    out = tmp_path / "report.html"
    run = batch(batch_home, part1, part2, "--out", out, "-q", "--pupil", NOVAK)
    assert run.returncode == 0, run.stderr
    page = out.read_text("utf-8")
    assert page.count('<article class="post') == 1 and "brilliant poem" in page
    assert "data:image/jpeg;base64," in page  # the workers read the photo from part 2
    assert "Input: facebook-part1.zip, facebook-part2.zip" in page
