"""The HTML report's fixed parts: style, script and page skeleton.

Kept as constants (not files) so the report needs nothing at run time and the
CSP hashes are computed over exactly what is inlined.
"""

CSS = """
:root { --block:#b3261e; --warn:#8a5a00; --info:#1f5fa8; --ok:#2e7d32; --ink:#1c1c1c; --muted:#5f6368; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       margin: 0; background: #f4f5f7; }
main { max-width: 1000px; margin: 0 auto; padding: 16px 20px 60px; }
h1 { font-size: 24px; margin: 12px 0 4px; }
h2 { font-size: 18px; margin: 24px 0 8px; }
.meta { color: var(--muted); margin: 0 0 12px; }
.notice { background: #fff4e5; border: 2px solid #c77700; border-radius: 8px; padding: 10px 14px; margin: 12px 0; }
.notice.alert { background: #fdecea; border-color: var(--block); }
.cards { display: flex; flex-wrap: wrap; gap: 10px; }
.card { background: #fff; border-radius: 8px; padding: 10px 16px; min-width: 120px; border-top: 4px solid #ccc; }
.card b { display: block; font-size: 26px; }
.card.block { border-color: var(--block); } .card.warn { border-color: var(--warn); }
.card.info { border-color: var(--info); } .card.ok { border-color: var(--ok); }
table { border-collapse: collapse; background: #fff; border-radius: 8px; overflow: hidden; }
th, td { text-align: left; padding: 6px 12px; border-bottom: 1px solid #e3e3e3; vertical-align: top; }
.filters { position: sticky; top: 0; background: #f4f5f7; padding: 10px 0; z-index: 2;
           display: flex; flex-wrap: wrap; gap: 12px; align-items: center; border-bottom: 1px solid #ddd; }
.filters label { font-weight: 600; }
select { font: inherit; padding: 4px 6px; }
article.post { background: #fff; border-radius: 8px; margin: 14px 0; padding: 12px 16px;
               border-left: 6px solid #ccc; }
article.post.v-block { border-left-color: var(--block); }
article.post.v-warn { border-left-color: var(--warn); }
article.post.v-info { border-left-color: var(--info); }
article.post header { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: baseline; color: var(--muted); }
.badge { color: #fff; border-radius: 4px; padding: 1px 8px; font-weight: 700; font-size: 13px;
         text-transform: uppercase; }
.badge.block { background: var(--block); } .badge.warn { background: var(--warn); }
.badge.info { background: var(--info); } .badge.ok { background: var(--ok); }
.context { color: var(--muted); margin: 6px 0 0; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; background: #fafafa; border: 1px solid #eee;
        border-radius: 6px; padding: 8px 10px; margin: 8px 0; }
mark { border-radius: 3px; padding: 0 1px; }
mark.block { background: #f9c9c5; outline: 2px solid var(--block); }
mark.warn { background: #ffe3a3; outline: 1px solid var(--warn); }
mark.info { background: #d6e6fb; }
.images { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0; }
figure { margin: 0; max-width: 200px; font-size: 13px; }
figure img { display: block; max-width: 200px; max-height: 160px; border-radius: 4px; border: 1px solid #ddd; }
figure .pic { position: relative; display: inline-block; }
figure .pic svg { position: absolute; inset: 0; width: 100%; height: 100%; }
figure .pic rect { fill: none; stroke: #ffcc00; stroke-width: 1.2; vector-effect: non-scaling-stroke; }
table.review td { vertical-align: top; }
figure .noimg { width: 160px; height: 100px; background: #eee; display: flex; align-items: center;
                justify-content: center; color: var(--muted); border-radius: 4px; }
figcaption { overflow-wrap: anywhere; color: var(--muted); }
ul.findings { margin: 8px 0; padding-left: 20px; }
ul.findings li { margin: 4px 0; }
.sev { font-weight: 700; }
.sev.block { color: var(--block); } .sev.warn { color: var(--warn); } .sev.info { color: var(--info); }
.policy { color: var(--muted); font-size: 13px; display: block; }
.todo { background: #eef6ee; border-radius: 6px; padding: 6px 10px; }
.skipped { color: var(--muted); font-size: 13px; }
.empty { color: var(--muted); font-style: italic; }
@media print { .filters { display: none; } article.post { break-inside: avoid; } }
"""

JS = """
(function () {
  var verdict = document.getElementById('f-verdict');
  var code = document.getElementById('f-code');
  var pupil = document.getElementById('f-pupil');
  var shown = document.getElementById('f-shown');
  var posts = Array.prototype.slice.call(document.querySelectorAll('article.post'));
  function apply() {
    var v = verdict.value, c = code.value, p = pupil.value, n = 0;
    posts.forEach(function (el) {
      var ok = (v === 'all' || v.split(' ').indexOf(el.dataset.verdict) >= 0) &&
               (c === '' || el.dataset.codes.split(' ').indexOf(c) >= 0) &&
               (p === '' || el.dataset.pupils.split(' ').indexOf(p) >= 0);
      el.hidden = !ok;
      if (ok) { n += 1; }
    });
    shown.textContent = 'Showing ' + n + ' of ' + posts.length + ' posts';
  }
  [verdict, code, pupil].forEach(function (el) { el.addEventListener('change', apply); });
  apply();
})();
"""

PAGE_HEAD = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<main>
"""

PAGE_TAIL = """
</main>
<script>{js}</script>
</body>
</html>
"""
