// Toolbar popup: is PostGuard connected, how big and how old is the consent list.
(function (PG) {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const STALE_SECONDS = 30 * 86400;

  async function init() {
    $('open-settings').addEventListener('click', () => PG.api.openOptionsPage().then(() => window.close()));
    const status = await PG.api.sendMessage({ type: PG.protocol.request.STATUS });
    const { headline, kind } = PG.statusText.headline(status);
    $('headline').textContent = headline;
    $('headline').dataset.kind = kind;
    const health = status.health;
    if (!health) return;
    $('details').hidden = false;
    $('roster-size').textContent = String(health.roster_size ?? 'unknown');
    $('consent-age').textContent = PG.statusText.age(health.consent_age_seconds);
    $('version').textContent = health.version ?? '';
    const warnings = [];
    if (health.demo_roster) warnings.push(PG.statusText.demoWarning);
    if ((health.consent_age_seconds ?? 0) > STALE_SECONDS) warnings.push(PG.statusText.staleWarning);
    if (warnings.length) {
      $('warning').hidden = false;
      $('warning').textContent = warnings.join(' ');
    }
  }

  init();
})(globalThis.PostGuard ??= {});
