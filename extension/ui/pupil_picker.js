// A quick pupil picker: type a name, choose from the consent list's matches
// (name and class). A combobox: Down/Up move through the suggestions, Enter
// takes one, Escape closes the list (and clears the box when it is closed).
// Suggestions come from the daemon's roster through the background worker.
(function (PG) {
  'use strict';
  const { request: REQUEST } = PG.protocol;
  const PAUSE_MS = 150;
  let nextId = 1;

  const search = (q) => PG.api.sendMessage({ type: REQUEST.FIND_PUPILS, q });

  // -> {element}; onPick({pupil, name, class}) when a suggestion is taken.
  function pupilPicker({ key, label, onPick }) {
    const { el } = PG.ui;
    const id = `pupil-picker-${nextId++}`;
    const input = el('input', {
      type: 'text', id, role: 'combobox', autocomplete: 'off', spellcheck: false,
      'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': `${id}-list`,
      'data-focus-key': `picker:${key}`,
    });
    const list = el('ul', { id: `${id}-list`, role: 'listbox', class: 'suggestions', 'aria-label': 'Pupils on the consent list' });
    list.hidden = true;
    const status = el('p', { class: 'picker-status', role: 'status', 'aria-live': 'polite' });
    const element = el('div', { class: 'picker' }, el('label', { htmlFor: id }, label), input, list, status);
    let options = [];
    let active = -1;
    let seq = 0;
    let timer = null;

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function highlight(index) {
      active = index;
      [...list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
      if (index >= 0) {
        input.setAttribute('aria-activedescendant', `${id}-option-${index}`);
        list.children[index].scrollIntoView({ block: 'nearest' });
      } else input.removeAttribute('aria-activedescendant');
    }

    function pick(index) {
      const pupil = options[index];
      if (!pupil) return;
      input.value = '';
      options = [];
      list.replaceChildren();
      close();
      status.textContent = `Added ${pupil.name} (${pupil.class || 'no class on the list'}).`;
      onPick(pupil);
    }

    function show(pupils, query) {
      options = pupils;
      list.replaceChildren(...pupils.map((p, i) => {
        const li = el('li', { id: `${id}-option-${i}`, role: 'option', 'aria-selected': 'false' },
          el('span', { class: 'choice-name' }, p.name), el('span', { class: 'choice-class' }, p.class || 'no class on the list'));
        li.addEventListener('mousedown', (event) => event.preventDefault()); // keep the focus in the box
        li.addEventListener('click', () => pick(i));
        return li;
      }));
      list.hidden = !pupils.length;
      input.setAttribute('aria-expanded', String(Boolean(pupils.length)));
      highlight(-1);
      status.textContent = pupils.length
        ? `${pupils.length} ${pupils.length === 1 ? 'pupil matches' : 'pupils match'}: use the arrow keys and Enter to choose.`
        : `No pupil on the consent list matches “${query}”.`;
    }

    async function lookUp() {
      const query = input.value.trim();
      const mine = ++seq;
      if (!query) {
        options = [];
        list.replaceChildren();
        close();
        status.textContent = '';
        return;
      }
      let answer;
      try {
        answer = await search(query);
      } catch {
        answer = { message: 'the extension was restarted; reload the page' };
      }
      if (mine !== seq) return; // a newer search is on its way
      if (Array.isArray(answer?.pupils)) show(answer.pupils, query);
      else {
        close();
        status.textContent = `PostGuard could not look up pupils: ${answer?.message ?? 'no answer'}.`;
      }
    }

    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(lookUp, PAUSE_MS);
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (!options.length) return;
        event.preventDefault();
        list.hidden = false;
        input.setAttribute('aria-expanded', 'true');
        const step = event.key === 'ArrowDown' ? 1 : -1;
        highlight(active < 0 && step < 0 ? options.length - 1 : (active + step + options.length) % options.length);
      } else if (event.key === 'Enter') {
        if (active >= 0 && !list.hidden) {
          event.preventDefault();
          pick(active);
        }
      } else if (event.key === 'Escape') {
        event.preventDefault();
        if (!list.hidden) close();
        else {
          input.value = '';
          ++seq;
          status.textContent = '';
        }
      }
    });
    input.addEventListener('blur', () => setTimeout(close, 0));
    return { element };
  }

  PG.pupilPicker = pupilPicker;
})(globalThis.PostGuard ??= {});
