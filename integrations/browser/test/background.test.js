// node --test: the background worker against a mocked chrome API: one native
// port for many checks, replies paired by id, errors when the host dies.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");

function mockChrome() {
  const listeners = [];
  const port = { sent: [], onMsg: [], onDisc: [] };
  port.postMessage = (m) => port.sent.push(m);
  port.onMessage = { addListener: (f) => port.onMsg.push(f) };
  port.onDisconnect = { addListener: (f) => port.onDisc.push(f) };
  const chrome = {
    connects: 0,
    runtime: {
      id: "clhdlcbianmnmielekdkcdkpdffibnlm",
      lastError: null,
      connectNative(name) {
        assert.equal(name, "msglint");
        chrome.connects += 1;
        return port;
      },
      onMessage: { addListener: (f) => listeners.push(f) },
    },
  };
  return { chrome, port, listeners };
}

function load(chrome) {
  global.chrome = chrome;
  const path = require.resolve("../background.js");
  delete require.cache[path];
  return require(path);
}

test("checks go to one native port and replies come back by id", () => {
  const { chrome, port, listeners } = mockChrome();
  load(chrome);
  const got = [];
  const sender = { id: chrome.runtime.id };
  assert.equal(listeners[0]({ type: "check", request: { body: "a" } }, sender, (r) => got.push(["a", r])), true);
  assert.equal(listeners[0]({ type: "check", request: { body: "b" } }, sender, (r) => got.push(["b", r])), true);
  assert.equal(chrome.connects, 1);
  assert.deepEqual(port.sent.map((m) => m.body), ["a", "b"]);
  const [first, second] = port.sent.map((m) => m.id);
  port.onMsg[0]({ id: second, score: 80 });
  port.onMsg[0]({ id: first, score: 90 });
  assert.deepEqual(got, [["b", { id: second, score: 80 }], ["a", { id: first, score: 90 }]]);
});

test("a dead host answers every waiting check with an error, and the next check reconnects", () => {
  const { chrome, port, listeners } = mockChrome();
  load(chrome);
  const got = [];
  listeners[0]({ type: "check", request: { body: "a" } }, { id: chrome.runtime.id }, (r) => got.push(r));
  chrome.runtime.lastError = { message: "Specified native messaging host not found." };
  port.onDisc[0]();
  assert.match(got[0].error, /not found/);
  listeners[0]({ type: "warm" }, { id: chrome.runtime.id }, () => {});
  assert.equal(chrome.connects, 2);
  assert.equal(port.sent[1].ping, true);
});

test("messages from elsewhere are ignored", () => {
  const { chrome, port, listeners } = mockChrome();
  load(chrome);
  assert.equal(listeners[0]({ type: "check", request: {} }, { id: "other" }, () => {}), false);
  assert.equal(port.sent.length, 0);
});
