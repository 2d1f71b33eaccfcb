// Options page: daemon port, pairing, offline behaviour, extra sites.
(function (PG) {
  'use strict';
  const api = PG.api;
  const $ = (id) => document.getElementById(id);

  function show(el, text, kind) {
    el.textContent = text;
    el.dataset.kind = kind ?? '';
  }

  async function refreshConnection() {
    const status = await api.sendMessage({ type: PG.protocol.request.STATUS });
    const { headline, kind } = PG.statusText.headline(status);
    show($('connection'), headline, kind);
  }

  // "https://example.org/path" -> "https://example.org/*"; null when not a web address.
  function matchPattern(line) {
    try {
      const url = new URL(line.includes('://') ? line : `https://${line}`);
      if (url.protocol !== 'https:') return null; // staff post over https only
      return `${url.protocol}//${url.hostname}/*`;
    } catch {
      return null;
    }
  }

  async function pair(event) {
    event.preventDefault();
    const port = $('port').value.trim();
    const code = $('code').value.trim();
    if (!code) {
      show($('pair-result'), 'Type the pairing code first.', 'bad');
      $('code').focus();
      return;
    }
    $('pair').disabled = true;
    show($('pair-result'), 'Pairing…', '');
    try {
      const answer = await api.sendMessage({ type: PG.protocol.request.PAIR, port, code });
      if (answer.state === PG.protocol.status.PAIRED) {
        show($('pair-result'), 'Paired. PostGuard will now check your posts.', 'good');
        $('code').value = '';
      } else if (answer.state === PG.protocol.outcome.OFFLINE) {
        show($('pair-result'), `PostGuard is not running on port ${port}. Start it, then try again.`, 'bad');
      } else {
        show($('pair-result'), answer.message, 'bad');
      }
    } finally {
      $('pair').disabled = false;
      refreshConnection();
    }
  }

  async function saveSites() {
    const lines = $('sites').value.split('\n').map((l) => l.trim()).filter(Boolean);
    const patterns = lines.map(matchPattern);
    const bad = lines.filter((_, i) => !patterns[i]);
    if (bad.length) {
      show($('sites-result'), `Not a web address: ${bad.join(', ')}`, 'bad');
      return;
    }
    const unique = [...new Set(patterns)];
    const previous = (await api.getSettings()).extraSites;
    // Asking for a site's permission needs this click: do it first.
    if (unique.length && !(await api.requestOrigins(unique))) {
      show($('sites-result'), 'The browser did not allow PostGuard on those sites.', 'bad');
      return;
    }
    const dropped = previous.filter((p) => !unique.includes(p));
    if (dropped.length) await api.removeOrigins(dropped).catch(() => {});
    await api.registerExtraSites(unique);
    await api.saveSettings({ extraSites: unique });
    show($('sites-result'), unique.length ? 'Saved. Reload those sites for PostGuard to start there.' : 'Saved.', 'good');
  }

  async function init() {
    const settings = await api.getSettings();
    $('port').value = settings.port;
    $('block-offline').checked = settings.blockWhenOffline;
    $('sites').value = settings.extraSites.map((p) => p.replace(/\/\*$/, '')).join('\n');
    $('pair-form').addEventListener('submit', pair);
    $('block-offline').addEventListener('change', (e) => api.saveSettings({ blockWhenOffline: e.target.checked }));
    $('check-messages').checked = settings.checkMessages;
    $('check-messages').addEventListener('change', (e) => api.saveSettings({ checkMessages: e.target.checked }));
    $('port').addEventListener('change', () => {
      const port = Number($('port').value);
      if (Number.isInteger(port) && port > 0 && port < 65536) api.saveSettings({ port }).then(refreshConnection);
    });
    $('save-sites').addEventListener('click', saveSites);
    refreshConnection();
  }

  init();
})(globalThis.PostGuard ??= {});
