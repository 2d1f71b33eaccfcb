// What the staff member answered about one draft: which pupil an ambiguous name
// means ("Which Esme?") and who is in each photo with people. The answers live
// in this composer's memory only (never in storage, never in the page) and go
// with every check of the draft as `resolved` and `pictured`.
(function (PG) {
  'use strict';

  // A name that could be more than one pupil, where the answer matters (not when every
  // candidate may be named: that is only information).
  const isAmbiguous = (f) => Array.isArray(f.candidates) && f.candidates.length > 1 && f.severity !== 'info' &&
    typeof f.code === 'string' && f.code.startsWith('pupil.') &&
    Number.isInteger(f.start) && Number.isInteger(f.start_utf16) && Number.isInteger(f.end_utf16);

  const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
  const candidateOf = (c) => ({ pupil: String(c.pupil), name: String(c.name ?? ''), class: String(c.class ?? '') });
  // Reference thumbnails the admin chose to keep (image.faces candidates): small data: images only.
  const THUMBNAIL = /^data:image\/(?:jpeg|png|webp);base64,[A-Za-z0-9+/=]+$/;
  const toLookFor = (c) => {
    const thumbnails = Array.isArray(c.thumbnails) ? c.thumbnails.filter((t) => THUMBNAIL.test(t)).slice(0, 3) : [];
    return thumbnails.length ? { ...candidateOf(c), thumbnails } : candidateOf(c);
  };

  class DraftAnswers {
    constructor() {
      // key -> {key, start, end (code points, as the finding gave them), startUtf16, endUtf16, surface,
      //         candidates, pupil: {pupil, name, class}}
      this.resolved = new Map();
      // sha256 -> {pupils: [{pupil, name, class}], checked}
      this.pictured = new Map();
      // sha256 -> the photo's last image.faces finding (its boxes stay known once it is answered)
      this.faces = new Map();
    }

    // A mention is "where it was" while the same text sits at the same place.
    static keyOf(startUtf16, endUtf16, surface) {
      return `${startUtf16}:${endUtf16}:${surface}`;
    }

    // Forget choices whose name is no longer where it was: other text there, or the
    // name now part of a longer word ("Esme" -> "Esmeralda").
    prune(text) {
      for (const [key, entry] of this.resolved) {
        const same = text.slice(entry.startUtf16, entry.endUtf16) === entry.surface &&
          !WORD_CHAR.test(text.slice(Math.max(0, entry.startUtf16 - 1), entry.startUtf16)) &&
          !WORD_CHAR.test(text.slice(entry.endUtf16, entry.endUtf16 + 1));
        if (!same) this.resolved.delete(key);
      }
    }

    // The "Which …?" questions of a checked draft, in text order: every ambiguous
    // mention, and every mention already answered (so the answer can be changed).
    // -> [{key, surface, start, end, startUtf16, endUtf16, candidates, chosen: UPN | null}]
    questions(result, text) {
      this.prune(text);
      const out = new Map();
      for (const f of result?.findings ?? []) {
        if (!isAmbiguous(f)) continue;
        const surface = text.slice(f.start_utf16, f.end_utf16);
        const key = DraftAnswers.keyOf(f.start_utf16, f.end_utf16, surface);
        if (out.has(key)) continue;
        out.set(key, {
          key, surface, start: f.start, end: f.end, startUtf16: f.start_utf16, endUtf16: f.end_utf16,
          candidates: f.candidates.map(candidateOf), chosen: this.resolved.get(key)?.pupil.pupil ?? null,
        });
      }
      for (const entry of this.resolved.values()) {
        if (!out.has(entry.key)) out.set(entry.key, { ...questionOf(entry), chosen: entry.pupil.pupil });
      }
      return [...out.values()].sort((a, b) => a.startUtf16 - b.startUtf16);
    }

    // question: one of questions(); pupil: one of its candidates, or null to take the answer back.
    choose(question, pupil) {
      if (!pupil) {
        this.resolved.delete(question.key);
        return;
      }
      const chosen = question.candidates.find((c) => c.pupil === pupil.pupil);
      if (!chosen) return;
      this.resolved.set(question.key, { ...questionOf(question), pupil: candidateOf(chosen) });
    }

    clearResolved() {
      this.resolved.clear();
    }

    // A pupil is in the photo (add), is not after all (remove), or "none of these is in it" (checked).
    markPictured(sha256, { add, remove, checked } = {}) {
      const entry = this.pictured.get(sha256) ?? { pupils: [], checked: false };
      if (add && !entry.pupils.some((p) => p.pupil === add.pupil)) entry.pupils = [...entry.pupils, candidateOf(add)];
      if (remove) entry.pupils = entry.pupils.filter((p) => p.pupil !== remove);
      if (typeof checked === 'boolean') entry.checked = checked;
      if (entry.pupils.length || entry.checked) this.pictured.set(sha256, entry);
      else this.pictured.delete(sha256);
    }

    // Keeps each photo's faces (boxes, pupils to look for) from the latest answer.
    noteResult(result) {
      for (const f of result?.findings ?? []) {
        if (f.code === 'image.faces' && typeof f.sha256 === 'string' && Array.isArray(f.boxes)) {
          this.faces.set(f.sha256, {
            image: f.image, sha256: f.sha256, faces: f.faces, boxes: f.boxes,
            candidates: (f.candidates ?? []).map(toLookFor), groups: f.groups ?? [],
          });
        }
      }
    }

    // The check request's answer fields for this text and these attached photos' SHA-256s.
    forRequest(text, attachedShas = []) {
      this.prune(text);
      const resolved = [...this.resolved.values()].map(({ start, end, pupil }) => ({ start, end, pupil: pupil.pupil }));
      const pictured = [];
      for (const sha256 of attachedShas) {
        const entry = this.pictured.get(sha256);
        if (!entry) continue;
        if (entry.pupils.length) pictured.push({ sha256, pupils: entry.pupils.map((p) => p.pupil) });
        if (entry.checked) pictured.push({ sha256, checked: true });
      }
      return { resolved, pictured };
    }

    // What the panel shows beside the findings (plain data, for the extension's frame).
    forPanel(attachedShas = []) {
      const photos = {};
      for (const sha256 of attachedShas) {
        const faces = this.faces.get(sha256);
        if (faces) photos[sha256] = { ...faces, answer: this.pictured.get(sha256) ?? { pupils: [], checked: false } };
      }
      return { photos };
    }
  }

  function questionOf(q) {
    return {
      key: q.key, surface: q.surface, start: q.start, end: q.end, startUtf16: q.startUtf16, endUtf16: q.endUtf16,
      candidates: q.candidates,
    };
  }

  PG.DraftAnswers = DraftAnswers;
})(globalThis.PostGuard ??= {});
