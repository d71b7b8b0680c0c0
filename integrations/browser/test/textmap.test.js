// node --test: the text walk and the offsets-to-DOM mapping, on a small fake DOM.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { textMap, boundaries } = require("../textmap.js");

function text(data) {
  return { nodeType: 3, nodeName: "#text", data, firstChild: null, nextSibling: null };
}
function elem(name, ...children) {
  const node = { nodeType: 1, nodeName: name, firstChild: children[0] || null, nextSibling: null };
  children.forEach((c, i) => (c.nextSibling = children[i + 1] || null));
  return node;
}

test("Gmail-style lines (one div per line, <div><br></div> for an empty line)", () => {
  const hi = text("Hi Anna,");
  const ask = text("We need it in order to close.");
  const box = elem("DIV", elem("DIV", hi), elem("DIV", elem("BR")), elem("DIV", ask));
  const { text: t, segments } = textMap(box);
  assert.equal(t, "Hi Anna,\n\nWe need it in order to close.");
  const start = t.indexOf("in order to");
  const b = boundaries(segments, start, start + "in order to".length);
  assert.equal(b.startNode, ask);
  assert.equal(b.endNode, ask);
  assert.equal(ask.data.slice(b.startOffset, b.endOffset), "in order to");
});

test("inline markup and a span across a line break", () => {
  const a = text("Send ");
  const bold = text("it");
  const c = text(" ASAP");
  const d = text("Thanks");
  const box = elem("DIV", a, elem("B", bold), c, elem("BR"), d);
  const { text: t, segments } = textMap(box);
  assert.equal(t, "Send it ASAP\nThanks");
  const b = boundaries(segments, 5, 7);
  assert.equal(b.startNode, bold);
  assert.equal(b.startOffset, 0);
  assert.equal(b.endOffset, 2);
  const across = boundaries(segments, 8, 19);
  assert.equal(across.startNode, c);
  assert.equal(across.endNode, d);
  assert.equal(across.endOffset, 6);
});

test("UTF-16 offsets: an emoji counts two, as the host counts", () => {
  const t1 = text("Merci 🙂 afin de pouvoir");
  const { text: t, segments } = textMap(elem("DIV", t1));
  const start = t.indexOf("afin");
  assert.equal(start, 9);
  const b = boundaries(segments, start, t.length);
  assert.equal(t1.data.slice(b.startOffset, b.endOffset), "afin de pouvoir");
});

test("an empty box has no boundaries", () => {
  assert.equal(boundaries(textMap(elem("DIV")).segments, 0, 0), null);
});
