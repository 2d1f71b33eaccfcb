// Wires the content-side parts together for the composer in use.
(function (PG) {
  'use strict';
  const api = PG.api;

  const state = {
    editor: null,
    loop: null,
    observer: null,
    blockWhenOffline: false,
  };

  const attachments = new PG.Attachments(() => state.loop?.schedule());
  const panel = new PG.Panel({
    onPair: () => api.sendMessage({ type: 'open-options' }),
    onRetry: () => state.loop?.checkNow(),
    // The site gives no reliable sign that a photo was taken out of the post,
    // so staff say so in the panel.
    onPhotoRemoved: (sha256) => attachments.remove(sha256),
  });

  function showOutcome(outcome, snapshot) {
    panel.render(outcome, attachments);
    if (outcome.state === 'checked') PG.highlights.show(outcome.result.findings, snapshot);
    else if (outcome.state !== 'checking') PG.highlights.clear();
    if (outcome.state === 'idle') api.sendMessage({ type: 'clear-badge' }).catch(() => {});
  }

  function isVisible(el) {
    return el.isConnected && el.getClientRects().length > 0;
  }

  function findEditors() {
    return [...document.querySelectorAll(PG.selectors.current().composer.join(','))]
      .filter((el) => el.isContentEditable || el instanceof HTMLTextAreaElement)
      .filter(isVisible);
  }

  function containerOf(editor) {
    return editor.closest(PG.selectors.current().composerContainer.join(',')) ?? editor;
  }

  function activate(editor) {
    if (editor === state.editor) return;
    deactivate();
    state.editor = editor;
    state.loop = new PG.CheckLoop({ editor, attachments, onOutcome: showOutcome });
    // Typing, pasting and the editor's own re-rendering all end up here.
    state.observer = new MutationObserver(() => state.loop.schedule());
    state.observer.observe(editor, { characterData: true, childList: true, subtree: true });
    editor.addEventListener('input', onInput);
    panel.attach(containerOf(editor));
    panel.render({ state: 'idle' }, attachments);
    state.loop.checkNow();
  }

  function deactivate() {
    if (!state.editor) return;
    state.loop.stop();
    state.observer.disconnect();
    state.editor.removeEventListener('input', onInput);
    state.editor = state.loop = state.observer = null;
    PG.highlights.clear();
    panel.detach();
    attachments.clear();
    api.sendMessage({ type: 'clear-badge' }).catch(() => {});
  }

  function onInput() {
    state.loop?.schedule();
  }

  // The composer can appear (Facebook opens it in a dialog) or go away.
  let scanQueued = false;
  function scanSoon() {
    if (scanQueued) return;
    scanQueued = true;
    setTimeout(() => {
      scanQueued = false;
      if (state.editor && !isVisible(state.editor)) deactivate();
      if (!state.editor) {
        const [first] = findEditors();
        if (first) activate(first);
      }
    }, 200);
  }

  // The moment of posting: check the final text, then let it go, confirm, or stop.
  async function decide() {
    const loop = state.loop;
    if (!loop) return true;
    const { outcome } = await loop.checkNow();
    const options = {
      attachments,
      blockWhenOffline: state.blockWhenOffline,
      onOpenSettings: () => api.sendMessage({ type: 'open-options' }),
    };
    let go;
    if (outcome.state === 'idle') go = true;
    else if (outcome.state === 'checked') {
      const verdict = outcome.result.verdict;
      if (verdict === 'block') {
        await PG.showPostDialog('block', outcome, options); // offers no way through
        go = false;
      } else if (verdict === 'warn') {
        go = (await PG.showPostDialog('warn', outcome, options)) === 'post';
      } else {
        go = true;
      }
    } else {
      go = (await PG.showPostDialog('unchecked', outcome, options)) === 'post' && !state.blockWhenOffline;
    }
    if (go) setTimeout(() => attachments.clear(), 0);
    return go;
  }

  const guard = new PG.PostButtonGuard({
    isGuarded: () => Boolean(state.editor?.isConnected),
    decide,
  });
  guard.install();

  async function start() {
    const settings = await api.getSettings();
    state.blockWhenOffline = settings.blockWhenOffline;
    api.onSettingsChanged((changes) => {
      if ('blockWhenOffline' in changes) state.blockWhenOffline = Boolean(changes.blockWhenOffline.newValue);
      if ('token' in changes || 'port' in changes) state.loop?.checkNow();
    });
    attachments.listen(() => Boolean(state.editor));
    document.addEventListener('focusin', (event) => {
      const editor = event.target instanceof Element &&
        event.target.closest(PG.selectors.current().composer.join(','));
      if (editor && (editor.isContentEditable || editor instanceof HTMLTextAreaElement)) activate(editor);
    }, true);
    new MutationObserver(scanSoon).observe(document.documentElement, { childList: true, subtree: true });
    scanSoon();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
})(globalThis.PostGuard ??= {});
