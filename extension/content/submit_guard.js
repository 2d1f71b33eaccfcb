// Stops every way a tracked composer sends a post until PostGuard has checked
// the whole composer: its submit buttons (Next, Post, Publish, Comment...,
// clicked or pressed with Enter/Space) and Enter in a comment box. Capture-phase
// listeners on window run before any of the page's own (delegated) handlers;
// once the post may go, the click or the Enter is replayed.
(function (PG) {
  'use strict';
  const { KIND, labelOf } = PG.composers;
  const ACTIVATING_KEYS = new Set(['Enter', ' ']);
  const SENT_BY_ENTER = new Set([KIND.COMMENT, KIND.MESSAGE]);

  class SubmitGuard {
    // decide({composer, control, label, editor}) resolves true when the post may go.
    // composer is null for a submit whose composer PostGuard lost.
    constructor({ composers, decide }) {
      this.composers = composers;
      this.decide = decide;
      this.replaying = false;
      this.deciding = false;
      this.onEvent = this.onEvent.bind(this);
    }

    install() {
      window.addEventListener('click', this.onEvent, true);
      window.addEventListener('keydown', this.onEvent, true);
    }

    // Enter (no Shift) in a comment or Messenger box sends it.
    enterToSend(event, target) {
      if (event.key !== 'Enter' || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return null;
      if (event.isComposing) return null;
      const editor = this.composers.editorAt(target);
      if (!editor) return null;
      const composer = this.composers.unitAt(editor) ?? this.composers.track(editor);
      if (!composer || !SENT_BY_ENTER.has(composer.kind)) return null;
      return { composer, editor };
    }

    submitControl(target, byKey) {
      const sel = PG.selectors.current();
      const control = target.closest(sel.control);
      if (!control || this.composers.editorAt(control)) return null;
      // A disabled button does nothing anyway: leave it to the page.
      if (control.getAttribute('aria-disabled') === 'true' || control.disabled) return null;
      // A native <button> turns Enter/Space into a click itself: guard that click.
      if (byKey && control.tagName === 'BUTTON') return null;
      const label = labelOf(control);
      const composer = this.composers.unitAt(control);
      if (composer) return composer.isSubmit(control) ? { composer, control, label } : null;
      // A submit in a composer-like place that PostGuard does not follow: the
      // composer it sends was lost (re-mounted, or never seen). Known by its label,
      // or in any language as the last button of what replaced a composer with a draft.
      const byLabel = sel.submitLabels.includes(label) && sel.orphanScope.some((s) => control.closest(s));
      const successor = this.composers.successorOf(control);
      const byPlace = successor && [...successor.querySelectorAll(sel.control)]
        .filter((c) => c.getClientRects().length > 0).at(-1) === control;
      return byLabel || byPlace ? { composer: null, control, label } : null;
    }

    onEvent(event) {
      if (this.replaying) return;
      const target = event.composedPath()[0] ?? event.target;
      if (!(target instanceof Element)) return;
      let request = null;
      if (event.type === 'keydown') {
        if (!ACTIVATING_KEYS.has(event.key)) return;
        this.composers.scan();
        request = this.enterToSend(event, target) ?? this.submitControl(target, true);
      } else {
        this.composers.scan();
        request = this.submitControl(target, false);
      }
      if (!request) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (this.deciding) return;
      this.deciding = true;
      Promise.resolve(this.decide(request))
        .then((go) => { if (go) this.replay(request); })
        .finally(() => { this.deciding = false; });
    }

    replay({ composer, control, label, editor }) {
      this.replaying = true;
      try {
        if (editor) {
          if (!editor.isConnected) return;
          editor.dispatchEvent(new KeyboardEvent('keydown', {
            key: 'Enter', code: 'Enter', keyCode: 13, which: 13, bubbles: true, cancelable: true, composed: true,
          }));
          return;
        }
        // React may have re-created the button meanwhile: press its replacement.
        const target = control.isConnected ? control : composer?.findControl(label);
        target?.click();
      } finally {
        this.replaying = false;
      }
    }
  }

  PG.SubmitGuard = SubmitGuard;
})(globalThis.PostGuard ??= {});
