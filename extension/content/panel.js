// The panel beside the composer: what PostGuard found, in plain English, with
// the policy reference. Lives in a shadow root outside the editor.
(function (PG) {
  'use strict';
  const { el, findingsList } = PG.ui;
  const WIDTH = 340;
  const GAP = 12;

  class Panel {
    constructor({ onPair, onRetry }) {
      this.onPair = onPair;
      this.onRetry = onRetry;
      this.anchor = null;
      this.host = el('div', { 'data-postguard': 'panel' });
      const root = this.host.attachShadow({ mode: 'open' });
      root.append(el('style', {}, PG.uiStyles));
      this.summary = el('p', { class: 'summary', role: 'status', 'aria-live': 'polite' });
      this.toggle = el('button', { class: 'toggle', type: 'button', 'aria-expanded': 'true' }, 'Hide');
      this.body = el('div', { class: 'body', id: 'postguard-panel-body' });
      this.toggle.setAttribute('aria-controls', this.body.id);
      this.toggle.addEventListener('click', () => this.setExpanded(this.body.hidden));
      this.box = el('aside', { class: 'panel', role: 'complementary', 'aria-label': 'PostGuard check' },
        el('header', {}, el('h2', {}, 'PostGuard'), this.summary, this.toggle), this.body);
      root.append(this.box);
      this.place = this.place.bind(this);
    }

    setExpanded(expanded) {
      this.body.hidden = !expanded;
      this.toggle.setAttribute('aria-expanded', String(expanded));
      this.toggle.textContent = expanded ? 'Hide' : 'Show';
    }

    attach(anchor) {
      this.anchor = anchor;
      if (!this.host.isConnected) {
        document.documentElement.append(this.host);
        window.addEventListener('scroll', this.place, true);
        window.addEventListener('resize', this.place);
      }
      this.place();
    }

    detach() {
      this.anchor = null;
      this.host.remove();
      window.removeEventListener('scroll', this.place, true);
      window.removeEventListener('resize', this.place);
    }

    // Beside the composer's container when there is room, else below it.
    place() {
      if (!this.anchor) return;
      const rect = this.anchor.getBoundingClientRect();
      const style = this.box.style;
      if (rect.right + GAP + WIDTH <= window.innerWidth) {
        style.left = `${rect.right + GAP}px`;
        style.top = `${Math.max(8, rect.top)}px`;
      } else {
        style.left = `${Math.max(8, Math.min(rect.left, window.innerWidth - WIDTH - 8))}px`;
        style.top = `${Math.min(rect.bottom + GAP, window.innerHeight - 120)}px`;
      }
    }

    render(outcome, attachments) {
      const state = outcome?.state ?? 'idle';
      this.box.dataset.state = state;
      this.box.dataset.verdict = state === 'checked' ? outcome.result.verdict : '';
      this.summary.textContent = PG.messages.summary(outcome);
      const content = [];
      if (state === 'checked') {
        const findings = outcome.result.findings;
        if (findings.length) content.push(findingsList(findings, attachments, 'What PostGuard found'));
        if (attachments.items.length) {
          const n = attachments.items.length;
          content.push(el('p', { class: 'policy' }, `${n} attached ${n === 1 ? 'photo' : 'photos'} checked.`));
        }
      } else if (state === 'offline' || state === 'error') {
        content.push(el('p', { class: 'help' }, state === 'offline' ? PG.messages.offlineHelp : ''),
          this.#button('Check again', this.onRetry));
      } else if (state === 'unpaired') {
        content.push(el('p', { class: 'help' }, PG.messages.unpairedHelp),
          this.#button('Open PostGuard settings to pair', this.onPair, 'primary'));
      }
      this.body.replaceChildren(...content);
      this.place();
    }

    #button(label, onClick, cls = '') {
      const button = el('button', { type: 'button', class: cls }, label);
      button.addEventListener('click', () => onClick());
      return button;
    }
  }

  PG.Panel = Panel;
})(globalThis.PostGuard ??= {});
