// Every sentence the page-side UI shows, in plain English for school staff.
(function (PG) {
  'use strict';

  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

  PG.messages = {
    severityLabel: {
      block: 'Must change before posting',
      warn: 'Check before posting',
      info: 'For information',
    },

    summary(outcome) {
      switch (outcome?.state) {
        case undefined:
        case null:
        case 'idle':
          return 'PostGuard checks this post as you type.';
        case 'checking':
          return 'Checking…';
        case 'offline':
          return 'PostGuard is not running on this computer, so this post has not been checked.';
        case 'unpaired':
          return 'This browser is not paired with PostGuard yet, so this post has not been checked.';
        case 'error':
          return `PostGuard could not check this post: ${outcome.message}`;
        case 'checked': {
          const { verdict, findings } = outcome.result;
          const count = (s) => findings.filter((f) => f.severity === s).length;
          if (verdict === 'block') return `${plural(count('block'), 'problem', 'problems')} must be fixed before this post can go out.`;
          if (verdict === 'warn') return `${plural(count('warn'), 'thing', 'things')} to check before posting.`;
          if (verdict === 'info') return `Nothing stops this post. ${plural(count('info'), 'note', 'notes')} below.`;
          return 'No problems found.';
        }
        default:
          return '';
      }
    },

    offlineHelp: 'Start PostGuard on this computer (for example, run "postguard serve"), then choose "Check again".',
    unpairedHelp: 'Open the PostGuard settings, type the pairing code shown by "postguard pair", and choose "Pair".',

    dialog: {
      blockTitle: 'This post cannot go out yet',
      blockIntro: 'PostGuard found something the school\'s social media policy does not allow. Change the post, then try again.',
      warnTitle: 'Check this post before it goes out',
      warnIntro: 'PostGuard found details that may identify a pupil. Post only if you are sure this is allowed.',
      offlineTitle: 'PostGuard could not check this post',
      offlineIntro: {
        offline: 'PostGuard is not running on this computer, so nobody has checked this post for pupils without consent.',
        unpaired: 'This browser is not paired with PostGuard, so nobody has checked this post for pupils without consent.',
        error: 'PostGuard had a problem and could not check this post for pupils without consent.',
      },
      offlineAsk: 'Post only if you have checked it yourself against the consent list.',
      offlineBlocked: 'Your settings do not allow posting without a PostGuard check. Start PostGuard or pair this browser, then try again.',
      goBack: 'Go back and edit',
      postAnyway: 'Post anyway',
      postUnchecked: 'Post without checking',
      openSettings: 'Open PostGuard settings',
    },
  };
})(globalThis.PostGuard ??= {});
