"""Progress output: a bar with ETA on a terminal, plain lines otherwise."""

import io

from postguard.batch.progress import Progress, clock


def test_terminal_bar_redraws_one_line_with_eta():
    out = io.StringIO()
    p = Progress(200, stream=out, tty=True)
    p.update(200)
    p.close()
    text = out.getvalue()
    assert text.startswith("\r[############################] 200/200 posts (100%)")
    assert "posts/s, ETA" in text and text.endswith("\n")


def test_plain_lines_when_not_a_terminal_and_resumed_runs_count_from_where_they_were():
    out = io.StringIO()
    p = Progress(100, done=40, stream=out, tty=False, line_every_s=3600)
    p.update(50)  # throttled: not yet a line
    assert out.getvalue() == ""
    p.update(100)  # the last update always prints
    assert out.getvalue().startswith("checked 100/100 posts (100%), ")
    assert "\r" not in out.getvalue()


def test_disabled_progress_prints_nothing():
    out = io.StringIO()
    p = Progress(10, stream=out, tty=True, enabled=False)
    p.update(10)
    p.close()
    assert out.getvalue() == ""


def test_clock():
    assert (clock(59), clock(61), clock(3725)) == ("0:59", "1:01", "1:02:05")
