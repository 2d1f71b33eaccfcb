// Shows one of the extension's own pages (ui/*.html) in an iframe over the
// page. The page cannot read a cross-origin frame, so findings (consent
// status, pupils' names) never end up in the site's DOM.
(function (PG) {
  'use strict';
  const { frame: FRAME } = PG.protocol;

  // -> {frame, ready: Promise, send(message)}; onMessage gets the frame's messages.
  PG.openFrame = function openFrame(page, { style, title, onMessage }) {
    const frame = document.createElement('iframe');
    const url = PG.api.extensionUrl(page);
    frame.src = url;
    frame.title = title;
    frame.dataset.postguard = page.replace(/^ui\/|\.html$/g, '');
    frame.setAttribute('allowtransparency', 'true');
    frame.style.cssText = `all: initial; position: fixed; z-index: 2147483646; border: 0; color-scheme: light; ${style}`;
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => onMessage?.(event.data);
    const queued = [];
    let connected = false;
    const ready = new Promise((resolve) => {
      frame.addEventListener('load', () => {
        frame.contentWindow.postMessage({ type: FRAME.CONNECT }, new URL(url).origin, [channel.port2]);
        connected = true;
        for (const message of queued.splice(0)) channel.port1.postMessage(message);
        resolve();
      }, { once: true });
    });
    document.documentElement.append(frame);
    return {
      frame,
      ready,
      send(message) {
        if (connected) channel.port1.postMessage(message);
        else queued.push(message);
      },
      close() {
        channel.port1.close();
        frame.remove();
      },
    };
  };
})(globalThis.PostGuard ??= {});
