// Stops every way a tracked composer sends a post until PostGuard has checked
// the whole composer: its submit buttons (Next, Post, Publish, Comment...,
// clicked, or pressed with Enter or Space), Enter in a comment box, Ctrl+Enter
// or Cmd+Enter in a post's editor, and a submit event of a composer's form.
// Capture-phase listeners on window run before any of the page's own
// (delegated) handlers; once the post may go, the click, the key or the form
// submit is replayed, once.
(function (PG) {
  'use strict';
  const { KIND, labelOf } = PG.composers;
  const ACTIVATING_KEYS = new Set(['Enter', ' ']);
  const SENT_BY_ENTER = new Set([KIND.COMMENT, KIND.MESSAGE]);

  // An input method is composing: its Enter picks a word, it sends nothing. Chromium
  // and Safari give keyCode 229 while composing, Safari also just after it ends.
  const composing = (event) => event.isComposing || event.keyCode === 229;

  const keyOf = (event) => ({
    key: event.key, code: event.code, keyCode: event.keyCode, which: event.keyCode, location: event.location,
    ctrlKey: event.ctrlKey, shiftKey: event.shiftKey, altKey: event.altKey, metaKey: event.metaKey,
  });

  class SubmitGuard {
    // decide({composer, control, label, editor}) resolves true when the post may go.
    // composer is null for a submit whose composer PostGuard lost; editor is set
    // for a post sent by a key in it.
    constructor({ composers, decide }) {
      this.composers = composers;
      this.decide = decide;
      this.replaying = false;
      this.deciding = false;
      // Keys whose press PostGuard held: their release is held too, or a page
      // that acts on keyup (Space on a button) would send the post unchecked.
      this.heldKeys = new Set();
      this.onEvent = this.onEvent.bind(this);
      this.onKeyUp = this.onKeyUp.bind(this);
    }

    install() {
      window.addEventListener('click', this.onEvent, true);
      window.addEventListener('keydown', this.onEvent, true);
      window.addEventListener('keyup', this.onKeyUp, true);
      window.addEventListener('submit', this.onEvent, true);
    }

    // A key in an editor that sends: Enter (with or without Ctrl, Alt or Cmd; not
    // Shift, a new line) in a comment or Messenger box; Ctrl+Enter or Cmd+Enter in
    // a post's editor (plain Enter there is a new paragraph).
    keyInEditor(event, target) {
      if (event.key !== 'Enter') return null;
      const editor = this.composers.editorAt(target);
      if (!editor) return null;
      const composer = this.composers.unitAt(editor) ?? this.composers.track(editor);
      if (!composer) return null;
      const sends = SENT_BY_ENTER.has(composer.kind) ? !event.shiftKey : event.ctrlKey || event.metaKey;
      return sends ? { composer, editor, key: keyOf(event) } : null;
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

    // A composer's form submitted by the page itself (requestSubmit, Enter in a field). One
    // submitted from the click or key PostGuard let go is checked again: a warning answered
    // then is not asked twice (main.js), a clear post goes at once.
    formSubmit(form, submitter) {
      const composer = this.composers.unitAt(form) ??
        this.composers.all().find((c) => form.contains(c.root)) ?? null;
      if (!composer) return null;
      // Only a form that sends this composer: not, say, a search form elsewhere on Business Suite's page.
      const sends = form.contains(composer.root) || composer.editors.some((el) => form.contains(el)) ||
        [...form.querySelectorAll(PG.selectors.current().control)].some((c) => composer.isSubmit(c));
      return sends ? { composer, form, submitter } : null;
    }

    onEvent(event) {
      if (this.replaying) return;
      const target = event.composedPath()[0] ?? event.target;
      if (!(target instanceof Element)) return;
      let request = null;
      if (event.type === 'keydown') {
        this.heldKeys.delete(event.code); // pressed again: its last release was not seen here
        if (!ACTIVATING_KEYS.has(event.key) || composing(event)) return;
        this.composers.scan();
        request = this.keyInEditor(event, target) ?? this.submitControl(target, true);
        if (request) this.heldKeys.add(event.code);
      } else if (event.type === 'submit') {
        if (!(target instanceof HTMLFormElement)) return;
        this.composers.scan();
        request = this.formSubmit(target, event.submitter);
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

    onKeyUp(event) {
      if (this.replaying || !this.heldKeys.delete(event.code)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
    }

    replay({ composer, control, label, editor, key, form, submitter }) {
      this.replaying = true;
      try {
        if (editor) {
          // The same key again, pressed and released (a re-created box keeps the draft: nothing is sent).
          if (!editor.isConnected) return;
          for (const type of ['keydown', 'keyup']) {
            editor.dispatchEvent(new KeyboardEvent(type, { ...key, bubbles: true, cancelable: true, composed: true }));
          }
          return;
        }
        if (form) {
          if (form.isConnected) form.requestSubmit(submitter?.form === form ? submitter : null);
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
