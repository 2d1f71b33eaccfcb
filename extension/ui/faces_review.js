// Photos with people (image.faces): PostGuard cannot tell who is in them, so the
// panel makes the person's check quick: the faces boxed on the thumbnail, the
// pupils without photo consent to look for, a picker for anyone else, "None of
// these is in the photo", and, once a pupil without consent is said to be in
// it, a blurred copy to attach instead. Answers go back with the check as `pictured`.
(function (PG) {
  'use strict';
  const { frame: FRAME } = PG.protocol;

  // Per photo (by SHA-256), parts that keep their state across the panel's redraws.
  const pickers = new Map();
  const blurs = new Map();

  const classOf = (p) => p.class || 'no class on the list';
  const pct = (v) => `${(Math.max(0, Math.min(1, v)) * 100).toFixed(2)}%`;

  function boxedThumbnail(el, thumb, name, boxes) {
    const marks = boxes.map(([x, y, w, h], i) => el('span', { class: 'face-box', 'data-face': String(i + 1),
      style: `left:${pct(x)};top:${pct(y)};width:${pct(w)};height:${pct(h)}` }, String(i + 1)));
    const what = `${name}, with ${boxes.length} ${boxes.length === 1 ? 'face' : 'faces'} marked`;
    if (!thumb) return el('p', { class: 'hint' }, `No preview of ${what}.`);
    return el('figure', { class: 'boxed-photo' },
      el('div', { class: 'boxed-frame' }, el('img', { src: thumb, alt: what }), ...marks));
  }

  // "(in Kestrel, the class the post names)": the list is narrowed to the classes or years the post names.
  function narrowed(groups) {
    if (!groups?.length) return '';
    const list = groups.length === 1 ? groups[0] : `${groups.slice(0, -1).join(', ')} and ${groups.at(-1)}`;
    return ` (in ${list}, as the post says)`;
  }

  function review({ sha256, info, findings, thumb, file, send }) {
    const { el } = PG.ui;
    const answer = info.answer;
    const pictured = new Set(answer.pupils.map((p) => p.pupil));
    const blocked = findings.find((f) => f.code === 'image.no_consent' && f.sha256 === sha256);
    const mark = (change) => send({ type: FRAME.MARK_PICTURED, sha256, ...change });

    const lookFor = info.candidates.length
      ? el('ul', { class: 'look-for', 'aria-label': 'Pupils without photo consent to look for' },
        ...info.candidates.map((p) => {
          const inIt = pictured.has(p.pupil);
          const toggle = el('button', { type: 'button', class: 'small', 'aria-pressed': String(inIt),
            'aria-label': `${p.name} is in the photo`, 'data-focus-key': `faces-in:${sha256}:${p.pupil}` },
          inIt ? 'In the photo' : 'Is in it');
          toggle.addEventListener('click', () => mark(inIt ? { remove: p.pupil } : { add: p }));
          // Reference thumbnails, when the admin keeps them: faces to compare by eye.
          const refs = (p.thumbnails ?? []).map((src, i) => el('img', { class: 'reference', src,
            alt: `Reference photo ${i + 1} of ${p.name}` }));
          return el('li', {}, el('span', {}, el('span', { class: 'choice-name' }, p.name), ' ',
            el('span', { class: 'choice-class' }, classOf(p))), ...refs, toggle);
        }))
      : el('p', { class: 'hint' }, 'There is no pupil without photo consent to look for.');

    let picker = pickers.get(sha256);
    if (!picker) {
      picker = PG.pupilPicker({
        key: sha256, label: 'Someone else in it? Type a pupil\'s name',
        onPick: (p) => mark({ add: p }),
      });
      pickers.set(sha256, picker);
    }

    const others = answer.pupils.filter((p) => !info.candidates.some((c) => c.pupil === p.pupil));
    const saidList = others.length
      ? el('ul', { class: 'pictured', 'aria-label': 'Other pupils you said are in the photo' }, ...others.map((p) => {
        const remove = el('button', { type: 'button', class: 'small', 'aria-label': `${p.name} is not in the photo`,
          'data-focus-key': `faces-remove:${sha256}:${p.pupil}` }, 'Not in it');
        remove.addEventListener('click', () => mark({ remove: p.pupil }));
        return el('li', {}, el('span', {}, `${p.name} (${classOf(p)})`), remove);
      }))
      : null;

    const none = el('button', { type: 'button', 'aria-pressed': String(answer.checked),
      'data-focus-key': `faces-none:${sha256}` }, 'None of these is in the photo');
    none.addEventListener('click', () => mark({ checked: !answer.checked }));

    let blurPart = null;
    if (blocked && info.boxes.length) {
      blurPart = blurs.get(sha256);
      if (!blurPart) {
        blurPart = PG.blurCopy.blurSection({ sha256, name: info.image, boxes: info.boxes, file });
        blurs.set(sha256, blurPart);
      }
      blurPart.update({ file });
    }

    const n = info.boxes.length;
    return el('section', { class: 'faces', 'aria-label': `People in ${info.image}`, 'data-sha256': sha256 },
      el('h3', {}, `Who is in ${info.image}?`),
      el('p', { class: 'hint' }, `PostGuard found ${n} ${n === 1 ? 'face' : 'faces'} but cannot tell who they are.` +
        (info.candidates.length ? ` Look for these pupils without photo consent${narrowed(info.groups)}:` : '')),
      boxedThumbnail(el, thumb, info.image, info.boxes), lookFor, picker.element, saidList, none,
      blocked ? el('p', { class: 'stopped', role: 'alert' },
        'This photo cannot be posted: a pupil without photo consent is in it.') : null,
      blurPart?.element ?? null);
  }

  // faces: {sha256: PG.DraftAnswers.forPanel() photo}; photos: {name: thumbnail}; files: {sha256: File}.
  function facesReview({ faces, findings, photos, files, send }) {
    const sections = [];
    for (const [sha256, info] of Object.entries(faces ?? {})) {
      const shown = findings.some((f) => f.sha256 === sha256 && (f.code === 'image.faces' || f.code === 'image.no_consent'));
      if (!shown) continue;
      sections.push(review({ sha256, info, findings, thumb: photos?.[info.image], file: files?.[sha256], send }));
    }
    for (const sha256 of [...pickers.keys()]) {
      if (!(sha256 in (faces ?? {}))) {
        pickers.delete(sha256);
        blurs.delete(sha256);
      }
    }
    return sections;
  }

  PG.facesReview = facesReview;
})(globalThis.PostGuard ??= {});
