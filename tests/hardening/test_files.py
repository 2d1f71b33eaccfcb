"""read_regular_file: only regular files, with a size cap (FIFOs and devices never hang)."""

from __future__ import annotations

import os
import socket

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
