// Styles for the panel and the dialog. They live in shadow roots, so the
// page's CSS cannot reach them and theirs cannot leak into the page.
(function (PG) {
  'use strict';

  PG.uiStyles = `
    :host { all: initial; }
    * { box-sizing: border-box; font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; }
    .panel { position: fixed; z-index: 2147483645; width: 340px; max-height: 70vh; overflow: auto;
      background: #fff; color: #1c1e21; border: 1px solid #ccd0d5; border-radius: 10px;
      box-shadow: 0 6px 24px rgba(0,0,0,.18); font-size: 14px; line-height: 1.4; }
    .panel header { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; padding: 10px 12px;
      border-bottom: 1px solid #e4e6eb; border-left: 6px solid #5f6368; border-radius: 10px 10px 0 0; }
    .panel[data-verdict="block"] header { border-left-color: #b3261e; background: #fdecea; }
    .panel[data-verdict="warn"] header { border-left-color: #b25e00; background: #fff4e0; }
    .panel[data-verdict="ok"] header, .panel[data-verdict="info"] header { border-left-color: #1e7e34; background: #eaf6ec; }
    .panel[data-state="offline"] header, .panel[data-state="unpaired"] header, .panel[data-state="error"] header {
      border-left-color: #5f6368; background: #f0f2f5; }
    h2 { font-size: 15px; margin: 0; flex: 1; }
    .summary { margin: 0; order: 3; flex-basis: 100%; }
    .body { padding: 8px 12px 12px; }
    .body[hidden] { display: none; }
    .help { margin: 4px 0 8px; }
    ul { list-style: none; margin: 0; padding: 0; }
    li.finding { border: 1px solid #e4e6eb; border-left: 5px solid #5f6368; border-radius: 6px;
      padding: 8px 10px; margin: 8px 0; display: flex; gap: 10px; }
    li.finding[data-severity="block"] { border-left-color: #b3261e; }
    li.finding[data-severity="warn"] { border-left-color: #b25e00; }
    .severity { display: block; font-weight: 700; font-size: 12px; text-transform: uppercase; letter-spacing: .02em; }
    li[data-severity="block"] .severity { color: #b3261e; }
    li[data-severity="warn"] .severity { color: #8a4a00; }
    li[data-severity="info"] .severity { color: #5f6368; }
    .message { margin: 2px 0; }
    .policy { margin: 4px 0 0; color: #5f6368; font-size: 12px; }
    .thumb { width: 64px; height: 64px; object-fit: cover; border-radius: 4px; flex: none; }
    button { font: inherit; font-size: 14px; border-radius: 6px; padding: 6px 12px; cursor: pointer;
      border: 1px solid #8d949e; background: #fff; color: #1c1e21; }
    button.primary { background: #1b74e4; border-color: #1b74e4; color: #fff; }
    button.danger { background: #fff; border-color: #b3261e; color: #b3261e; }
    button:focus-visible { outline: 3px solid #1b74e4; outline-offset: 2px; }
    .toggle { padding: 2px 8px; font-size: 12px; }
    .backdrop { position: fixed; inset: 0; z-index: 2147483647; background: rgba(0,0,0,.45);
      display: flex; align-items: center; justify-content: center; }
    .dialog { width: min(520px, 92vw); max-height: 85vh; overflow: auto; background: #fff; color: #1c1e21;
      border-radius: 12px; padding: 20px 22px; box-shadow: 0 12px 40px rgba(0,0,0,.35);
      border-top: 8px solid #5f6368; font-size: 15px; line-height: 1.45; }
    .dialog[data-kind="block"] { border-top-color: #b3261e; }
    .dialog[data-kind="warn"] { border-top-color: #b25e00; }
    .dialog h2 { font-size: 19px; margin: 0 0 8px; }
    .actions { display: flex; gap: 10px; justify-content: flex-end; margin-top: 16px; flex-wrap: wrap; }
  `;
})(globalThis.PostGuard ??= {});
