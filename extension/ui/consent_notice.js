// Says plainly, in the panel, when the consent list PostGuard checks against may
// be out of date or the school's newest list was refused (the daemon's health:
// consent_stale, consent_problem, consent_published_at, consent_source).
(function (PG) {
  'use strict';
  const { request: REQUEST } = PG.protocol;
  const REFRESH_MS = 60_000;

  function published(iso) {
    const when = iso ? new Date(iso) : null;
    if (!when || Number.isNaN(when.getTime())) return '';
    return when.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  }

  const sentence = (text) => (/[.!?]$/.test(String(text).trim()) ? String(text).trim() : `${String(text).trim()}.`);

  // -> the sentences to show (none when the list is current).
  function lines(health) {
    if (!health) return [];
    const out = [];
    const date = published(health.consent_published_at);
    // The daemon's own sentence says what was wrong and that the last good list stays in force.
    if (health.consent_problem) {
      out.push(`${sentence(health.consent_problem)} Recent consent changes may be missing: ask whoever keeps the ` +
        'consent list to publish it again.');
    }
    if (health.consent_stale) {
      out.push(`The consent list on this computer may be out of date${date ? ` (published ${date})` : ''}. ` +
        'Recent consent changes may be missing: check anyone you are unsure of with the office before posting.');
    }
    return out;
  }

  // Keeps `element` showing the notice, and marks `box` so a clear post is not shown as
  // plainly clear; refreshed at most once a minute, when asked.
  function consentNotice(element, box) {
    let checkedAt = 0;
    async function refresh() {
      if (Date.now() - checkedAt < REFRESH_MS) return;
      checkedAt = Date.now();
      let status = null;
      try {
        status = await PG.api.sendMessage({ type: REQUEST.STATUS });
      } catch {
        // The extension was restarted: the panel's summary already says so.
      }
      const said = lines(status?.health);
      element.replaceChildren(...said.map((line) => PG.ui.el('p', {}, line)));
      element.hidden = !said.length;
      if (box) box.dataset.consent = said.length ? 'doubtful' : '';
    }
    return { refresh };
  }

  PG.consentNotice = { lines, consentNotice };
})(globalThis.PostGuard ??= {});
