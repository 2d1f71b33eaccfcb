// Plain-English status lines shared by the popup and the options page.
(function (PG) {
  'use strict';
  const { outcome: OUTCOME, status: STATUS } = PG.protocol;

  function age(seconds) {
    if (seconds == null) return 'unknown';
    const days = Math.floor(seconds / 86400);
    if (days >= 1) return `${days} ${days === 1 ? 'day' : 'days'} old`;
    const hours = Math.floor(seconds / 3600);
    if (hours >= 1) return `${hours} ${hours === 1 ? 'hour' : 'hours'} old`;
    return 'updated in the last hour';
  }

  PG.statusText = {
    age,
    // -> {headline, kind: good|warn|bad}
    headline(status) {
      if (status.state === STATUS.CONNECTED) return { headline: 'Connected: posts are being checked.', kind: 'good' };
      if (status.state === OUTCOME.UNPAIRED) return { headline: 'PostGuard is running, but this browser is not paired yet.', kind: 'warn' };
      if (status.state === OUTCOME.OFFLINE) return { headline: `PostGuard is not running on this computer (port ${status.port}). Posts are not being checked.`, kind: 'bad' };
      return { headline: `PostGuard had a problem: ${status.message}`, kind: 'bad' };
    },
    demoWarning: 'PostGuard is using the demo pupil list, not your school\'s. Ask the person who looks after PostGuard to import the real consent list.',
    staleWarning: 'The consent list is more than 30 days old. Ask for an up-to-date export from the school\'s records.',
  };
})(globalThis.PostGuard ??= {});
