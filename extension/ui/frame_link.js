// The frame side of the link to the content script. The content script hands
// this frame one end of a MessageChannel; only the first hand-over counts, so
// the page (which cannot read this cross-origin frame) can never take over a
// link the content script made, and nothing the content script sends reaches it.
(function (PG) {
  'use strict';
  const { frame: FRAME } = PG.protocol;

  PG.frameLink = function frameLink(onMessage) {
    return new Promise((resolve) => {
      const accept = (event) => {
        if (event.data?.type !== FRAME.CONNECT || !event.ports?.[0]) return;
        window.removeEventListener('message', accept);
        const port = event.ports[0];
        port.onmessage = (e) => onMessage(e.data);
        resolve((message) => port.postMessage(message));
      };
      window.addEventListener('message', accept);
    });
  };
})(globalThis.PostGuard ??= {});
