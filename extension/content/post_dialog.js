// The dialog shown when Post is pressed and the post should not simply go:
// blocked (no way through), warnings (confirm) or unchecked (confirm, or
// blocked when the options say so). Resolves to 'post' or 'cancel'.
(function (PG) {
  'use strict';
  const { el, findingsList } = PG.ui;
  const text = PG.messages.dialog;

  function content(kind, outcome, attachments, blockWhenOffline) {
    if (kind === 'block') {
      const findings = outcome.result.findings.filter((f) => f.severity === 'block');
      return { title: text.blockTitle, intro: text.blockIntro, list: findingsList(findings, attachments, 'Why this post is stopped'),
        actions: [{ label: text.goBack, value: 'cancel', cls: 'primary' }] };
    }
    if (kind === 'warn') {
      const findings = outcome.result.findings.filter((f) => f.severity === 'warn');
      return { title: text.warnTitle, intro: text.warnIntro, list: findingsList(findings, attachments, 'What to check'),
        actions: [{ label: text.goBack, value: 'cancel', cls: 'primary' }, { label: text.postAnyway, value: 'post', cls: 'danger' }] };
    }
    const intro = `${text.offlineIntro[outcome.state] ?? text.offlineIntro.error} ${blockWhenOffline ? text.offlineBlocked : text.offlineAsk}`;
    const actions = [{ label: text.goBack, value: 'cancel', cls: 'primary' }];
    if (outcome.state === 'unpaired') actions.push({ label: text.openSettings, value: 'settings' });
    if (!blockWhenOffline) actions.push({ label: text.postUnchecked, value: 'post', cls: 'danger' });
    return { title: text.offlineTitle, intro, list: null, actions };
  }

  // kind: 'block' | 'warn' | 'unchecked'
  function showPostDialog(kind, outcome, { attachments, blockWhenOffline, onOpenSettings }) {
    return new Promise((resolve) => {
      const previousFocus = document.activeElement;
      const host = el('div', { 'data-postguard': 'dialog' });
      const root = host.attachShadow({ mode: 'open' });
      const spec = content(kind, outcome, attachments, blockWhenOffline);
      const title = el('h2', { id: 'pg-dialog-title' }, spec.title);
      const intro = el('p', { id: 'pg-dialog-intro' }, spec.intro);
      const buttons = spec.actions.map((a) => el('button', { type: 'button', class: a.cls ?? '', 'data-value': a.value }, a.label));
      const dialog = el('div', {
        class: 'dialog', role: 'alertdialog', 'aria-modal': 'true',
        'aria-labelledby': 'pg-dialog-title', 'aria-describedby': 'pg-dialog-intro', 'data-kind': kind,
      }, title, intro, spec.list, el('div', { class: 'actions' }, ...buttons));
      root.append(el('style', {}, PG.uiStyles), el('div', { class: 'backdrop' }, dialog));

      const close = (value) => {
        document.removeEventListener('keydown', onKey, true);
        host.remove();
        if (previousFocus instanceof HTMLElement) previousFocus.focus();
        resolve(value === 'post' ? 'post' : 'cancel');
      };
      // Keyboard stays inside the dialog; Escape means "go back".
      const onKey = (event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopImmediatePropagation();
          close('cancel');
        } else if (event.key === 'Tab') {
          event.preventDefault();
          event.stopImmediatePropagation();
          const at = buttons.indexOf(root.activeElement);
          const next = (at + (event.shiftKey ? -1 : 1) + buttons.length) % buttons.length;
          buttons[next].focus();
        }
      };
      for (const button of buttons) {
        button.addEventListener('click', (event) => {
          event.stopPropagation();
          const value = button.dataset.value;
          if (value === 'settings') onOpenSettings?.();
          close(value);
        });
      }
      document.addEventListener('keydown', onKey, true);
      document.documentElement.append(host);
      buttons[0].focus();
    });
  }

  PG.showPostDialog = showPostDialog;
})(globalThis.PostGuard ??= {});
