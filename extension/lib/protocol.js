// The names passed between the content scripts, the background worker and the
// extension's frames: one place, so a message and its handler cannot drift apart.
// Loaded as a classic script (content scripts, pages) and imported for its side
// effect by the background module, hence the global namespace.
(function (PG) {
  'use strict';
  const freeze = Object.freeze;

  PG.protocol = freeze({
    // message.type: content script or page -> background worker.
    request: freeze({
      CHECK: 'check',             // {text, images, composer} -> outcome
      CLEAR_BADGE: 'clear-badge',
      STATUS: 'status',           // -> {state: connected|unpaired|offline|error, port, health}
      PAIR: 'pair',               // {port, code} -> {state: paired} or an error outcome
      OPEN_OPTIONS: 'open-options',
      // Reserved for the pupil picker of the next panel features: {q} -> GET /v1/pupils?q=
      // -> [{pupil, name, class}]. The check request then also carries `resolved` and `pictured`.
      FIND_PUPILS: 'find-pupils',
    }),

    // outcome.state of a check.
    outcome: freeze({
      IDLE: 'idle',               // nothing to check (empty composer)
      CHECKING: 'checking',
      CHECKED: 'checked',         // outcome.result is the daemon's answer
      OFFLINE: 'offline',
      UNPAIRED: 'unpaired',
      ERROR: 'error',
      ABORTED: 'aborted',         // a newer check replaced this one
      NEED_IMAGES: 'need-images', // the worker needs these photos' bytes (outcome.unknown)
      // Set by the content script at a submit, when it cannot tell what is posted:
      LOST: 'lost',               // the composer this button sends is no longer on the page
      UNREADABLE: 'unreadable',   // the post's text could not be read
      PHOTOS_UNSEEN: 'photos-unseen', // the composer shows photos PostGuard did not get to check
    }),

    // status.state and pairing answers (popup, options page).
    status: freeze({ CONNECTED: 'connected', PAIRED: 'paired' }),

    // result.verdict and finding.severity from the daemon.
    verdict: freeze({ OK: 'ok', INFO: 'info', WARN: 'warn', BLOCK: 'block' }),

    // message.type on the MessageChannel between a content script and its frame.
    frame: freeze({
      CONNECT: 'postguard-connect', // content script -> frame: hands over the channel's port
      RENDER: 'render',             // -> panel: {outcome, photos, attached}
      SHOW: 'show',                 // -> dialog: {kind, outcome, photos, blockWhenOffline}
      SIZE: 'size',                 // panel ->: {height}
      PAIR: 'pair',                 // panel ->: open the settings to pair
      RETRY: 'retry',               // panel ->: check again
      PHOTO_REMOVED: 'photo-removed', // panel ->: {sha256}
      ANSWER: 'answer',             // dialog ->: {value: one of `answer`}
      // Reserved for the next panel features (the check request's contracts):
      // "Which Esme?": panel -> {start, end, pupil}, sent on as `resolved: [{start, end, pupil}]`.
      CHOOSE_PUPIL: 'choose-pupil',
      // Faces panel: panel -> {sha256, pupils: [UPN]} or {sha256, checked: true}, sent on as `pictured`.
      MARK_PICTURED: 'mark-pictured',
    }),

    // The post dialog: what it shows, and how it was answered.
    dialogKind: freeze({ BLOCK: 'block', WARN: 'warn', UNCHECKED: 'unchecked' }),
    answer: freeze({ POST: 'post', CANCEL: 'cancel', SETTINGS: 'settings' }),
  });
})(globalThis.PostGuard ??= {});
