// Background worker: the only part of the extension that talks to the daemon.
// Content scripts and pages send it messages; it answers with plain data.
import '../lib/browser_api.js';
import { DaemonClient, DaemonError } from './daemon_client.js';
import { badgeFor } from './badge.js';

const api = globalThis.PostGuard.api;

// One check in flight per tab: a newer one aborts the older (stale) one.
const inFlight = new Map();

async function client() {
  const settings = await api.getSettings();
  return new DaemonClient(settings);
}

function outcomeOf(err) {
  if (err instanceof DaemonError) {
    return { state: err.state, message: err.message, code: err.code, status: err.status };
  }
  return { state: 'error', message: String(err?.message ?? err) };
}

function base64ToBlob(base64, type) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: type || 'application/octet-stream' });
}

// {text, images:[{name, sha256, type?, data? (base64)}]} -> outcome.
// When the daemon has not seen an image and its bytes were not sent, the
// answer is {state:'need-images', unknown:[sha256]} and the tab sends them.
async function check(message, tabId) {
  inFlight.get(tabId)?.abort();
  const controller = new AbortController();
  inFlight.set(tabId, controller);
  try {
    const daemon = await client();
    const images = Array.isArray(message.images) ? message.images : [];
    let result = await daemon.checkByHash(message.text, images, controller.signal);
    const unknown = result.unknown_images ?? [];
    if (unknown.length) {
      const wanted = images.filter((img) => unknown.includes(img.sha256));
      if (wanted.some((img) => !img.data)) return { state: 'need-images', unknown };
      const uploads = wanted.map((img) => ({ name: img.name, blob: base64ToBlob(img.data, img.type) }));
      const known = images.filter((img) => !unknown.includes(img.sha256));
      result = await daemon.checkWithUploads(message.text, uploads, known, controller.signal);
    }
    return { state: 'checked', result };
  } catch (err) {
    return outcomeOf(err);
  } finally {
    if (inFlight.get(tabId) === controller) inFlight.delete(tabId);
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
      if (err instanceof DaemonError && err.state === 'unpaired') return { state: 'unpaired', port: settings.port, health };
      throw err;
    }
    return { state: 'connected', port: settings.port, health };
  } catch (err) {
    return { ...outcomeOf(err), port: settings.port };
  }
}

async function pair({ port, code }) {
  const portNumber = Number(port);
  if (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535) {
    return { state: 'error', message: 'The port must be a whole number between 1 and 65535.' };
  }
  if (!/^\s*\S+\s*$/.test(String(code ?? ''))) {
    return { state: 'error', message: 'Type the pairing code shown by "postguard pair".' };
  }
  try {
    const token = await new DaemonClient({ port: portNumber }).pair(code);
    await api.saveSettings({ port: portNumber, token });
    return { state: 'paired' };
  } catch (err) {
    const outcome = outcomeOf(err);
    if (outcome.state === 'unpaired') outcome.message = 'That pairing code was not accepted. Run "postguard pair" again and use the new code.';
    return outcome;
  }
}

// A new install opens the settings, where staff pair with PostGuard.
api.onFirstInstall(() => api.openInNewTab('options/options.html'));

api.onMessage(async (message, sender) => {
  const tabId = sender.tab?.id ?? null;
  switch (message?.type) {
    case 'check': {
      const outcome = await check(message, tabId);
      if (tabId != null && outcome.state !== 'aborted' && outcome.state !== 'need-images') {
        await api.setBadge(tabId, badgeFor(outcome)).catch(() => {});
      }
      return outcome;
    }
    case 'clear-badge':
      if (tabId != null) await api.setBadge(tabId, { text: '' }).catch(() => {});
      return { ok: true };
    case 'status':
      return status();
    case 'pair':
      return pair(message);
    case 'open-options':
      await api.openOptionsPage();
      return { ok: true };
    default:
      return { state: 'error', message: 'Unknown request.' };
  }
});
