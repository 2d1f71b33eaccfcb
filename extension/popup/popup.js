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
    const followed = health.consent_source && health.consent_source !== 'local';
    $('consent-source').textContent = followed ? `the school's list in ${health.consent_source}` : 'this computer';
    const warnings = [];
    if (health.demo_roster) warnings.push(PG.statusText.demoWarning);
    // A followed list that was refused or is out of date: say so plainly (the daemon keeps the last good list).
    if (health.consent_problem) warnings.push(`Consent list problem: ${health.consent_problem}`);
    if (health.consent_stale) {
      warnings.push(
        "This computer's consent list may be out of date: recent consent changes may be missing. " +
          'Ask whoever keeps the consent list to publish it again, and run "postguard status" for details.'
      );
    }
    if ((health.consent_age_seconds ?? 0) > STALE_SECONDS) warnings.push(PG.statusText.staleWarning);
    if (warnings.length) {
      $('warning').hidden = false;
      $('warning').textContent = warnings.join(' ');
    }
  }

  init();
})(globalThis.PostGuard ??= {});
