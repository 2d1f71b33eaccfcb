// The dialog shown when Post is pressed and the post should not simply go:
// blocked (no way through), warnings (confirm), or unchecked (confirm, or
// blocked when the options say so). Answers with one of PG.protocol.answer.
(function (PG) {
  'use strict';
  const { el, findingsList } = PG.ui;
  const text = PG.messages.dialog;
  const { frame: FRAME, outcome: OUTCOME, verdict: VERDICT, dialogKind: DIALOG, answer: ANSWER } = PG.protocol;

  function content({ kind, outcome, photos, blockWhenOffline }) {
    if (kind === DIALOG.BLOCK) {
      const findings = outcome.result.findings.filter((f) => f.severity === VERDICT.BLOCK);
      return { title: text.blockTitle, intro: text.blockIntro, list: findingsList(findings, photos, 'Why this post is stopped'),
        actions: [{ label: text.goBack, value: ANSWER.CANCEL, cls: 'primary' }] };
    }
    if (kind === DIALOG.WARN) {
      const findings = outcome.result.findings.filter((f) => f.severity === VERDICT.WARN);
      return { title: text.warnTitle, intro: text.warnIntro, list: findingsList(findings, photos, 'What to check'),
        actions: [{ label: text.goBack, value: ANSWER.CANCEL, cls: 'primary' }, { label: text.postAnyway, value: ANSWER.POST, cls: 'danger' }] };
    }
    const daemonProblem = [OUTCOME.OFFLINE, OUTCOME.UNPAIRED, OUTCOME.ERROR].includes(outcome.state);
    const blocked = daemonProblem || !(outcome.state in text.offlineIntro) ? text.offlineBlocked : text.unseenBlocked;
    const intro = `${text.offlineIntro[outcome.state] ?? text.offlineIntro[OUTCOME.ERROR]} ${blockWhenOffline ? blocked : text.offlineAsk}`;
    const actions = [{ label: text.goBack, value: ANSWER.CANCEL, cls: 'primary' }];
    if (outcome.state === OUTCOME.UNPAIRED) actions.push({ label: text.openSettings, value: ANSWER.SETTINGS });
    if (!blockWhenOffline) actions.push({ label: text.postUnchecked, value: ANSWER.POST, cls: 'danger' });
    return { title: text.offlineTitle, intro, list: null, actions };
  }

  // The frame is kept and reused: it is hidden, never removed, between posts.
  const backdrop = document.getElementById('backdrop');
  let buttons = [];
  let send = () => {};

  function answer(value) {
    if (!buttons.length) return;
    buttons = [];
    backdrop.replaceChildren();
    send({ type: FRAME.ANSWER, value });
  }

  function show(spec) {
    buttons = spec.actions.map((a) => el('button', { type: 'button', class: a.cls ?? '', 'data-value': a.value }, a.label));
    const dialog = el('div', {
      class: 'dialog', role: 'alertdialog', 'aria-modal': 'true',
      'aria-labelledby': 'pg-dialog-title', 'aria-describedby': 'pg-dialog-intro', 'data-kind': spec.kind,
    }, el('h2', { id: 'pg-dialog-title' }, spec.title), el('p', { id: 'pg-dialog-intro' }, spec.intro), spec.list,
    el('div', { class: 'actions' }, ...buttons));
    backdrop.replaceChildren(dialog);
    for (const b of buttons) b.addEventListener('click', () => answer(b.dataset.value));
    focusFirst();
  }

  // The frame may still be hidden when the dialog is built: focus again once
  // it is drawn and whenever the frame itself receives focus.
  function focusFirst() {
    if (!buttons.length || buttons.includes(document.activeElement)) return;
    buttons[0].focus();
    requestAnimationFrame(() => {
      if (buttons.length && !buttons.includes(document.activeElement)) buttons[0].focus();
    });
  }
  window.addEventListener('focus', focusFirst);

  // Keyboard stays inside the dialog; Escape means "go back".
  document.addEventListener('keydown', (event) => {
    if (!buttons.length) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      answer(ANSWER.CANCEL);
    } else if (event.key === 'Tab') {
      event.preventDefault();
      const at = buttons.indexOf(document.activeElement);
      buttons[(at + (event.shiftKey ? -1 : 1) + buttons.length) % buttons.length].focus();
    }
  });

  PG.frameLink((message) => {
    if (message?.type === FRAME.SHOW) show({ ...content(message), kind: message.kind });
  }).then((link) => { send = link; });
})(globalThis.PostGuard ??= {});
