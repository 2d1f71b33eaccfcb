"""read_regular_file: only regular files, with a size cap (FIFOs and devices never hang)."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from postguard.files import UnreadableFile, read_regular_file


def test_reads_a_regular_file(tmp_path):
    f = tmp_path / "pupils.csv"
    f.write_bytes(b"a,b\n1,2\n")
    assert read_regular_file(f) == b"a,b\n1,2\n"


@pytest.mark.parametrize("kind", ["fifo", "dev_zero", "dev_null", "folder", "socket", "missing"])
def test_refuses_what_is_not_a_regular_file(tmp_path, kind):
    if kind == "fifo":
        path = tmp_path / "pipe.csv"
        os.mkfifo(path)
    elif kind == "dev_zero":
        path = "/dev/zero"
    elif kind == "dev_null":
        path = "/dev/null"
    elif kind == "folder":
        path = tmp_path
    elif kind == "socket":
        path = tmp_path / "s.csv"
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(path))
    else:
        path = tmp_path / "nope.csv"
    with pytest.raises(UnreadableFile) as err:
        read_regular_file(path)
    assert "Traceback" not in str(err.value)


def test_size_cap(tmp_path):
    f = tmp_path / "big.csv"
    f.write_bytes(b"x" * 2048)
    assert read_regular_file(f, max_bytes=2048) == b"x" * 2048
    with pytest.raises(UnreadableFile, match="larger than"):
        read_regular_file(f, max_bytes=2047)


def test_symlink_to_fifo_is_refused(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link.csv"
    link.symlink_to(fifo)
    with pytest.raises(UnreadableFile, match="pipe"):
        read_regular_file(link)


# -- the CLI commands that read files the user names ------------------------------------
def _run(settings, *args, stdin=None):
    from click.testing import CliRunner

    from postguard.cli import build_cli

    return CliRunner().invoke(build_cli(), ["--home", str(settings.home), *args], input=stdin)


def _special(tmp_path, kind):
    if kind == "fifo":
        path = tmp_path / "pupils.csv"
        os.mkfifo(path)
        return str(path)
    return "/dev/zero"


@pytest.mark.parametrize("kind", ["fifo", "dev_zero"])
@pytest.mark.parametrize("command", [["consent", "import"], ["staff", "import"], ["check", "Hello", "--image"]])
def test_cli_refuses_fifos_and_devices(make_home, tmp_path, kind, command):
    settings = make_home()
    result = _run(settings, *command, _special(tmp_path, kind))
    assert result.exit_code in (1, 2), result.output
    assert "not an ordinary file" in result.output or "does not exist" in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("cell", [b"x" * 1_000_000, b'"' + b"y" * 300_000, b"Mrs " + b"z" * 250])
def test_staff_import_with_a_huge_or_broken_cell_is_a_clear_error(make_home, tmp_path, cell):
    settings = make_home()
    f = tmp_path / "staff.csv"
    f.write_bytes(b"name,role\n" + cell + b",Teacher\n")
    result = _run(settings, "staff", "import", str(f))
    assert result.exit_code == 1, result.output
    assert "Nothing was changed" in result.output
    assert "Traceback" not in result.output and "_csv" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_check_refuses_a_post_over_the_daemon_limit(make_home):
    settings = make_home()
    result = _run(settings, "check", "-", stdin="(" * 20_001)
    assert result.exit_code == 2 and "longer than 20,000" in result.output


@pytest.mark.parametrize("kind", ["fifo", "dev_zero", "folder"])
def test_photo_files_are_read_only_when_regular(tmp_path, kind):
    from postguard.images.decode import ImageProblem, read_image_file

    path = tmp_path if kind == "folder" else _special(tmp_path, kind)
    with pytest.raises(ImageProblem, match="ordinary file"):
        read_image_file(Path(path))


def test_reference_photos_refuse_a_fifo(tmp_path):
    from postguard.images.bank import hash_photo
    from postguard.images.decode import ImageProblem

    fifo = tmp_path / "photo.jpg"
    os.mkfifo(fifo)
    with pytest.raises(ImageProblem, match="ordinary file"):
        hash_photo(fifo)
