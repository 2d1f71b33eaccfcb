// Every Facebook-specific selector lives here, so a Facebook markup change is
// a one-file fix. Other sites the user enables use the generic fallbacks.
(function (PG) {
  'use strict';

  const FACEBOOK_HOSTS = ['www.facebook.com', 'business.facebook.com', 'web.facebook.com', 'm.facebook.com'];

  PG.selectors = {
    isFacebook: () => FACEBOOK_HOSTS.includes(location.hostname),

    facebook: {
      // The composer is a Lexical editor.
      composer: [
        'div[contenteditable="true"][role="textbox"][data-lexical-editor="true"]',
        'div[contenteditable="true"][role="textbox"]',
      ],
      // The dialog or card that holds one composer and its Post button.
      composerContainer: ['div[role="dialog"]', 'form', '[data-pagelet]'],
      // Facebook's Post / Share / Publish buttons.
      postButton: [
        'div[role="button"][aria-label="Post"]',
        'div[role="button"][aria-label="Share now"]',
        'div[role="button"][aria-label="Publish"]',
        'div[role="button"][aria-label="Schedule"]',
      ],
      postButtonLabels: ['Post', 'Share now', 'Publish', 'Schedule', 'Share'],
      fileInput: 'input[type="file"]',
    },

    // Sites enabled in the options page: any text box.
    generic: {
      composer: ['[contenteditable="true"]', '[contenteditable=""]', 'textarea'],
      composerContainer: ['form', '[role="dialog"]'],
      postButton: ['button[type="submit"]', 'input[type="submit"]'],
      postButtonLabels: ['Post', 'Publish', 'Share', 'Send', 'Submit'],
      fileInput: 'input[type="file"]',
    },

    current() {
      return this.isFacebook() ? this.facebook : this.generic;
    },
  };
})(globalThis.PostGuard ??= {});
