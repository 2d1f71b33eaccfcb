// Checks the draft after a pause in typing. Each check gets a number; an
// answer for anything but the latest check, or for text that has changed
// since, is thrown away (the background worker also aborts the stale request).
(function (PG) {
  'use strict';
  const api = PG.api;
  const PAUSE_MS = 800;

  class CheckLoop {
    constructor({ editor, attachments, onOutcome }) {
      this.editor = editor;
      this.attachments = attachments;
      this.onOutcome = onOutcome;
      this.seq = 0;
      this.timer = null;
      this.latest = null; // {text, outcome}
    }

    schedule() {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.checkNow(), PAUSE_MS);
    }

    stop() {
      clearTimeout(this.timer);
      this.seq++;
    }

    // Checks the text as it is now and returns {outcome, snapshot}; shows the
    // answer unless a newer check started meanwhile.
    async checkNow() {
      clearTimeout(this.timer);
      const seq = ++this.seq;
      const snapshot = PG.editorText.snapshot(this.editor);
      if (!snapshot.text.trim() && !this.attachments.items.length) {
        const outcome = { state: 'idle' };
        this.latest = { text: snapshot.text, outcome };
        this.onOutcome(outcome, snapshot);
        return { outcome, snapshot };
      }
      if (!this.latest || this.latest.outcome.state !== 'checked') this.onOutcome({ state: 'checking' }, snapshot);
      const outcome = await this.#request(snapshot.text);
      const current = seq === this.seq && PG.editorText.snapshot(this.editor).text === snapshot.text;
      if (current && outcome.state !== 'aborted') {
        this.latest = { text: snapshot.text, outcome };
        this.onOutcome(outcome, snapshot);
      }
      return { outcome, snapshot };
    }

    async #request(text) {
      try {
        let images = await this.attachments.forRequest();
        let answer = await api.sendMessage({ type: 'check', text, images });
        if (answer?.state === 'need-images') {
          images = await this.attachments.forRequest(answer.unknown);
          answer = await api.sendMessage({ type: 'check', text, images });
          if (answer?.state === 'need-images') {
            return { state: 'error', message: 'the attached photos could not be sent to PostGuard.' };
          }
        }
        if (!answer?.state) return { state: 'error', message: answer?.error ?? 'No answer from the extension.' };
        return answer;
      } catch (err) {
        // Usually: the extension was updated or reloaded; the page needs a reload.
        return { state: 'error', message: 'PostGuard was restarted. Reload this page to check again.' };
      }
    }
  }

  PG.CheckLoop = CheckLoop;
})(globalThis.PostGuard ??= {});
