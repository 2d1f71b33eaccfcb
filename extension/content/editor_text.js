// Reads the text of a composer and maps text offsets back to the DOM.
// Offsets are JavaScript string indexes (UTF-16 units), the same units as the
// daemon's start_utf16/end_utf16, so emoji never shift a highlight.
// Reads only: never changes the editor's DOM.
(function (PG) {
  'use strict';

  const TEXT_NODE = 3;
  const ELEMENT_NODE = 1;
  // Between the texts of two editors of one composer (Business Suite's captions).
  const PART_SEPARATOR = '\n\n';
  const BLOCK_TAGS = new Set(['P', 'DIV', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE']);

  // Walks a contenteditable: text nodes in order; each block (a Lexical
  // paragraph) is a line, so an empty paragraph is a blank line; a <br> is a
  // newline unless it is a block's trailing placeholder.
  function snapshotEditable(root) {
    const segments = []; // {node, start, end} into `text`
    let text = '';
    let lineBreakDue = false; // a block ended: the next block starts a new line
    const walk = (el) => {
      for (let child = el.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === TEXT_NODE) {
          if (!child.data.length) continue;
          if (lineBreakDue) text += '\n';
          lineBreakDue = false;
          segments.push({ node: child, start: text.length, end: text.length + child.data.length });
          text += child.data;
        } else if (child.nodeType === ELEMENT_NODE) {
          if (child.tagName === 'BR') {
            if (child.nextSibling) text += '\n';
          } else if (BLOCK_TAGS.has(child.tagName)) {
            if (lineBreakDue) text += '\n';
            lineBreakDue = false;
            walk(child);
            lineBreakDue = true;
          } else {
            walk(child);
          }
        }
      }
    };
    walk(root);
    return { kind: 'editable', root, text, segments };
  }

  function snapshotTextarea(el) {
    return { kind: 'textarea', root: el, text: el.value, segments: [] };
  }

  // The DOM position of a text offset. `preferEnd` picks the earlier node when
  // the offset sits exactly between two text nodes (the end of a range).
  function positionAt(snapshot, offset, preferEnd) {
    const segs = snapshot.segments;
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[i];
      const inside = preferEnd ? offset > seg.start && offset <= seg.end : offset >= seg.start && offset < seg.end;
      if (inside) return { node: seg.node, offset: offset - seg.start };
    }
    // Offsets inside inserted newlines: snap to the next (or last) text node.
    const next = segs.find((seg) => seg.start >= offset);
    if (next) return { node: next.node, offset: 0 };
    const last = segs[segs.length - 1];
    return last ? { node: last.node, offset: last.node.data.length } : null;
  }

  function rangeFor(snapshot, start, end) {
    if (snapshot.kind !== 'editable' || start == null || end == null || end <= start) return null;
    if (end > snapshot.text.length) return null;
    const from = positionAt(snapshot, start, false);
    const to = positionAt(snapshot, end, true);
    if (!from || !to) return null;
    // Text nodes that left the editor since the snapshot give no range.
    if (!from.node.isConnected || !to.node.isConnected) return null;
    const range = from.node.ownerDocument.createRange();
    try {
      range.setStart(from.node, Math.min(from.offset, from.node.data.length));
      range.setEnd(to.node, Math.min(to.offset, to.node.data.length));
    } catch {
      return null;
    }
    return range.collapsed ? null : range;
  }

  // One snapshot of several editors (one composer's captions), texts joined by
  // a blank line; offsets into the joined text still map back to each editor.
  function combine(snapshots) {
    const parts = snapshots.filter((s) => s.text.length);
    if (parts.length === 1) return parts[0];
    let text = '';
    const segments = [];
    for (const part of parts) {
      if (text) text += PART_SEPARATOR;
      const shift = text.length;
      for (const seg of part.segments) segments.push({ node: seg.node, start: seg.start + shift, end: seg.end + shift });
      text += part.text;
    }
    return { kind: 'editable', root: null, text, segments };
  }

  PG.editorText = {
    snapshot(el) {
      return el.tagName === 'TEXTAREA' ? snapshotTextarea(el) : snapshotEditable(el);
    },
    combine,
    rangeFor,
  };
})(globalThis.PostGuard ??= {});
