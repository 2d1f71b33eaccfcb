// Talks to the PostGuard daemon on this computer (loopback only).
// Used only by the background worker: content scripts never call the daemon.

import '../lib/protocol.js';

const { outcome: OUTCOME } = globalThis.PostGuard.protocol;
const HEALTH_TIMEOUT_MS = 2500;
const CHECK_TIMEOUT_MS = 20000;

// What went wrong, in terms the rest of the extension acts on.
export class DaemonError extends Error {
  constructor(state, message, { code = null, status = null } = {}) {
    super(message);
    this.state = state;   // OUTCOME.OFFLINE | UNPAIRED | ERROR | ABORTED
    this.code = code;     // the daemon's error code, when it sent one
    this.status = status; // HTTP status, when there was a response
  }
}

export class DaemonClient {
  constructor({ port, token }) {
    this.base = `http://127.0.0.1:${Number(port)}`;
    this.token = token || '';
  }

  health() {
    return this.#request('GET', '/v1/health', { timeoutMs: HEALTH_TIMEOUT_MS });
  }

  // Resolves when the daemon accepts this browser's token (any token-only
  // read will do; the API description is the cheapest and logs no check).
  async verifyToken() {
    await this.#request('GET', '/v1/openapi.json', { auth: true, timeoutMs: HEALTH_TIMEOUT_MS });
  }

  async pair(code) {
    const answer = await this.#request('POST', '/v1/pair', {
      json: { code: String(code).trim() }, timeoutMs: HEALTH_TIMEOUT_MS * 2,
    });
    if (!answer?.token) throw new DaemonError(OUTCOME.ERROR, 'PostGuard did not return a pairing token.');
    return answer.token;
  }

  // First call: text plus each image's name and SHA-256 (no bytes).
  checkByHash(text, images, signal) {
    return this.#request('POST', '/v1/check', {
      json: { text, images: images.map(({ name, sha256 }) => ({ name, sha256 })) },
      auth: true, signal, timeoutMs: CHECK_TIMEOUT_MS,
    });
  }

  // Second call, only when the daemon has not seen some images: the text,
  // those images' bytes as multipart/form-data, and the images it already
  // knows by hash (image_refs), so their findings stay in the answer.
  checkWithUploads(text, uploads, known, signal) {
    const form = new FormData();
    form.append('text', text);
    if (known.length) form.append('image_refs', JSON.stringify(known.map(({ name, sha256 }) => ({ name, sha256 }))));
    for (const { name, blob } of uploads) form.append('images', blob, name);
    return this.#request('POST', '/v1/check', {
      form, auth: true, signal, timeoutMs: CHECK_TIMEOUT_MS,
    });
  }

  async #request(method, path, { json, form, auth = false, signal, timeoutMs }) {
    if (auth && !this.token) throw new DaemonError(OUTCOME.UNPAIRED, 'This browser is not paired with PostGuard.');
    const headers = {};
    if (auth) headers.Authorization = `Bearer ${this.token}`;
    let body;
    if (json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(json);
    } else if (form) {
      body = form; // fetch sets the multipart boundary itself
    }
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response;
    try {
      response = await fetch(this.base + path, { method, headers, body, signal: combined, cache: 'no-store' });
    } catch (err) {
      if (signal?.aborted) throw new DaemonError(OUTCOME.ABORTED, 'A newer check replaced this one.');
      throw new DaemonError(OUTCOME.OFFLINE, 'PostGuard is not running on this computer.');
    }
    let payload = null;
    try {
      payload = await response.json();
    } catch {
      // A non-JSON answer is handled below as an error.
    }
    if (response.ok && payload) return payload;
    const detail = payload?.error ?? {};
    if (response.status === 401 || (response.status === 403 && detail.code === 'origin_not_paired')) {
      throw new DaemonError(OUTCOME.UNPAIRED, detail.message || 'This browser is not paired with PostGuard.',
        { code: detail.code, status: 401 });
    }
    throw new DaemonError(OUTCOME.ERROR, detail.message || `PostGuard answered with an error (${response.status}).`,
      { code: detail.code ?? null, status: response.status });
  }
}
