"""Sample checked posts for the writer tests: real findings in the contract's shape."""

from postguard.batch.model import BatchPost, PostResult
from postguard.findings import Finding, fill_utf16, verdict_of
from postguard.policy import CONSENT_LIST, IDENTIFIABLE, PERSONAL_INFO

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


def result(post: BatchPost, findings: list[Finding], thumbnails=None) -> PostResult:
    fill_utf16(post.text, findings)
    return PostResult(post, verdict_of(findings), [f.to_dict() for f in findings], thumbnails or {})


def span(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def sample_results() -> list[PostResult]:
    t1 = "🎉 Well done Amelia Smith for her 100m win! =SUM(A1)"
    s1, e1 = span(t1, "Amelia Smith")
    p1 = BatchPost(
        id="fb-1",
        text=t1,
        images=["media/a.jpg"],
        timestamp=1714557600,
        source="posts/your_posts_1.json#0",
        permalink="https://www.facebook.com/x/posts/1",
        from_export=True,
    )
    f1 = [
        Finding(
            "pupil.no_consent", "block", "Amelia Smith has no consent to be named.", CONSENT_LIST, s1, e1, ["A100"]
        ),
        Finding("pupil.full_name", "block", "Full name with a photo.", IDENTIFIABLE, s1, e1, ["A100"]),
        Finding(
            "image.no_consent",
            "block",
            "This photo looks like a pupil without photo consent.",
            CONSENT_LIST,
            extra={"image": "media/a.jpg", "distance": 4, "reference_id": "r1"},
        ),
    ]
    t2 = "Thanks to Mrs Patel. " + HOSTILE
    s2, e2 = span(t2, "Mrs Patel")
    p2 = BatchPost(id="line-2", text=t2, source="line 2", permalink="javascript:alert(1)")
    f2 = [Finding("person.name", "info", "A person is named.", PERSONAL_INFO, s2, e2, [])]
    p3 = BatchPost(
        id="fb-3",
        text="Lovely sunny day",
        timestamp=1714500000,
        from_export=True,
        skipped=["photo missing from export: media/b.jpg"],
    )
    t4 = "Oliver is 7 today"
    p4 = BatchPost(id="fb-4", text=t4, timestamp=1714400000, from_export=True)
    f4 = [
        Finding("pupil.named", "info", "Oliver has consent.", CONSENT_LIST, *span(t4, "Oliver"), ["B200"]),
        Finding("detail.age", "warn", "An age is given.", PERSONAL_INFO, *span(t4, "7"), ["B200"]),
    ]
    return [
        result(p1, f1, {"media/a.jpg": "data:image/jpeg;base64,/9j/AAAA"}),
        result(p2, f2),
        result(p3, []),
        result(p4, f4),
    ]
