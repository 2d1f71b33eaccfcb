// Background worker: the only part of the extension that talks to the daemon.
// Content scripts and pages send it messages; it answers with plain data.
import '../lib/browser_api.js';
import '../lib/protocol.js';
import { DaemonClient, DaemonError } from './daemon_client.js';
import { badgeFor } from './badge.js';

const api = globalThis.PostGuard.api;
const { request: REQUEST, outcome: OUTCOME, status: STATUS } = globalThis.PostGuard.protocol;

// One check in flight per composer in a tab: a newer one aborts the older (stale) one.
const inFlight = new Map();

async function client() {
  const settings = await api.getSettings();
  return new DaemonClient(settings);
}

function outcomeOf(err) {
  if (err instanceof DaemonError) {
    return { state: err.state, message: err.message, code: err.code, status: err.status };
  }
  return { state: OUTCOME.ERROR, message: String(err?.message ?? err) };
}

function base64ToBlob(base64, type) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: type || 'application/octet-stream' });
}

// {text, images:[{name, sha256, type?, data? (base64)}]} -> outcome.
// When the daemon has not seen an image and its bytes were not sent, the
// answer is {state:'need-images', unknown:[sha256]} and the tab sends them.
async function check(message, tabId) {
  const key = `${tabId}:${typeof message.composer === 'string' ? message.composer : ''}`;
  inFlight.get(key)?.abort();
  const controller = new AbortController();
  inFlight.set(key, controller);
  try {
    const daemon = await client();
    const images = Array.isArray(message.images) ? message.images : [];
    let result = await daemon.checkByHash(message.text, images, controller.signal);
    const unknown = result.unknown_images ?? [];
    if (unknown.length) {
      const wanted = images.filter((img) => unknown.includes(img.sha256));
      if (wanted.some((img) => !img.data)) return { state: OUTCOME.NEED_IMAGES, unknown };
      const uploads = wanted.map((img) => ({ name: img.name, blob: base64ToBlob(img.data, img.type) }));
      const known = images.filter((img) => !unknown.includes(img.sha256));
      result = await daemon.checkWithUploads(message.text, uploads, known, controller.signal);
    }
    return { state: OUTCOME.CHECKED, result };
  } catch (err) {
    return outcomeOf(err);
  } finally {
    if (inFlight.get(key) === controller) inFlight.delete(key);
  }
}

async function status() {
  const settings = await api.getSettings();
  try {
    const daemon = new DaemonClient(settings);
    const health = await daemon.health();
    try {
      await daemon.verifyToken();
    } catch (err) {
      if (err instanceof DaemonError && err.state === OUTCOME.UNPAIRED) return { state: OUTCOME.UNPAIRED, port: settings.port, health };
      throw err;
    }
    return { state: STATUS.CONNECTED, port: settings.port, health };
  } catch (err) {
    return { ...outcomeOf(err), port: settings.port };
  }
}

async function pair({ port, code }) {
  const portNumber = Number(port);
  if (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535) {
    return { state: OUTCOME.ERROR, message: 'The port must be a whole number between 1 and 65535.' };
  }
  if (!/^\s*\S+\s*$/.test(String(code ?? ''))) {
    return { state: OUTCOME.ERROR, message: 'Type the pairing code shown by "postguard pair".' };
  }
  try {
    const token = await new DaemonClient({ port: portNumber }).pair(code);
    await api.saveSettings({ port: portNumber, token });
    return { state: STATUS.PAIRED };
  } catch (err) {
    const outcome = outcomeOf(err);
    if (outcome.state === OUTCOME.UNPAIRED) outcome.message = 'That pairing code was not accepted. Run "postguard pair" again and use the new code.';
    return outcome;
  }
}

// A new install opens the settings, where staff pair with PostGuard.
api.onFirstInstall(() => api.openInNewTab('options/options.html'));

api.onMessage(async (message, sender) => {
  const tabId = sender.tab?.id ?? null;
  switch (message?.type) {
    case REQUEST.CHECK: {
      const outcome = await check(message, tabId);
      if (tabId != null && outcome.state !== OUTCOME.ABORTED && outcome.state !== OUTCOME.NEED_IMAGES) {
        await api.setBadge(tabId, badgeFor(outcome)).catch(() => {});
      }
      return outcome;
    }
    case REQUEST.CLEAR_BADGE:
      if (tabId != null) await api.setBadge(tabId, { text: '' }).catch(() => {});
      return { ok: true };
    case REQUEST.STATUS:
      return status();
    case REQUEST.PAIR:
      return pair(message);
    case REQUEST.OPEN_OPTIONS:
      await api.openOptionsPage();
      return { ok: true };
    default:
      return { state: OUTCOME.ERROR, message: 'Unknown request.' };
  }
});
