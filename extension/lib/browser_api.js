// The one wrapper over the browser's extension API: `browser.*` on Firefox,
// `chrome.*` on Chrome and Edge. Every other file goes through PostGuard.api,
// so the rest of the code never cares which browser it runs in.
// Loaded as a classic script (content scripts, pages) and imported for its
// side effect by the background module, hence the global namespace.
(function (PG) {
  'use strict';
  const ext = globalThis.browser ?? globalThis.chrome;

  // Only these keys ever go to storage.local: never draft text or images.
  const DEFAULTS = Object.freeze({
    port: 8765,
    token: '',
    blockWhenOffline: false,
    checkMessages: false, // Messenger is not the school's public voice: checked only when switched on
    extraSites: [],
  });
  // What a school's IT team may fix by policy (storage.managed, see managed_schema.json).
  const POLICY_KEYS = Object.freeze(['port', 'blockWhenOffline', 'extraSites']);

  // "https://example.org/path" -> "https://example.org/*"; null when not an https address.
  function sitePattern(line) {
    try {
      const text = String(line).trim();
      const url = new URL(text.includes('://') ? text : `https://${text}`);
      if (url.protocol !== 'https:') return null; // staff post over https only
      return `${url.protocol}//${url.hostname}/*`;
    } catch {
      return null;
    }
  }

  // Policy values that are wrong for their setting are named in `invalid` and not used: a bad
  // policy never silently turns a setting into something nobody chose.
  function fromPolicy(policy) {
    const fixed = {};
    const invalid = [];
    const given = policy && typeof policy === 'object' ? policy : {};
    for (const key of POLICY_KEYS) {
      if (!(key in given)) continue;
      const value = given[key];
      if (key === 'port' && Number.isInteger(value) && value >= 1 && value <= 65535) fixed.port = value;
      else if (key === 'blockWhenOffline' && typeof value === 'boolean') fixed.blockWhenOffline = value;
      else if (key === 'extraSites' && Array.isArray(value) && value.map(sitePattern).every(Boolean)) {
        fixed.extraSites = [...new Set(value.map(sitePattern))];
      } else invalid.push(key);
    }
    return { fixed, invalid };
  }

  // Defaults < the user's own choices < the school's policy. `managed` lists what policy fixed.
  function mergeSettings(stored, policy) {
    const own = Object.fromEntries(Object.entries(stored ?? {}).filter(([key]) => key in DEFAULTS));
    const { fixed, invalid } = fromPolicy(policy);
    return { ...DEFAULTS, ...own, ...fixed, managed: Object.keys(fixed), invalidPolicy: invalid };
  }

  // Without a policy Chrome answers {} and Firefox rejects: both mean "nothing fixed".
  async function readPolicy() {
    try {
      return (await ext.storage.managed.get(null)) ?? {};
    } catch {
      return {};
    }
  }

  PG.api = {
    DEFAULTS,
    sitePattern,
    mergeSettings,

    async getSettings() {
      const [stored, policy] = await Promise.all([ext.storage.local.get(Object.keys(DEFAULTS)), readPolicy()]);
      return mergeSettings(stored, policy);
    },

    // Settings the school fixed are not saved over (the options page shows them as fixed).
    async saveSettings(changes) {
      const { fixed } = fromPolicy(await readPolicy());
      const allowed = Object.fromEntries(
        Object.entries(changes).filter(([key]) => key in DEFAULTS && !(key in fixed)));
      await ext.storage.local.set(allowed);
    },

    onSettingsChanged(listener) {
      ext.storage.onChanged.addListener((changes, area) => {
        if (area === 'local' || area === 'managed') listener(changes);
      });
    },

    // Content script or page -> background worker. Resolves with the answer.
    sendMessage(message) {
      return ext.runtime.sendMessage(message);
    },

    // Background side: `handler(message, sender)` returns a value or a promise.
    // sendResponse + `return true` works in both Chrome and Firefox.
    onMessage(handler) {
      ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
        Promise.resolve()
          .then(() => handler(message, sender))
          .then(sendResponse, (err) => sendResponse({ error: String(err?.message ?? err) }));
        return true;
      });
    },

    async setBadge(tabId, { text, color }) {
      const target = tabId == null ? {} : { tabId };
      await ext.action.setBadgeText({ ...target, text });
      if (color) await ext.action.setBadgeBackgroundColor({ ...target, color });
    },

    // First install only: not on updates or browser restarts.
    onFirstInstall(listener) {
      ext.runtime.onInstalled.addListener(({ reason }) => {
        if (reason === 'install') listener();
      });
    },

    // Always a new tab (openOptionsPage may take over an empty tab the user just opened).
    openInNewTab(path) {
      return ext.tabs.create({ url: ext.runtime.getURL(path) });
    },

    // The address of one of the extension's own files (its frames' pages).
    extensionUrl(path) {
      return ext.runtime.getURL(path);
    },

    openOptionsPage() {
      return ext.runtime.openOptionsPage();
    },

    requestOrigins(origins) {
      return ext.permissions.request({ origins });
    },

    removeOrigins(origins) {
      return ext.permissions.remove({ origins });
    },

    // Sites the user enabled in the options page get the same content scripts
    // (with the generic textarea/contenteditable fallback).
    async registerExtraSites(patterns) {
      const id = 'postguard-extra-sites';
      const existing = await ext.scripting.getRegisteredContentScripts({ ids: [id] });
      if (existing.length) await ext.scripting.unregisterContentScripts({ ids: [id] });
      if (!patterns.length) return;
      const manifest = ext.runtime.getManifest().content_scripts[0];
      await ext.scripting.registerContentScripts([{
        id,
        matches: patterns,
        js: manifest.js,
        css: manifest.css,
        runAt: manifest.run_at,
        persistAcrossSessions: true,
      }]);
    },
  };
})(globalThis.PostGuard ??= {});
