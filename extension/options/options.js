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

  // Which settings the school's IT team fixed by policy: shown, not editable here.
  const POLICY_FIELDS = {
    port: { input: 'port', note: 'port-managed', label: 'the port' },
    blockWhenOffline: { input: 'block-offline', note: 'block-offline-managed', label: 'stop posting when PostGuard cannot check' },
    extraSites: { input: 'sites', note: 'sites-managed', label: 'other sites' },
  };

  function showPolicy(settings) {
    for (const [key, field] of Object.entries(POLICY_FIELDS)) {
      const fixed = settings.managed.includes(key);
      $(field.input).disabled = fixed;
      $(field.note).hidden = !fixed;
    }
    $('save-sites').textContent = settings.managed.includes('extraSites') ? 'Allow PostGuard on these sites' : 'Save sites';
    const lines = [];
    if (settings.managed.length) {
      lines.push(`Your school set: ${settings.managed.map((k) => POLICY_FIELDS[k].label).join(', ')}.`);
    }
    if (settings.invalidPolicy.length) {
      lines.push(`Your school's setting for ${settings.invalidPolicy.map((k) => POLICY_FIELDS[k].label).join(', ')} ` +
        'is not valid, so it is not used: tell your IT team.');
    }
    show($('policy'), lines.join(' '), settings.invalidPolicy.length ? 'bad' : '');
    $('policy').hidden = !lines.length;
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

  // The settings as last read (policy included), so a click can ask for permissions at once:
  // an await before permissions.request can lose the click that allows it.
  let current = api.mergeSettings({}, {});

  async function saveSites() {
    if (current.managed.includes('extraSites')) return allowSchoolSites(current.extraSites);
    const lines = $('sites').value.split('\n').map((l) => l.trim()).filter(Boolean);
    const patterns = lines.map(api.sitePattern);
    const bad = lines.filter((_, i) => !patterns[i]);
    if (bad.length) {
      show($('sites-result'), `Not a web address: ${bad.join(', ')}`, 'bad');
      return;
    }
    const unique = [...new Set(patterns)];
    // Asking for a site's permission needs this click: do it first.
    if (unique.length && !(await api.requestOrigins(unique))) {
      show($('sites-result'), 'The browser did not allow PostGuard on those sites.', 'bad');
      return;
    }
    const previous = (await api.getSettings()).extraSites;
    const dropped = previous.filter((p) => !unique.includes(p));
    if (dropped.length) await api.removeOrigins(dropped).catch(() => {});
    await api.registerExtraSites(unique);
    await api.saveSettings({ extraSites: unique });
    show($('sites-result'), unique.length ? 'Saved. Reload those sites for PostGuard to start there.' : 'Saved.', 'good');
  }

  // The school chose the sites; the browser still asks the person once, on this click.
  async function allowSchoolSites(patterns) {
    if (patterns.length && !(await api.requestOrigins(patterns))) {
      show($('sites-result'), 'The browser did not allow PostGuard on those sites.', 'bad');
      return;
    }
    await api.registerExtraSites(patterns);
    show($('sites-result'), 'Allowed. Reload those sites for PostGuard to start there.', 'good');
  }

  async function init() {
    // Controls start disabled: until the settings are read (the school's policy can take a few
    // seconds after the browser starts) a click or a typed port could be lost or overwritten.
    const settings = await api.getSettings();
    current = settings;
    for (const control of document.querySelectorAll('[data-until-ready]')) control.disabled = false;
    showPolicy(settings);
    // A policy can change while the page is open (an IT push): show it without a reload.
    api.onSettingsChanged(async () => {
      current = await api.getSettings();
      showPolicy(current);
    });
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
