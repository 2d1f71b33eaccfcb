// Places the panel (ui/panel.html in an iframe) beside the composer and
// sends it what to show.
(function (PG) {
  'use strict';
  const { frame: FRAME, outcome: OUTCOME } = PG.protocol;
  const WIDTH = 340;
  const GAP = 12;

  class Panel {
    constructor({ onPair, onRetry, onPhotoRemoved }) {
      this.onPair = onPair;
      this.onRetry = onRetry;
      this.onPhotoRemoved = onPhotoRemoved;
      this.anchor = null;
      this.view = null;
      this.height = 80;
      this.place = this.place.bind(this);
    }

    attach(anchor) {
      this.anchor = anchor;
      if (!this.view) {
        this.view = PG.openFrame('ui/panel.html', {
          title: 'PostGuard check',
          style: `width: ${WIDTH}px; height: ${this.height}px; background: #fff; border: 1px solid #ccd0d5; ` +
            'border-radius: 10px; box-shadow: 0 6px 24px rgba(0,0,0,.18);',
          onMessage: (message) => this.#onMessage(message),
        });
        window.addEventListener('scroll', this.place, true);
        window.addEventListener('resize', this.place);
      }
      this.place();
    }

    detach() {
      this.anchor = null;
      this.view?.close();
      this.view = null;
      window.removeEventListener('scroll', this.place, true);
      window.removeEventListener('resize', this.place);
    }

    #onMessage(message) {
      if (message?.type === FRAME.SIZE && Number.isFinite(message.height)) {
        this.height = Math.max(40, message.height);
        this.place();
      } else if (message?.type === FRAME.PAIR) this.onPair();
      else if (message?.type === FRAME.RETRY) this.onRetry();
      else if (message?.type === FRAME.PHOTO_REMOVED && typeof message.sha256 === 'string') this.onPhotoRemoved(message.sha256);
    }

    // Beside the composer's container when there is room, else below it.
    place() {
      if (!this.anchor || !this.view) return;
      const rect = this.anchor.getBoundingClientRect();
      const style = this.view.frame.style;
      const height = Math.min(this.height + 2, Math.round(window.innerHeight * 0.7));
      style.height = `${height}px`;
      if (rect.right + GAP + WIDTH <= window.innerWidth) {
        style.left = `${rect.right + GAP}px`;
        style.top = `${Math.max(8, rect.top)}px`;
      } else {
        style.left = `${Math.max(8, Math.min(rect.left, window.innerWidth - WIDTH - 8))}px`;
        style.top = `${Math.max(8, Math.min(rect.bottom + GAP, window.innerHeight - height - 8))}px`;
      }
    }

    render(outcome, attachments) {
      if (!this.view) return;
      // An empty composer (or a comment box nobody is using) shows no panel.
      const idle = (outcome?.state ?? OUTCOME.IDLE) === OUTCOME.IDLE && !attachments.items.length;
      this.view.frame.style.display = idle ? 'none' : 'block';
      const attached = attachments.items.map(({ name, sha256 }) => ({ name, sha256 }));
      this.view.send({ type: FRAME.RENDER, outcome, photos: attachments.thumbnails(), attached });
    }
  }

  PG.Panel = Panel;
})(globalThis.PostGuard ??= {});
