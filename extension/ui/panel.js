// The panel beside the composer (an extension page in an iframe): what
// PostGuard found, in plain English, with the policy reference.
(function (PG) {
  'use strict';
  const { el, findingsList } = PG.ui;
  const { frame: FRAME, outcome: OUTCOME } = PG.protocol;
  const $ = (id) => document.getElementById(id);
  const box = document.querySelector('.panel');
  let send = () => {};

  function button(label, message, cls = '', ariaLabel = null) {
    const b = el('button', { type: 'button', class: cls }, label);
    if (ariaLabel) b.setAttribute('aria-label', ariaLabel);
    b.addEventListener('click', () => send(message));
    return b;
  }

  // Photos PostGuard is counting as part of the post, each with a way to say
  // it was taken out again.
  function attachedList(attached) {
    const list = el('ul', { 'aria-label': 'Attached photos', class: 'attached' });
    for (const { name, sha256 } of attached) {
      list.append(el('li', {}, el('span', {}, name), button('I removed it', { type: FRAME.PHOTO_REMOVED, sha256 }, 'small',
        `I have removed ${name} from the post`)));
    }
    return list;
  }

  function render({ outcome, photos, attached = [] }) {
    const state = outcome?.state ?? OUTCOME.IDLE;
    box.dataset.state = state;
    box.dataset.verdict = state === OUTCOME.CHECKED ? outcome.result.verdict : '';
    $('summary').textContent = PG.messages.summary(outcome);
    const content = [];
    if (state === OUTCOME.CHECKED) {
      const findings = outcome.result.findings;
      if (findings.length) content.push(findingsList(findings, photos, 'What PostGuard found'));
      if (attached.length) {
        const n = attached.length;
        content.push(el('p', { class: 'policy' }, `${n} attached ${n === 1 ? 'photo' : 'photos'} checked:`), attachedList(attached));
      }
    } else if (state === OUTCOME.OFFLINE || state === OUTCOME.ERROR) {
      if (state === OUTCOME.OFFLINE) content.push(el('p', { class: 'help' }, PG.messages.offlineHelp));
      content.push(button('Check again', { type: FRAME.RETRY }));
    } else if (state === OUTCOME.UNPAIRED) {
      content.push(el('p', { class: 'help' }, PG.messages.unpairedHelp),
        button('Open PostGuard settings to pair', { type: FRAME.PAIR }, 'primary'));
    }
    $('body').replaceChildren(...content);
  }

  $('toggle').addEventListener('click', () => {
    const expanded = $('body').hidden;
    $('body').hidden = !expanded;
    $('toggle').setAttribute('aria-expanded', String(expanded));
    $('toggle').textContent = expanded ? 'Hide' : 'Show';
  });

  // The frame is as tall as its content: tell the content script.
  new ResizeObserver(() => send({ type: FRAME.SIZE, height: Math.ceil(box.getBoundingClientRect().height) }))
    .observe(box);

  PG.frameLink((message) => {
    if (message?.type === FRAME.RENDER) render(message);
  }).then((link) => {
    send = link;
    send({ type: FRAME.SIZE, height: Math.ceil(box.getBoundingClientRect().height) });
  });
})(globalThis.PostGuard ??= {});
