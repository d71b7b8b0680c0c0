// The compose box's text as the native host sees it, and the way back from
// the host's offsets (UTF-16, as JavaScript counts) to DOM ranges: one walk
// of the contenteditable, recording which text node holds which offsets.
// Block elements and <br> become "\n" (kept in the text, with no node), so
// a span that crosses a line break maps to a range across the blocks.
(function (root) {
  "use strict";
  const BLOCKS = new Set([
    "DIV", "P", "LI", "UL", "OL", "BLOCKQUOTE", "PRE", "TABLE", "TR",
    "H1", "H2", "H3", "H4", "H5", "H6", "SECTION", "ARTICLE",
  ]);
  const TEXT_NODE = 3;
  const ELEMENT_NODE = 1;

  /** Text of `element` and the text nodes' [start, end) offsets in it. */
  function textMap(element) {
    const parts = [];
    const segments = [];
    let length = 0;
    const endsWithNewline = () => length === 0 || parts[parts.length - 1].endsWith("\n");
    const push = (text, node) => {
      if (!text) return;
      if (node) segments.push({ start: length, end: length + text.length, node });
      parts.push(text);
      length += text.length;
    };
    const walk = (node) => {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === TEXT_NODE) {
          push(child.data, child);
        } else if (child.nodeType === ELEMENT_NODE) {
          if (child.nodeName === "BR") {
            push("\n", null);
          } else if (BLOCKS.has(child.nodeName)) {
            if (!endsWithNewline()) push("\n", null);
            walk(child);
          } else if (child.nodeName !== "SCRIPT" && child.nodeName !== "STYLE") {
            walk(child);
          }
        }
      }
    };
    walk(element);
    return { text: parts.join(""), segments };
  }

  /** DOM boundary points for [start, end) of the mapped text, or null. */
  function boundaries(segments, start, end) {
    if (!segments.length) return null;
    let first = null;
    for (const seg of segments) {
      if (seg.start <= start) first = seg;
      else break;
    }
    if (!first) first = segments[0];
    const startOffset = Math.max(0, Math.min(start, first.end) - first.start);
    let last = null;
    for (const seg of segments) {
      if (seg.end >= end) {
        last = seg;
        break;
      }
    }
    if (!last) last = segments[segments.length - 1];
    const endOffset = Math.max(0, Math.min(Math.max(end, last.start), last.end) - last.start);
    return { startNode: first.node, startOffset, endNode: last.node, endOffset };
  }

  const api = { textMap, boundaries };
  root.MSGLINT_TEXTMAP = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
