// Every Facebook-specific selector and label lives here, so a Facebook markup
// change is a one-file fix. Structure and roles come first; labels (English and
// Welsh, compared without zero-width characters or case) only where Facebook
// gives nothing else. Other sites the user enables use the generic fallbacks.
(function (PG) {
  'use strict';

  const FACEBOOK_HOSTS = ['www.facebook.com', 'business.facebook.com', 'web.facebook.com', 'm.facebook.com'];

  // Zero-width and invisible formatting characters Facebook puts inside button text.
  const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

  // "Pub\u200blish " -> "publish": how every label is compared.
  function normalizeLabel(text) {
    return String(text ?? '').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim().toLocaleLowerCase();
  }

  const CONTROL = '[role="button"], button, input[type="submit"], input[type="button"]';

  const selectors = {
    isFacebook: () => FACEBOOK_HOSTS.includes(globalThis.location?.hostname),
    normalizeLabel,

    facebook: {
      // Lexical editors: the Page composer and comments (role=textbox), Business
      // Suite's captions (role=combobox: they autocomplete @mentions and #hashtags).
      editor: [
        '[data-lexical-editor="true"][contenteditable="true"]',
        'div[contenteditable="true"][role="textbox"]',
        'div[contenteditable="true"][role="combobox"]',
      ],
      // The unit that holds one post's editors, photos and buttons, first match
      // wins: the composer dialog (a portal at the end of <body>), else the region
      // or form around an inline editor (never the whole feed).
      composerRoot: ['[role="dialog"]', '[role="region"]', 'form'],
      // A comment or reply box: inside a feed post, in its own form.
      commentRoot: ['form', '[role="article"]'],
      feedItem: '[role="article"]',
      commentLabelPrefixes: ['comment as', 'reply to', 'write a comment', 'write a reply', 'answer as',
        'rhoi sylw fel', 'ateb i', 'ysgrifennwch sylw', 'ysgrifennu sylw'],
      // Messenger's box: labels are all Facebook gives. A box not recognised here is checked like a post.
      messageLabels: ['message', 'neges', 'write a message', 'ysgrifennwch neges'],
      control: CONTROL,
      // What sends a post or a comment. Inside a composer the last button is also
      // taken as its submit (that is where Facebook puts Next, Post and Publish).
      submitLabels: [
        'post', 'next', 'share', 'share now', 'share now (public)', 'publish', 'schedule', 'save', 'save as draft',
        'comment', 'reply', 'send', 'update',
        'postio', 'nesaf', 'rhannu', 'rhannu nawr', 'cyhoeddi', 'amserlennu', 'cadw', 'cadw fel drafft',
        'rhoi sylw', 'ateb', 'anfon', 'diweddaru',
      ],
      // Never a submit, even where it is the last button.
      notSubmitLabels: ['back', 'close', 'cancel', 'remove', 'remove photo', 'edit', 'yn ôl', 'cau', 'canslo',
        'tynnu', 'tynnu llun', 'golygu'],
      // Previews of attached photos and videos: in the composer's labelled media
      // group, or any blob: picture (the files staff picked). Not every image:
      // the Page's own picture is in the dialog too.
      mediaPreview: ['[role="group"][aria-label="Attached media"] img', '[role="group"][aria-label="Cyfryngau atodedig"] img',
        'img[src^="blob:"]', 'video[src^="blob:"]'],
      // Where a submit outside any followed composer means PostGuard lost it.
      orphanScope: ['[role="dialog"]'],
    },

    // Sites enabled in the options page: any text box.
    generic: {
      editor: ['[contenteditable="true"]', '[contenteditable=""]', 'textarea'],
      composerRoot: ['form', '[role="dialog"]'],
      commentRoot: [],
      feedItem: null,
      commentLabelPrefixes: [],
      messageLabels: [],
      control: CONTROL,
      submitLabels: ['post', 'publish', 'share', 'send', 'submit', 'save'],
      notSubmitLabels: ['back', 'close', 'cancel'],
      mediaPreview: ['img[src^="blob:"]', 'video[src^="blob:"]'],
      orphanScope: ['[role="dialog"]'],
    },

    current() {
      if (!this.isFacebook()) return this.generic;
      return globalThis.location.hostname === 'business.facebook.com' ? this.business : this.facebook;
    },
  };
  // Business Suite's composer is the page itself: its captions and its Publish
  // button share the main area (or, failing that, the page), and a Publish there
  // that belongs to no followed composer means the composer was lost.
  selectors.business = {
    ...selectors.facebook,
    composerRoot: ['[role="dialog"]', '[role="main"]', 'body'],
    orphanScope: ['[role="dialog"]', '[role="main"]'],
    // Publish, Schedule and Save sit side by side in one footer.
    submitSiblings: true,
  };

  PG.selectors = selectors;
})(globalThis.PostGuard ??= {});
