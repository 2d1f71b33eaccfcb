"""The HTML report: one self-contained file a safeguarding lead can open and forward.

Everything is inline (style, script, thumbnails as data: URIs) and a Content
Security Policy forbids every network load. All post text and names are
escaped: post text is untrusted input.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import shutil
from collections.abc import Iterable
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

from postguard.batch.model import PostResult
from postguard.batch.report_template import CSS, JS, PAGE_HEAD, PAGE_TAIL
from postguard.batch.tally import Tally
from postguard.batch.writers import ReportWriter, iso_date, open_private
from postguard.findings import SEVERITY_RANK
from postguard.home import secure_file

CODE_LABELS = {
    "pupil.no_consent": "Pupil without consent",
    "pupil.full_name": "Pupil's surname or full name",
    "pupil.named": "Pupil named (has consent)",
    "person.name": "Other person named",
    "detail.age": "Age",
    "detail.dob": "Date of birth",
    "detail.class": "Class or year group",
    "detail.address": "Home address",
    "detail.postcode": "Postcode",
    "detail.phone": "Phone number",
    "detail.email": "Email address",
    "detail.handle": "Social media handle",
    "detail.health": "Health, SEN or medical detail",
    "detail.future": "Future time and place",
    "image.no_consent": "Photo of a pupil without consent",
    "image.gps": "Photo carries its location (GPS)",
    "image.unreadable": "Photo could not be checked",
    "image.faces": "Photo with people: check who is pictured",
    "text.too_long": "Post too long: only its start was checked",
    "text.partial": "Part not fully checked for other people's names",
}
VERDICT_LABELS = {"block": "Block", "warn": "Warn", "info": "Info", "ok": "OK"}
TODO = {
    "block": "Take this post down, or edit it so the problems marked in red are gone, today. "
    "If a pupil without consent is named or pictured, tell the designated safeguarding lead.",
    "warn": "Review this post: edit or remove the details marked in amber unless there is a clear reason to keep them.",
    "info": "No change needed unless consent has changed: check that the pupils named still have consent.",
    "ok": "Nothing found.",
}


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def label_of(code: str) -> str:
    return CODE_LABELS.get(code, code)


def csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


def content_security_policy() -> str:
    # Nothing may load from anywhere: only the inline style/script below (by hash) and data: images.
    return (
        "default-src 'none'; img-src data:; style-src "
        + csp_hash(CSS)
        + "; script-src "
        + csp_hash(JS)
        + "; base-uri 'none'; form-action 'none'"
    )


def highlight(text: str, findings: Iterable[dict]) -> str:
    """The post text, escaped, with each finding's span in a <mark> (code-point offsets)."""
    spans = [
        f
        for f in findings
        if isinstance(f.get("start"), int) and isinstance(f.get("end"), int) and 0 <= f["start"] < f["end"] <= len(text)
    ]
    if not spans:
        return esc(text)
    cuts = sorted({0, len(text), *(f["start"] for f in spans), *(f["end"] for f in spans)})
    out = []
    for a, b in pairwise(cuts):
        covering = [f for f in spans if f["start"] <= a and b <= f["end"]]
        piece = esc(text[a:b])
        if covering:
            sev = max((f["severity"] for f in covering), key=SEVERITY_RANK.__getitem__)
            why = "; ".join(dict.fromkeys(label_of(f["code"]) for f in covering))
            piece = f'<mark class="{esc(sev)}" title="{esc(why)}">{piece}</mark>'
        out.append(piece)
    return "".join(out)


def safe_link(url: str | None) -> str | None:
    return url if url and url.startswith(("https://", "http://")) else None


class HtmlWriter(ReportWriter):
    """Streams one <article> per flagged post; `finish` wraps them in the page."""

    includes_ok = False

    def __init__(self, out: Path):
        super().__init__(out)
        self.pupil_names: dict[str, str] = {}
        self.searched: list[str] = []  # --pupil UPNs

    def write(self, result: PostResult) -> None:
        self.fh.write(self.render_post(result).encode("utf-8"))

    def name_of(self, upn: str) -> str:
        name = self.pupil_names.get(upn)
        return f"{name} ({upn})" if name else upn

    def render_post(self, result: PostResult) -> str:
        post, findings = result.post, result.findings
        codes = " ".join(result.codes)
        pupils = " ".join(sorted(result.pupils))
        parts = [
            f'<article class="post v-{esc(result.verdict)}" data-verdict="{esc(result.verdict)}" '
            f'data-codes="{esc(codes)}" data-pupils="{esc(pupils)}">',
            f'<a id="post-{esc(post.id)}"></a>',  # the review lists link here
            "<header>",
            f'<span class="badge {esc(result.verdict)}">'
            f"{esc(VERDICT_LABELS.get(result.verdict, result.verdict))}</span>",
        ]
        parts.append(f"<time>{esc(iso_date(post.timestamp) or 'date unknown')}</time>")
        link = safe_link(post.permalink)
        if link:
            parts.append(
                f'<a href="{esc(link)}" target="_blank" rel="noopener noreferrer">Open the post on Facebook</a>'
            )
        elif post.from_export:
            parts.append("<span>No link in the export: find it on the Page by its date.</span>")
        parts.append(f"<span>{esc(post.source or '')} · id {esc(post.id)}</span></header>")
        context = []
        if post.title:
            context.append(f"Title: {esc(post.title)}")
        if post.place:
            context.append(f"Place: {esc(post.place)}")
        shared = safe_link(post.shared_link)
        if shared:
            context.append(f"Shared link: {esc(shared)}")
        if context:
            parts.append(f'<p class="context">{" · ".join(context)}</p>')
        if post.text:
            parts.append(f'<div class="text">{highlight(post.text, findings)}</div>')
        else:
            parts.append('<p class="empty">No text.</p>')
        if post.images:
            parts.append('<div class="images">')
            for path in post.images:
                parts.append(self._figure(path, result))
            parts.append("</div>")
        if findings:
            parts.append('<ul class="findings">')
            for f in findings:
                who = ", ".join(self.name_of(p) for p in f.get("pupils") or ())
                where = ""
                if f.get("start") is not None:
                    where = f" · “{esc(post.text[f['start'] : f['end']])}”"
                elif f.get("image"):
                    where = f" · {esc(f['image'])}"
                parts.append(
                    f'<li><span class="sev {esc(f["severity"])}">{esc(label_of(f["code"]))}</span>{where}'
                    + (f" · <b>{esc(who)}</b>" if who else "")
                    + f'<br>{esc(f["message"])}<span class="policy">{esc(f["policy"])}</span></li>'
                )
            parts.append("</ul>")
        todo = TODO.get(result.verdict, "")
        searched = [p for p in self.searched if p in result.pupils]
        if searched:
            todo = (
                "This post names or pictures "
                + ", ".join(self.name_of(p) for p in searched)
                + ", whom you searched for. If their consent has been withdrawn, take the post down "
                "or edit them out of it. " + (todo if result.verdict in ("block", "warn") else "")
            )
        parts.append(f'<p class="todo"><b>What to do:</b> {esc(todo)}</p>')
        skipped = post.skipped + result.skipped
        if skipped:
            parts.append('<p class="skipped">Not checked: ' + esc("; ".join(skipped)) + "</p>")
        parts.append("</article>\n")
        return "".join(parts)

    def _figure(self, path: str, result: PostResult) -> str:
        thumb = result.thumbnails.get(path)
        if thumb and thumb.startswith("data:image/jpeg;base64,"):
            img = f'<img src="{esc(thumb)}" alt="photo {esc(path)}">'
            boxes = [b for f in result.findings if f.get("image") == path for b in f.get("boxes") or ()]
            if boxes:  # where the faces are (SVG attributes: the page's CSP allows no inline styles)
                rects = "".join(
                    f'<rect x="{100 * float(x):.1f}" y="{100 * float(y):.1f}" '
                    f'width="{100 * float(w):.1f}" height="{100 * float(h):.1f}"/>'
                    for x, y, w, h in boxes
                )
                img = (
                    f'<span class="pic">{img}<svg viewBox="0 0 100 100" preserveAspectRatio="none" '
                    f'aria-hidden="true">{rects}</svg></span>'
                )
        else:
            img = '<div class="noimg">no preview</div>'
        notes = [label_of(f["code"]) for f in result.findings if f.get("image") == path]
        caption = esc(path) + ("<br><b>" + esc("; ".join(notes)) + "</b>" if notes else "")
        return f"<figure>{img}<figcaption>{caption}</figcaption></figure>"

    # -- the page around the posts ------------------------------------------------
    def finish(self, context: dict[str, Any]) -> None:
        self.close()
        tmp = self.out.with_name(self.out.name + ".tmp")
        with open_private(tmp, append=False) as out:
            out.write(self.render_head(context).encode("utf-8"))
            with open(self.part, "rb") as body:
                shutil.copyfileobj(body, out)
            out.write(PAGE_TAIL.format(js=JS).encode("utf-8"))
        os.replace(tmp, self.out)
        secure_file(self.out)
        self.part.unlink(missing_ok=True)

    def render_head(self, context: dict[str, Any]) -> str:
        tally: Tally = context["tally"]
        generated = datetime.now(UTC).strftime("%d %B %Y %H:%M UTC")
        title = "PostGuard re-check of past posts"
        if self.searched:
            title = "PostGuard: past posts naming or picturing " + ", ".join(self.name_of(p) for p in self.searched)
        h = [PAGE_HEAD.format(csp=html.escape(content_security_policy(), quote=False), title=esc(title), css=CSS)]
        h.append(f"<h1>{esc(title)}</h1>")
        h.append(
            f'<p class="meta">Input: {esc(context.get("input_name", ""))} · made {esc(generated)}'
            f" · consent list version {esc(context.get('consent_version', ''))}</p>"
        )
        h.append(
            '<div class="notice"><b>This report contains personal data about pupils</b> (names, '
            "photos and details from past posts). Keep it on school systems, share it only with "
            "staff who need it, and delete it when the review is done.</div>"
        )
        if context.get("demo_roster"):
            h.append(
                '<div class="notice alert"><b>The DEMO roster was used</b> (invented pupils): '
                "import the school's roster and run the check again before acting on this.</div>"
            )
        if context.get("interrupted"):
            h.append('<div class="notice alert"><b>This run was stopped early</b>: not every post was checked.</div>')
        h.append("<h2>Summary</h2>")
        scope = (
            "posts naming or picturing the pupils searched for" if self.searched else "posts with something to look at"
        )
        h.append(
            f"<p>{tally.checked} posts checked ({tally.images} photos); {tally.reported} {scope} are listed below.</p>"
        )
        h.append('<div class="cards">')
        for verdict in ("block", "warn", "info"):
            h.append(
                f'<div class="card {verdict}"><b>{tally.verdicts.get(verdict, 0)}</b>{VERDICT_LABELS[verdict]}</div>'
            )
        if not self.searched:
            ok = tally.checked - tally.reported
            h.append(f'<div class="card ok"><b>{ok}</b>Nothing found</div>')
        h.append("</div>")
        if tally.codes:
            h.append("<h2>What was found</h2><table><tr><th>Finding</th><th>Posts</th></tr>")
            for code, n in sorted(tally.codes.items(), key=lambda kv: (-kv[1], kv[0])):
                h.append(f"<tr><td>{esc(label_of(code))}</td><td>{n}</td></tr>")
            h.append("</table>")
        notes = {**context.get("notes", {}), **tally.skipped}
        if notes:
            h.append("<h2>Not checked</h2><ul>")
            for reason, n in sorted(notes.items()):
                h.append(f"<li>{esc(reason)}: {n}</li>")
            h.append("</ul>")
        h.extend(self._review_sections(tally))
        h.append(self._filters(tally))
        if tally.reported == 0:
            h.append('<p class="empty">No posts to show.</p>')
        return "\n".join(h)

    def _review_sections(self, tally: Tally) -> list[str]:
        """Photos a person must look at: with people (PostGuard cannot tell who), and not checked."""
        h = []
        if tally.people_photos:
            h.append(
                f"<h2>Photos with people: check who is pictured ({len(tally.people_photos)})</h2>"
                "<p>PostGuard found people in these photos but cannot tell who they are (it does no face "
                "recognition). Look at each one for the pupils without photo consent listed with the post "
                "(narrowed to the classes the post names).</p>"
                '<table class="review"><tr><th>Post</th><th>Photo</th><th>People</th>'
                "<th>Classes the post names</th><th>Pupils to look for</th></tr>"
            )
            for item in tally.people_photos:
                groups = ", ".join(item.get("groups") or ()) or "none named (all pupils without photo consent)"
                h.append(
                    f'<tr><td><a href="#post-{esc(item["post"])}">{esc(item.get("date") or item["post"])}</a></td>'
                    f"<td>{esc(item['image'])}</td><td>{esc(item['faces'])}</td><td>{esc(groups)}</td>"
                    f"<td>{esc(item['look_for'])}</td></tr>"
                )
            h.append("</table>")
        if tally.unchecked_photos:
            h.append(
                f"<h2>Photos that could not be checked ({len(tally.unchecked_photos)})</h2>"
                "<p>These are not counted as “nothing found”: look at each one yourself.</p><ul>"
            )
            for item in tally.unchecked_photos:
                h.append(
                    f'<li><a href="#post-{esc(item["post"])}">{esc(item.get("date") or item["post"])}</a>: '
                    f"{esc(item['what'])}</li>"
                )
            h.append("</ul>")
        return h

    def _filters(self, tally: Tally) -> str:
        default = "all" if self.searched else "block warn"
        options = [
            ("block warn", "Block and warn"),
            ("block", "Block"),
            ("warn", "Warn"),
            ("info", "Info"),
            ("all", "All listed posts"),
        ]
        verdict = "".join(f'<option value="{v}"{" selected" if v == default else ""}>{t}</option>' for v, t in options)
        codes = '<option value="">Any finding</option>' + "".join(
            f'<option value="{esc(c)}">{esc(label_of(c))} ({n})</option>'
            for c, n in sorted(tally.codes.items(), key=lambda kv: label_of(kv[0]))
        )
        pupils = '<option value="">Any pupil</option>' + "".join(
            f'<option value="{esc(p)}">{esc(self.name_of(p))} ({n})</option>'
            for p, n in sorted(tally.pupils.items(), key=lambda kv: self.name_of(kv[0]).lower())
        )
        return (
            '<div class="filters"><label for="f-verdict">Show</label>'
            f'<select id="f-verdict">{verdict}</select>'
            f'<label for="f-code">Finding</label><select id="f-code">{codes}</select>'
            f'<label for="f-pupil">Pupil</label><select id="f-pupil">{pupils}</select>'
            '<span id="f-shown"></span></div>'
        )
