// Wires the content-side parts together: the composers on the page, the panel
// and highlights for the one in use, and the decision at each submit.
(function (PG) {
  'use strict';
  const api = PG.api;
  const { request: REQUEST, outcome: OUTCOME, verdict: VERDICT, dialogKind: DIALOG, answer: ANSWER } = PG.protocol;

  const settings = { blockWhenOffline: false, checkMessages: false };
  let active = null; // the composer the panel and the highlights show

  const composers = new PG.composers.Composers({
    includeMessages: () => settings.checkMessages,
    onOutcome(composer, outcome, snapshot) {
      if (composer === active) show(outcome, snapshot);
    },
    onDrop(composer) {
      if (composer === active) deactivate();
    },
  });

  const panel = new PG.Panel({
    onPair: () => api.sendMessage({ type: REQUEST.OPEN_OPTIONS }),
    onRetry: () => active?.loop.checkNow(),
    // The site gives no reliable sign that a photo was taken out of the post,
    // so staff say so in the panel.
    onPhotoRemoved: (sha256) => active?.attachments.remove(sha256),
    // Answers from the panel ("Which Esme?", who is in a photo): kept for this draft, then checked again.
    onChoosePupil: ({ key, pupil }) => answerAndCheck((answers, snapshot) => {
      const question = answers.questions(active.latest?.outcome.result, snapshot.text).find((q) => q.key === key);
      if (question) answers.choose(question, pupil);
    }),
    onMarkPictured: ({ sha256, ...change }) => answerAndCheck((answers) => answers.markPictured(sha256, change)),
  });

  function answerAndCheck(change) {
    if (!active) return;
    change(active.answers, active.read());
    active.loop.checkNow();
  }

  function show(outcome, snapshot) {
    panel.render(outcome, active.attachments, active.answers, snapshot);
    if (outcome.state === OUTCOME.CHECKED) PG.highlights.show(outcome.result.findings, snapshot);
    else if (outcome.state !== OUTCOME.CHECKING) PG.highlights.clear();
    if (outcome.state === OUTCOME.IDLE) api.sendMessage({ type: REQUEST.CLEAR_BADGE }).catch(() => {});
  }

  function activate(composer) {
    if (!composer || composer === active) return;
    active = composer;
    panel.attach(composer.root);
    if (composer.latest) show(composer.latest.outcome, composer.latest.snapshot);
    else panel.render({ state: OUTCOME.IDLE }, composer.attachments);
  }

  function deactivate() {
    active = null;
    PG.highlights.clear();
    panel.detach();
    api.sendMessage({ type: REQUEST.CLEAR_BADGE }).catch(() => {});
    // Another composer still on the page takes over the panel.
    const next = composers.all().find((c) => c.latest && c.latest.outcome.state !== OUTCOME.IDLE);
    if (next) activate(next);
  }

  // Composers appear (Facebook mounts its dialog a moment after the click) and go.
  let scanQueued = false;
  function scanSoon() {
    if (scanQueued) return;
    scanQueued = true;
    setTimeout(() => {
      scanQueued = false;
      composers.scan();
      if (!active) {
        const first = composers.all().find((c) => c.kind !== PG.composers.KIND.COMMENT);
        if (first) activate(first);
      }
    }, 200);
  }

  // The composer a photo belongs to: where its input or drop target is, else the one in use.
  function attachmentsFor(target) {
    composers.scan();
    const composer = composers.unitAt(target) ?? active;
    if (composer) activate(composer);
    return composer?.attachments ?? null;
  }

  const dialogOptions = () => ({
    blockWhenOffline: settings.blockWhenOffline,
    onOpenSettings: () => api.sendMessage({ type: REQUEST.OPEN_OPTIONS }),
  });

  // PostGuard cannot tell what is being posted: say so and ask (or stop, when the options say so).
  async function askUnchecked(outcome, attachments) {
    const answer = await PG.showPostDialog(DIALOG.UNCHECKED, outcome, { ...dialogOptions(), attachments });
    return answer === ANSWER.POST && !settings.blockWhenOffline;
  }

  // A question answered at Next is not asked again at the Post right after it,
  // for the same post: the answer is good for one more submit, then asked again.
  async function askOnce(composer, what, snapshot, ask) {
    const key = [what, snapshot.text, ...composer.attachments.items.map((i) => i.sha256)].join('\u0000');
    if (composer.confirmed === key && !settings.blockWhenOffline) {
      composer.confirmed = null;
      return true;
    }
    composer.confirmed = null;
    const go = await ask();
    if (go) composer.confirmed = key;
    return go;
  }

  // The moment of posting: check the whole composer, then let it go, confirm, or stop.
  async function decide({ composer, editor }) {
    if (!composer) return askUnchecked({ state: OUTCOME.LOST }, null);
    activate(composer);
    const { outcome, snapshot } = await composer.loop.checkNow();
    const { attachments } = composer;
    if (outcome.state === OUTCOME.IDLE) {
      // The page shows a photo PostGuard did not get; or a post box with nothing PostGuard could read.
      // An empty comment box sends nothing (or a sticker, which names nobody); nor does Ctrl+Enter in
      // a post box whose editors hold no text at all.
      const state = composer.previewCount() ? OUTCOME.PHOTOS_UNSEEN : OUTCOME.UNREADABLE;
      const empty = () => composer.editors.every((el) => !el.textContent.trim());
      const sendsNothing = composer.kind === PG.composers.KIND.COMMENT ||
        (editor && (composer.kind !== PG.composers.KIND.POST || empty()));
      if (state === OUTCOME.UNREADABLE && sendsNothing) return true;
      return askOnce(composer, state, snapshot, () => askUnchecked({ state }, attachments));
    }
    if (outcome.state !== OUTCOME.CHECKED) {
      return askOnce(composer, outcome.state, snapshot, () => askUnchecked(outcome, attachments));
    }
    const verdict = outcome.result.verdict;
    if (verdict === VERDICT.BLOCK) {
      await PG.showPostDialog(DIALOG.BLOCK, outcome, { ...dialogOptions(), attachments }); // no way through
      return false;
    }
    if (composer.hasUnseenPhotos()) {
      const state = OUTCOME.PHOTOS_UNSEEN;
      return askOnce(composer, state, snapshot, () => askUnchecked({ state }, attachments));
    }
    if (verdict === VERDICT.WARN) {
      return askOnce(composer, verdict, snapshot, async () =>
        (await PG.showPostDialog(DIALOG.WARN, outcome, { ...dialogOptions(), attachments })) === ANSWER.POST);
    }
    return true;
  }

  // A fault while deciding must not hold the post silently: say PostGuard could not check it, and ask.
  async function decideOrAsk(request) {
    try {
      return await decide(request);
    } catch {
      return askUnchecked({ state: OUTCOME.ERROR }, request.composer?.attachments ?? null);
    }
  }

  new PG.SubmitGuard({ composers, decide: decideOrAsk }).install();

  async function start() {
    const stored = await api.getSettings();
    settings.blockWhenOffline = stored.blockWhenOffline;
    settings.checkMessages = stored.checkMessages;
    api.onSettingsChanged((changes) => {
      if ('blockWhenOffline' in changes) settings.blockWhenOffline = Boolean(changes.blockWhenOffline.newValue);
      if ('checkMessages' in changes) {
        settings.checkMessages = Boolean(changes.checkMessages.newValue);
        if (!settings.checkMessages) composers.forgetMessages();
        scanSoon();
      }
      if ('token' in changes || 'port' in changes) for (const c of composers.all()) c.loop.checkNow();
    });
    PG.watchPhotos(attachmentsFor);
    document.addEventListener('focusin', (event) => {
      const editor = composers.editorAt(event.target);
      if (editor) activate(composers.track(editor));
      else {
        const composer = composers.unitAt(event.target);
        if (composer && composer.kind !== PG.composers.KIND.COMMENT) activate(composer);
      }
    }, true);
    new MutationObserver(scanSoon).observe(document.documentElement, { childList: true, subtree: true });
    scanSoon();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
})(globalThis.PostGuard ??= {});
