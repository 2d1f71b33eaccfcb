// "Which Esme?": a name in the post could be more than one pupil. The panel lists
// each of them by full name and class; the choice is kept for this draft (while
// the name stays where it was) and sent with the next check as `resolved`.
(function (PG) {
  'use strict';
  const { frame: FRAME } = PG.protocol;

  // questions: from PG.DraftAnswers.questions(); send: the link to the content script.
  function whichPupil(questions, send) {
    const { el } = PG.ui;
    if (!questions?.length) return null;
    const section = el('section', { class: 'which-pupil', 'aria-label': 'Which pupil do you mean?' });
    questions.forEach((q, index) => {
      const headingId = `which-pupil-${index}`;
      const chosen = q.candidates.find((c) => c.pupil === q.chosen) ?? null;
      const hint = chosen
        ? `You chose ${chosen.name} (${chosen.class || 'no class on the list'}). PostGuard checks the post as that pupil.`
        : `“${q.surface}” could be more than one pupil on the consent list. Choose the one you mean:`;
      const buttons = q.candidates.map((c) => {
        const b = el('button', {
          type: 'button', class: 'choice', 'aria-pressed': String(c.pupil === q.chosen),
          'data-focus-key': `which:${q.key}:${c.pupil}`,
        }, el('span', { class: 'choice-name' }, c.name), el('span', { class: 'choice-class' }, c.class || 'no class on the list'));
        b.addEventListener('click', () => {
          if (c.pupil !== q.chosen) send({ type: FRAME.CHOOSE_PUPIL, key: q.key, pupil: c });
        });
        return b;
      });
      const group = el('div', { role: 'group', class: 'choices', 'aria-labelledby': headingId }, ...buttons);
      PG.rovingFocus(group, buttons, Math.max(0, q.candidates.findIndex((c) => c.pupil === q.chosen)));
      const undo = chosen ? el('button', { type: 'button', class: 'small', 'data-focus-key': `which-undo:${q.key}` },
        'Undo this choice') : null;
      undo?.addEventListener('click', () => send({ type: FRAME.CHOOSE_PUPIL, key: q.key, pupil: null }));
      section.append(el('div', { class: 'question', 'data-answered': String(Boolean(chosen)) },
        el('h3', { id: headingId }, `Which ${q.surface}?`), el('p', { class: 'hint' }, hint), group, undo));
    });
    return section;
  }

  PG.whichPupil = whichPupil;
})(globalThis.PostGuard ??= {});
