// Shows the post dialog (ui/dialog.html in a full-window iframe) and resolves
// to 'post' or 'cancel'. The frame is made once and then hidden between
// uses: removing a frame while it handles a click would lose that click.
(function (PG) {
  'use strict';
  let view = null;
  let pending = null; // {resolve, previousFocus, onOpenSettings}

  function frame() {
    view ??= PG.openFrame('ui/dialog.html', {
      title: 'PostGuard',
      style: 'inset: 0; width: 100vw; height: 100vh; z-index: 2147483647; background: transparent; display: none;',
      onMessage: (message) => {
        if (message?.type !== 'answer' || !pending) return;
        const { resolve, previousFocus, onOpenSettings } = pending;
        pending = null;
        view.frame.style.display = 'none';
        if (message.value === 'settings') onOpenSettings?.();
        if (previousFocus instanceof HTMLElement) previousFocus.focus();
        resolve(message.value === 'post' ? 'post' : 'cancel');
      },
    });
    return view;
  }

  // kind: 'block' | 'warn' | 'unchecked'
  PG.showPostDialog = function showPostDialog(kind, outcome, { attachments, blockWhenOffline, onOpenSettings }) {
    return new Promise((resolve) => {
      const dialog = frame();
      pending = { resolve, previousFocus: document.activeElement, onOpenSettings };
      dialog.frame.style.display = 'block';
      dialog.send({ type: 'show', kind, outcome, photos: attachments.thumbnails(), blockWhenOffline });
      dialog.ready.then(() => dialog.frame.focus());
    });
  };
})(globalThis.PostGuard ??= {});
