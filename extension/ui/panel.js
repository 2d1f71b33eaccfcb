// The panel beside the composer (an extension page in an iframe): what
// PostGuard found, in plain English, with the policy reference.
(function (PG) {
  'use strict';
  const { el, findingsList } = PG.ui;
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
      list.append(el('li', {}, el('span', {}, name), button('I removed it', { type: 'photo-removed', sha256 }, 'small',
        `I have removed ${name} from the post`)));
    }
    return list;
  }

  function render({ outcome, photos, attached = [] }) {
    const state = outcome?.state ?? 'idle';
    box.dataset.state = state;
    box.dataset.verdict = state === 'checked' ? outcome.result.verdict : '';
    $('summary').textContent = PG.messages.summary(outcome);
    const content = [];
    if (state === 'checked') {
      const findings = outcome.result.findings;
      if (findings.length) content.push(findingsList(findings, photos, 'What PostGuard found'));
      if (attached.length) {
        const n = attached.length;
        content.push(el('p', { class: 'policy' }, `${n} attached ${n === 1 ? 'photo' : 'photos'} checked:`), attachedList(attached));
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
