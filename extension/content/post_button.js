// Stops the Post button until PostGuard has checked the final text.
// Capture-phase listeners on window run before any of the page's own handlers;
// once the post may go, the click is replayed on the same button.
(function (PG) {
  'use strict';

  const ACTIVATING_KEYS = new Set(['Enter', ' ']);

  class PostButtonGuard {
    // decide(button) resolves true when the post may go out.
    constructor({ isGuarded, decide }) {
      this.isGuarded = isGuarded;
      this.decide = decide;
      this.replaying = false;
      this.deciding = false;
      this.onEvent = this.onEvent.bind(this);
    }

    install() {
      window.addEventListener('click', this.onEvent, true);
      window.addEventListener('keydown', this.onEvent, true);
    }

    findButton(target) {
      if (!(target instanceof Element)) return null;
      const sel = PG.selectors.current();
      const direct = target.closest(sel.postButton.join(','));
      if (direct) return direct;
      const candidate = target.closest('[role="button"], button, input[type="submit"]');
      if (!candidate) return null;
      const label = (candidate.getAttribute('aria-label') || candidate.value || candidate.textContent || '').trim();
      return sel.postButtonLabels.includes(label) ? candidate : null;
    }

    onEvent(event) {
      if (this.replaying) return;
      if (event.type === 'keydown' && !ACTIVATING_KEYS.has(event.key)) return;
      const button = this.findButton(event.composedPath()[0] ?? event.target);
      if (!button || !this.isGuarded(button)) return;
      // A disabled Post button does nothing anyway: leave it to the page.
      if (button.getAttribute('aria-disabled') === 'true' || button.disabled) return;
      // A native <button> turns Enter/Space into a click itself: guard that click.
      if (event.type === 'keydown' && button.tagName === 'BUTTON') return;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (this.deciding) return;
      this.deciding = true;
      Promise.resolve(this.decide(button))
        .then((go) => { if (go && button.isConnected) this.replay(button); })
        .finally(() => { this.deciding = false; });
    }

    replay(button) {
      this.replaying = true;
      try {
        button.click();
      } finally {
        this.replaying = false;
      }
    }
  }

  PG.PostButtonGuard = PostButtonGuard;
})(globalThis.PostGuard ??= {});
