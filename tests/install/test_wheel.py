"""The built wheel stands alone: installed into a fresh virtualenv, run from a folder outside the
repository, with no PYTHONPATH, `check`, `batch`, `serve` and `images sync` work, and a broken
installation says so in one sentence. Costs one wheel build and one dependency install (pip's
cache makes that ~20 s on a machine that ran `make install`); it is the only test that sees the
program as a user who ran `pip install postguard-*.whl` does."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from postguard import __version__

REPO = Path(__file__).resolve().parents[2]
# Exactly what the build reads; a build that needs more than this fails here first.
BUILD_INPUTS = ("pyproject.toml", "README.md", "daemon", "nlp_models", "consent_images/README.md")


def clean_env() -> dict[str, str]:
    """The environment of a user's shell: none of the developer's overrides."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POSTGUARD_", "PYTHON", "VIRTUAL_ENV"))}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh venv with the wheel (and its pinned dependencies) installed; removed afterwards."""
    root = tmp_path_factory.mktemp("wheel")
    src = root / "src"
    for name in BUILD_INPUTS:
        target = src / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, target, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(REPO / name, target)
    # A developer's drop folder may hold real photos (never committed): they must never be packaged.
    (src / "consent_images" / "T100000000001").mkdir()
    (src / "consent_images" / "T100000000001" / "school-photo.jpg").write_bytes(b"\xff\xd8 not for the wheel")
    wheels = root / "wheels"
    env = clean_env()
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(src)],
        check=True,
        env=env,
        cwd=root,
    )
    (wheel,) = wheels.glob("postguard-*.whl")
    assert wheel.name == f"postguard-{__version__}-py3-none-any.whl"
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=env, cwd=root)
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--quiet", str(wheel)],
        check=True,
        env=env,
        cwd=root,
        stderr=subprocess.DEVNULL,  # pip's notes about this machine's extra indexes
    )
    print(f"wheel built and installed in {time.monotonic() - started:.1f} s")
    shutil.rmtree(src)
    elsewhere = root / "elsewhere"  # the user's folder: not the repo, not the venv
    elsewhere.mkdir()
    yield {"venv": venv, "wheel": wheel, "cwd": elsewhere, "home": root / "data", "env": env}
    shutil.rmtree(root, ignore_errors=True)  # ~0.5 GB of dependencies


def postguard(installed, *args: str, input: str | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(installed["venv"] / "bin" / "postguard"), "--home", str(installed["home"]), *args],
        capture_output=True,
        text=True,
        input=input,
        cwd=installed["cwd"],
        env=installed["env"],
        timeout=timeout,
    )


def test_the_wheel_holds_code_and_reviewed_data_only(installed):
    with zipfile.ZipFile(installed["wheel"]) as wheel:
        names = wheel.namelist()
    allowed = re.compile(
        r"postguard/(.+\.py|data/([^/]+\.csv|face_detection_full_range\.tflite|FACE_MODEL\.md)|nlp_models/[^/]+\.(cfg|jsonl)|consent_images/README\.md)"
        r"|postguard-[^/]+\.dist-info/.+"
    )
    assert [n for n in names if not allowed.fullmatch(n)] == []
    assert "postguard/nlp_models/pipeline.cfg" in names and "postguard/consent_images/README.md" in names
    assert "postguard/data/face_detection_full_range.tflite" in names  # photo checks need no second install
    packaged = {n.split("/")[-1] for n in names if n.startswith("postguard/nlp_models/")}
    assert packaged == {p.name for p in (REPO / "nlp_models").iterdir() if p.suffix in (".cfg", ".jsonl")}


def test_the_installed_package_is_the_wheel_and_carries_its_data(installed):
    venv = installed["venv"]
    run = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import postguard, postguard.settings as s; print(postguard.__file__); print(s.Settings().nlp_models_dir)",
        ],
        capture_output=True,
        text=True,
        cwd=installed["cwd"],
        env=installed["env"],
        check=True,
    )
    module_file, models_dir = run.stdout.split()
    assert Path(module_file).is_relative_to(venv) and Path(models_dir).is_relative_to(venv)
    assert (Path(models_dir) / "pipeline.cfg").is_file()
    version = postguard(installed, "--version")
    assert version.returncode == 0 and __version__ in version.stdout


def test_check_from_another_folder(installed):
    run = postguard(installed, "check", "Well done Amelia Stanton on your reading award")
    assert "Traceback" not in run.stderr
    assert run.returncode in (0, 3, 4), run.stderr
    assert "Verdict:" in run.stdout and "DEMO roster" in run.stderr
    empty = postguard(installed, "check", input="  \n")
    assert empty.returncode == 2 and "nothing to check" in empty.stderr and "Verdict" not in empty.stdout


def test_photos_are_checked_for_people_in_the_installed_program(installed):
    from PIL import Image
    from skimage import data

    Image.fromarray(data.astronaut()).save(installed["cwd"] / "trip.jpg", quality=90)
    run = postguard(installed, "check", "Our trip to the science museum", "--image", "trip.jpg", "--json")
    codes = [f["code"] for f in json.loads(run.stdout)["findings"]]
    assert "image.faces" in codes, run.stderr  # not "photo not checked for people"


def test_batch_from_another_folder(installed):
    posts = installed["cwd"] / "posts.jsonl"
    posts.write_text(
        json.dumps({"id": "1", "text": "Sports day was great fun"})
        + "\n"
        + json.dumps({"id": "2", "text": "Congratulations to Amelia Stanton in Year 4"})
        + "\n",
        "utf-8",
    )
    run = postguard(installed, "batch", "posts.jsonl", "--out", "report.html", "--workers", "1", "-q")
    assert run.returncode == 0, run.stderr
    assert "Checked 2 posts" in run.stdout
    assert (installed["cwd"] / "report.html").read_text("utf-8").startswith("<!DOCTYPE html>")


def test_images_sync_defaults_to_the_data_folder(installed):
    run = postguard(installed, "images", "sync")
    drop = installed["home"] / "consent_images"
    assert run.returncode == 0, run.stderr
    assert str(drop) in run.stdout and (drop / "README.md").read_text("utf-8").startswith("# consent_images")
    again = postguard(installed, "images", "sync")
    assert again.returncode == 0 and f"Looking for photos in {drop}" in again.stdout


def test_serve_from_another_folder(installed):
    port = free_port()
    proc = subprocess.Popen(
        [str(installed["venv"] / "bin" / "postguard"), "--home", str(installed["home"]), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=installed["cwd"],
        env=installed["env"],
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            assert line, f"daemon exited: {proc.wait()} {proc.stderr.read()}"
            if line.startswith("Press Ctrl+C"):
                break
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=10) as resp:
            health = json.loads(resp.read())
        assert health["model_loaded"] is True and health["roster_size"] > 0
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=30)
    assert code == 0


def test_a_broken_installation_is_one_sentence(installed):
    """Runs last in this module: it breaks the install on purpose."""
    site = next((installed["venv"] / "lib").glob("python3*/site-packages"))
    (site / "postguard" / "nlp_models" / "pipeline.cfg").unlink()
    for args in (("check", "Hello"), ("batch", "posts.jsonl", "--out", "r.jsonl"), ("serve", "--port", "1")):
        run = postguard(installed, *args)
        assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
        assert run.stderr.count("\n") == 1 and "install PostGuard again" in run.stderr
