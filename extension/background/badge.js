// The toolbar badge: number of findings, a tick when clear, OFF when
// PostGuard cannot check (not running or not paired).

import '../lib/protocol.js';

const { outcome: OUTCOME } = globalThis.PostGuard.protocol;
const COLORS = { block: '#b3261e', warn: '#b25e00', info: '#5f6368', ok: '#1e7e34', off: '#5f6368' };

export function badgeFor(outcome) {
  if (outcome.state !== OUTCOME.CHECKED) return { text: 'OFF', color: COLORS.off };
  const count = outcome.result.findings.length;
  if (count === 0) return { text: '✓', color: COLORS.ok };
  return { text: String(count), color: COLORS[outcome.result.verdict] ?? COLORS.info };
}
