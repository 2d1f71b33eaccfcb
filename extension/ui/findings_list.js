// Renders findings as a list: shared by the panel and the post dialog.
(function (PG) {
  'use strict';

  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === 'class') node.className = value;
      else if (key.startsWith('data-') || key.startsWith('aria-') || key === 'role') node.setAttribute(key, value);
      else node[key] = value;
    }
    node.append(...children.filter((c) => c != null));
    return node;
  }

  // photos: {name: thumbnail data URL} for image findings.
  function findingsList(findings, photos, label) {
    const list = el('ul', { 'aria-label': label });
    for (const f of findings) {
      const thumbUrl = f.image ? photos?.[f.image] : null;
      const thumb = thumbUrl ? el('img', { class: 'thumb', src: thumbUrl, alt: `Attached photo: ${f.image}` }) : null;
      const text = el('div', {},
        el('span', { class: 'severity' }, PG.messages.severityLabel[f.severity] ?? f.severity),
        el('p', { class: 'message' }, f.message),
        f.policy ? el('p', { class: 'policy' }, `Policy: ${f.policy}`) : null);
      list.append(el('li', { class: 'finding', 'data-severity': f.severity, 'data-code': f.code }, thumb, text));
    }
    return list;
  }

  PG.ui = { el, findingsList };
})(globalThis.PostGuard ??= {});
