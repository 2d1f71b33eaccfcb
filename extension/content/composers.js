// The composer model: each composer (the Page's post dialog, Business Suite's
// page, one comment box) is followed as one unit from the first keystroke to
// publication: its editors, its attached photos, its latest check. The unit is
// keyed by its root element (the dialog), so it survives Next/Back, step 1
// being hidden or unmounted, and React re-creating the nodes inside it.
(function (PG) {
  'use strict';
  const { outcome: OUTCOME } = PG.protocol;

  const KIND = Object.freeze({ POST: 'post', COMMENT: 'comment', MESSAGE: 'message' });
  let nextId = 1;

  const sel = () => PG.selectors.current();
  const norm = (text) => PG.selectors.normalizeLabel(text);
  const firstClosest = (el, selectors) => {
    for (const s of selectors) {
      const found = el.closest(s);
      if (found) return found;
    }
    return null;
  };

  // What a control says: its aria-label, else its visible text (or value).
  function labelOf(control) {
    return norm(control.getAttribute('aria-label') || control.value || control.textContent);
  }

  function kindOf(editor) {
    const s = sel();
    const label = norm(editor.getAttribute('aria-label'));
    if (s.messageLabels.includes(label)) return KIND.MESSAGE;
    if (s.commentLabelPrefixes.some((prefix) => label.startsWith(prefix))) return KIND.COMMENT;
    // Structure: an editor inside a feed post is its comment box.
    if (s.feedItem && editor.closest(s.feedItem)) return KIND.COMMENT;
    return KIND.POST;
  }

  function rootOf(editor, kind) {
    const s = sel();
    const root = kind === KIND.COMMENT ? editor.closest(s.commentRoot.join(',')) : firstClosest(editor, s.composerRoot);
    return root ?? editor.parentElement ?? editor;
  }

  const isEditable = (el) => el.isContentEditable || el.tagName === 'TEXTAREA';

  class Composer {
    constructor(root, kind, hooks) {
      this.id = `composer-${nextId++}`;
      this.root = root;
      this.kind = kind;
      this.parts = []; // {el, label, text}: one per editor, the text it last held
      this.latest = null; // {outcome, snapshot}
      this.sawPreviews = false;
      this.confirmed = null; // the question staff last answered with "post" (see main.js)
      this.attachments = new PG.Attachments(() => this.loop.schedule());
      this.loop = new PG.CheckLoop({
        id: this.id, read: () => this.read(), attachments: this.attachments,
        onOutcome: (outcome, snapshot) => {
          if (outcome.state !== OUTCOME.CHECKING) this.latest = { outcome, snapshot };
          hooks.onOutcome(this, outcome, snapshot);
        },
      });
      // Typing, pasting and the editor's own re-rendering all end up here.
      this.observer = new MutationObserver(() => this.loop.schedule());
    }

    // Something was written or attached.
    hasContent() {
      return this.parts.some((p) => p.text.trim()) || this.attachments.items.length > 0;
    }

    get editors() {
      return this.parts.map((p) => p.el).filter((el) => el.isConnected);
    }

    // -> true when the editor is new to this composer.
    addEditor(el) {
      if (this.parts.some((p) => p.el === el)) return false;
      const label = norm(el.getAttribute('aria-label'));
      // An editor React re-created (Back after step 1 was unmounted) takes the place of the one that went.
      const gone = this.parts.find((p) => !p.el.isConnected && p.label === label) ??
        this.parts.find((p) => !p.el.isConnected);
      if (gone) gone.el = el;
      else this.parts.push({ el, label, text: '' });
      this.observer.observe(el, { characterData: true, childList: true, subtree: true });
      return true;
    }

    // The whole composer's text as it will be posted.
    read() {
      const present = this.parts.filter((p) => p.el.isConnected);
      if (present.length) {
        // Editors that went while others stayed were taken out of the post (a caption switched off).
        this.parts = present;
        return PG.editorText.combine(present.map((p) => {
          const snapshot = PG.editorText.snapshot(p.el);
          p.text = snapshot.text;
          return snapshot;
        }));
      }
      // Every editor went (step 1 unmounted for Post settings): what they last held is what is posted.
      const text = this.parts.map((p) => p.text).filter(Boolean).join('\n\n');
      return { kind: 'editable', root: null, text, segments: [] };
    }

    inEditor(node) {
      return this.editors.some((el) => el.contains(node));
    }

    // Photo and video previews the page shows in this composer.
    previewCount() {
      return [...this.root.querySelectorAll(sel().mediaPreview.join(','))].filter((el) => !this.inEditor(el)).length;
    }

    // The page shows more photos than PostGuard was given to check.
    hasUnseenPhotos() {
      return this.previewCount() > this.attachments.items.length;
    }

    // Once the page has shown this composer's previews and then shows none while
    // its editors are still there, every photo was taken out. (Fewer previews say
    // nothing about which one went: the panel's "I removed it" is for that. A page
    // whose previews PostGuard cannot see never gets here, so nothing is dropped unseen.)
    notePreviews() {
      const count = this.previewCount();
      if (count > 0) this.sawPreviews = true;
      else if (this.sawPreviews && this.editors.length) {
        this.sawPreviews = false;
        this.attachments.clear();
      }
    }

    // The composer's visible buttons, leaving out those in the editors and on
    // photo previews (a preview's remove button is no submit, whatever its place).
    controls() {
      const previews = sel().mediaPreview.join(',');
      const onPreview = (c) => Boolean((c.closest('[role="group"]') ?? c.parentElement)?.querySelector(previews));
      return [...this.root.querySelectorAll(sel().control)]
        .filter((c) => !this.inEditor(c) && c.getClientRects().length > 0 && !onPreview(c));
    }

    // Next, Post, Publish, Comment...: by structure and role first, labels second.
    isSubmit(control) {
      const s = sel();
      const label = labelOf(control);
      if (s.notSubmitLabels.includes(label)) return false;
      if (control.type === 'submit') return true;
      if (s.submitLabels.includes(label)) return true;
      // A composer's last button is its submit (Next, Post, Publish, a comment's send, in any language)...
      const last = this.controls().at(-1);
      if (last === control) return true;
      // ...and in Business Suite so are the buttons beside it (Schedule, Save).
      return Boolean(s.submitSiblings) && this.kind === KIND.POST && last?.parentElement === control.parentElement;
    }

    // A control React re-created since it was pressed: the same label in the same composer.
    findControl(label) {
      return this.controls().find((c) => labelOf(c) === label) ?? null;
    }

    stop() {
      this.loop.stop();
      this.observer.disconnect();
    }
  }

  class Composers {
    // hooks: onOutcome(composer, outcome, snapshot), onDrop(composer); includeMessages() -> bool
    constructor(hooks) {
      this.hooks = hooks;
      this.units = new Map(); // root element -> Composer
      // Dialogs (or Business Suite pages) that took the place of a composer that
      // went with a draft in it: Facebook re-mounted the composer, PostGuard lost it.
      this.successors = new WeakSet();
    }

    all() {
      return [...this.units.values()];
    }

    // Finds every editor on the page; forgets composers whose root left the page.
    scan() {
      for (const unit of this.all()) {
        if (unit.root.isConnected) continue;
        if (unit.hasContent()) this.#noteSuccessors();
        this.drop(unit);
      }
      for (const editor of document.querySelectorAll(sel().editor.join(','))) {
        if (isEditable(editor)) this.track(editor);
      }
      for (const unit of this.all()) unit.notePreviews();
    }

    // -> the composer of this editor (created if new), or null when it is not followed.
    track(editor) {
      const kind = kindOf(editor);
      if (kind === KIND.MESSAGE && !this.hooks.includeMessages()) return null;
      const root = rootOf(editor, kind);
      let unit = this.units.get(root);
      if (!unit) {
        unit = new Composer(root, kind, this.hooks);
        this.units.set(root, unit);
      }
      if (unit.addEditor(editor)) unit.loop.checkNow();
      return unit;
    }

    #noteSuccessors() {
      for (const el of document.querySelectorAll(sel().orphanScope.join(','))) {
        if (!this.unitAt(el) && !el.querySelector(sel().editor.join(','))) this.successors.add(el);
      }
    }

    // The scope (a dialog) around a control that took the place of a lost composer, or null.
    successorOf(control) {
      for (const s of sel().orphanScope) {
        const scope = control.closest(s);
        if (scope && this.successors.has(scope)) return scope;
      }
      return null;
    }

    // The composer a node belongs to: the nearest enclosing root.
    unitAt(node) {
      for (let el = node instanceof Element ? node : node?.parentElement; el; el = el.parentElement) {
        const unit = this.units.get(el);
        if (unit) return unit;
      }
      return null;
    }

    editorAt(node) {
      const el = node instanceof Element ? node : node?.parentElement;
      const editor = el?.closest(sel().editor.join(','));
      return editor && isEditable(editor) ? editor : null;
    }

    drop(unit) {
      unit.stop();
      this.units.delete(unit.root);
      this.hooks.onDrop(unit);
    }

    // Messenger was switched on or off in the options.
    forgetMessages() {
      for (const unit of this.all()) if (unit.kind === KIND.MESSAGE) this.drop(unit);
    }
  }

  PG.composers = { Composers, KIND, labelOf };
})(globalThis.PostGuard ??= {});
