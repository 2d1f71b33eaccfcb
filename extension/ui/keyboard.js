// Arrow keys move between the buttons of a group, which is one stop for Tab;
// Enter and Space press the focused button (they are native buttons).
(function (PG) {
  'use strict';

  const NEXT = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };

  PG.rovingFocus = function rovingFocus(group, buttons, current = 0) {
    const start = Math.max(0, Math.min(current, buttons.length - 1));
    buttons.forEach((b, i) => { b.tabIndex = i === start ? 0 : -1; });
    group.addEventListener('keydown', (event) => {
      const at = buttons.indexOf(event.target);
      if (at < 0) return;
      let next;
      if (event.key in NEXT) next = (at + NEXT[event.key] + buttons.length) % buttons.length;
      else if (event.key === 'Home') next = 0;
      else if (event.key === 'End') next = buttons.length - 1;
      else return;
      event.preventDefault();
      buttons[at].tabIndex = -1;
      buttons[next].tabIndex = 0;
      buttons[next].focus();
    });
  };
})(globalThis.PostGuard ??= {});
