// Shows the post dialog (ui/dialog.html in a full-window iframe) and resolves
// to 'post' or 'cancel'. Each dialog gets a fresh frame. Once answered, the
// frame is hidden at once and removed a moment later: removing a frame while
// it is still handling the click that answered it can lose that click.
(function (PG) {
  'use strict';
  const { frame: FRAME, answer: ANSWER } = PG.protocol;
  const REMOVE_AFTER_MS = 1000;
  let pending = null; // {resolve, view}

  function dismiss(view) {
    const el = view.frame;
    el.style.opacity = '0';
    el.style.pointerEvents = 'none';
    el.setAttribute('aria-hidden', 'true');
    el.dataset.postguard = 'dialog-closed';
    setTimeout(() => view.close(), REMOVE_AFTER_MS);
  }

  // kind: one of PG.protocol.dialogKind; resolves to ANSWER.POST or ANSWER.CANCEL.
  PG.showPostDialog = function showPostDialog(kind, outcome, { attachments, blockWhenOffline, onOpenSettings }) {
    if (pending) { // never leave an earlier Post waiting
      dismiss(pending.view);
      pending.resolve(ANSWER.CANCEL);
    }
    return new Promise((resolve) => {
      const previousFocus = document.activeElement;
      const view = PG.openFrame('ui/dialog.html', {
        title: 'PostGuard',
        style: 'inset: 0; width: 100vw; height: 100vh; z-index: 2147483647; background: transparent;',
        onMessage: (message) => {
          if (message?.type !== FRAME.ANSWER || pending?.view !== view) return;
          pending = null;
          dismiss(view);
          if (message.value === ANSWER.SETTINGS) onOpenSettings?.();
          if (previousFocus instanceof HTMLElement) previousFocus.focus();
          resolve(message.value === ANSWER.POST ? ANSWER.POST : ANSWER.CANCEL);
        },
      });
      pending = { resolve, view };
      view.send({ type: FRAME.SHOW, kind, outcome, photos: attachments?.thumbnails() ?? {}, blockWhenOffline });
      view.ready.then(() => view.frame.focus());
    });
  };
})(globalThis.PostGuard ??= {});
