// Checks a composer's draft after a pause in typing. Each check gets a number;
// an answer for anything but the latest check, or for text that has changed
// since, is thrown away (the background worker also aborts the stale request).
(function (PG) {
  'use strict';
  const api = PG.api;
  const { request: REQUEST, outcome: OUTCOME } = PG.protocol;
  const PAUSE_MS = 800;

  class CheckLoop {
    // read() -> PG.editorText snapshot of the whole composer; id: the composer's
    // id, so checks of two composers in one tab do not cancel each other.
    constructor({ read, attachments, onOutcome, id }) {
      this.read = read;
      this.attachments = attachments;
      this.onOutcome = onOutcome;
      this.id = id;
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
      await this.attachments.settled(); // photos still being read belong in this check
      const snapshot = this.read();
      if (!snapshot.text.trim() && !this.attachments.items.length) {
        const outcome = { state: OUTCOME.IDLE };
        this.latest = { text: snapshot.text, outcome };
        this.onOutcome(outcome, snapshot);
        return { outcome, snapshot };
      }
      if (this.latest?.outcome.state !== OUTCOME.CHECKED) this.onOutcome({ state: OUTCOME.CHECKING }, snapshot);
      const outcome = await this.#request(snapshot.text);
      const current = seq === this.seq && this.read().text === snapshot.text;
      if (current && outcome.state !== OUTCOME.ABORTED) {
        this.latest = { text: snapshot.text, outcome };
        this.onOutcome(outcome, snapshot);
      }
      return { outcome, snapshot };
    }

    async #request(text) {
      const ask = (images) => api.sendMessage({ type: REQUEST.CHECK, text, images, composer: this.id });
      try {
        let answer = await ask(await this.attachments.forRequest());
        if (answer?.state === OUTCOME.NEED_IMAGES) {
          answer = await ask(await this.attachments.forRequest(answer.unknown));
          if (answer?.state === OUTCOME.NEED_IMAGES) {
            return { state: OUTCOME.ERROR, message: 'the attached photos could not be sent to PostGuard.' };
          }
        }
        if (!answer?.state) return { state: OUTCOME.ERROR, message: answer?.error ?? 'No answer from the extension.' };
        return answer;
      } catch {
        // Usually: the extension was updated or reloaded; the page needs a reload.
        return { state: OUTCOME.ERROR, message: 'PostGuard was restarted. Reload this page to check again.' };
      }
    }
  }

  PG.CheckLoop = CheckLoop;
})(globalThis.PostGuard ??= {});
