// The panel beside the composer (an extension page in an iframe): what
// PostGuard found, in plain English, with the policy reference.
(function (PG) {
  'use strict';
  const { el, findingsList } = PG.ui;
  const $ = (id) => document.getElementById(id);
  const box = document.querySelector('.panel');
  let send = () => {};

  function button(label, message, cls = '') {
    const b = el('button', { type: 'button', class: cls }, label);
    b.addEventListener('click', () => send(message));
    return b;
  }

  function render({ outcome, photos, photoCount }) {
    const state = outcome?.state ?? 'idle';
    box.dataset.state = state;
    box.dataset.verdict = state === 'checked' ? outcome.result.verdict : '';
    $('summary').textContent = PG.messages.summary(outcome);
    const content = [];
    if (state === 'checked') {
      const findings = outcome.result.findings;
      if (findings.length) content.push(findingsList(findings, photos, 'What PostGuard found'));
      if (photoCount) {
        content.push(el('p', { class: 'policy' }, `${photoCount} attached ${photoCount === 1 ? 'photo' : 'photos'} checked.`));
      }
    } else if (state === 'offline' || state === 'error') {
      if (state === 'offline') content.push(el('p', { class: 'help' }, PG.messages.offlineHelp));
      content.push(button('Check again', { type: 'retry' }));
    } else if (state === 'unpaired') {
      content.push(el('p', { class: 'help' }, PG.messages.unpairedHelp),
        button('Open PostGuard settings to pair', { type: 'pair' }, 'primary'));
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
  new ResizeObserver(() => send({ type: 'size', height: Math.ceil(box.getBoundingClientRect().height) }))
    .observe(box);

  PG.frameLink((message) => {
    if (message?.type === 'render') render(message);
  }).then((link) => {
    send = link;
    send({ type: 'size', height: Math.ceil(box.getBoundingClientRect().height) });
  });
})(globalThis.PostGuard ??= {});
