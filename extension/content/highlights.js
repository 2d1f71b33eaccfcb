// Marks findings in the composer without touching its DOM: the CSS Custom
// Highlight API where the browser has it, otherwise a click-through overlay
// of boxes drawn over the text.
(function (PG) {
  'use strict';

  const { verdict: VERDICT } = PG.protocol;
  const SEVERITIES = [VERDICT.BLOCK, VERDICT.WARN, VERDICT.INFO];
  const nameOf = (severity) => `postguard-${severity}`;
  const supported = () => typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';

  class Overlay {
    constructor() {
      this.host = null;
      this.ranges = [];
      this.redraw = this.redraw.bind(this);
    }

    show(rangesBySeverity) {
      this.ranges = SEVERITIES.flatMap((s) => rangesBySeverity[s].map((range) => ({ s, range })));
      if (!this.host) {
        this.host = document.createElement('div');
        this.host.setAttribute('aria-hidden', 'true');
        this.host.style.cssText = 'position:fixed;inset:0;pointer-events:none;z-index:2147483646;';
        document.documentElement.append(this.host);
        window.addEventListener('scroll', this.redraw, true);
        window.addEventListener('resize', this.redraw);
      }
      this.redraw();
    }

    redraw() {
      if (!this.host) return;
      const colors = { block: 'rgba(217,48,37,.25)', warn: 'rgba(249,171,0,.3)', info: 'rgba(95,99,104,.15)' };
      this.host.replaceChildren(...this.ranges.flatMap(({ s, range }) =>
        [...range.getClientRects()].map((r) => {
          const box = document.createElement('div');
          box.style.cssText = `position:fixed;left:${r.left}px;top:${r.top}px;width:${r.width}px;` +
            `height:${r.height}px;background:${colors[s]};border-bottom:2px solid ${colors[s].replace(/[\d.]+\)$/, '1)')};`;
          return box;
        })));
    }

    clear() {
      this.ranges = [];
      this.host?.replaceChildren();
    }
  }

  const overlay = new Overlay();

  PG.highlights = {
    // findings: daemon findings; snapshot: PG.editorText snapshot of the text they were made for.
    show(findings, snapshot) {
      const bySeverity = { block: [], warn: [], info: [] };
      for (const f of findings) {
        if (!(f.severity in bySeverity)) continue;
        const range = PG.editorText.rangeFor(snapshot, f.start_utf16, f.end_utf16);
        if (range) bySeverity[f.severity].push(range);
      }
      if (supported()) {
        for (const s of SEVERITIES) {
          if (bySeverity[s].length) CSS.highlights.set(nameOf(s), new Highlight(...bySeverity[s]));
          else CSS.highlights.delete(nameOf(s));
        }
      } else {
        overlay.show(bySeverity);
      }
    },

    clear() {
      if (supported()) for (const s of SEVERITIES) CSS.highlights.delete(nameOf(s));
      else overlay.clear();
    },
  };
})(globalThis.PostGuard ??= {});
