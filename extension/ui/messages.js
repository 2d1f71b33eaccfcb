// Every sentence the page-side UI shows, in plain English for school staff.
(function (PG) {
  'use strict';

  const { outcome: OUTCOME, verdict: VERDICT } = PG.protocol;
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
        case OUTCOME.IDLE:
          return 'PostGuard checks this post as you type.';
        case OUTCOME.CHECKING:
          return 'Checking…';
        case OUTCOME.OFFLINE:
          return 'PostGuard is not running on this computer, so this post has not been checked.';
        case OUTCOME.UNPAIRED:
          return 'This browser is not paired with PostGuard yet, so this post has not been checked.';
        case OUTCOME.ERROR:
          return `PostGuard could not check this post: ${outcome.message}`;
        case OUTCOME.CHECKED: {
          const { verdict, findings } = outcome.result;
          const count = (s) => findings.filter((f) => f.severity === s).length;
          if (verdict === VERDICT.BLOCK) return `${plural(count(VERDICT.BLOCK), 'problem', 'problems')} must be fixed before this post can go out.`;
          if (verdict === VERDICT.WARN) return `${plural(count(VERDICT.WARN), 'thing', 'things')} to check before posting.`;
          if (verdict === VERDICT.INFO) return `Nothing stops this post. ${plural(count(VERDICT.INFO), 'note', 'notes')} below.`;
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
      // Why PostGuard could not check, by outcome state.
      offlineIntro: {
        [OUTCOME.OFFLINE]: 'PostGuard is not running on this computer, so nobody has checked this post for pupils without consent.',
        [OUTCOME.UNPAIRED]: 'This browser is not paired with PostGuard, so nobody has checked this post for pupils without consent.',
        [OUTCOME.ERROR]: 'PostGuard had a problem and could not check this post for pupils without consent.',
        [OUTCOME.LOST]: 'PostGuard can no longer see the post this button sends (Facebook rebuilt the post box), so it cannot tell what is being posted. Nobody has checked it for pupils without consent. To have it checked, close this post box and start the post again.',
        [OUTCOME.UNREADABLE]: 'PostGuard could not read what this post says, so nobody has checked it for pupils without consent.',
        [OUTCOME.PHOTOS_UNSEEN]: 'This post has a photo or video that PostGuard did not get to check, so nobody has checked it for pupils without photo consent.',
      },
      offlineAsk: 'Post only if you have checked it yourself against the consent list.',
      offlineBlocked: 'Your settings do not allow posting without a PostGuard check. Start PostGuard or pair this browser, then try again.',
      // When the settings stop unchecked posts and PostGuard itself is working.
      unseenBlocked: 'Your settings do not allow posting without a PostGuard check. Close this post box and write the post again (add photos with the Photo/video button), so PostGuard can check it.',
      goBack: 'Go back and edit',
      postAnyway: 'Post anyway',
      postUnchecked: 'Post without checking',
      openSettings: 'Open PostGuard settings',
    },
  };
})(globalThis.PostGuard ??= {});
