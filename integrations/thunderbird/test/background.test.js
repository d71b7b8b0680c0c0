// node --test: the background script against a mocked `messenger` API.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");

function mockMessenger(replyFor) {
  const calls = { windows: [], setDetails: [], sent: [], native: [] };
  const listeners = {};
  const port = {
    onMessage: { addListener: (f) => (port.reply = f) },
    onDisconnect: { addListener: (f) => (port.disconnect = f) },
    postMessage(m) {
      calls.native.push(m);
      setImmediate(() => port.reply({ ...replyFor(m), id: m.id }));
    },
  };
  let details = { subject: "Quick question", isPlainText: true, plainTextBody: "We need it in order to close.", to: ["anna@example.com"] };
  const storage = {};
  global.messenger = {
    runtime: {
      connectNative: (name) => (assert.equal(name, "msglint"), port),
      onMessage: { addListener: (f) => (listeners.message = f) },
    },
    compose: {
      onBeforeSend: { addListener: (f) => (listeners.send = f) },
      listAttachments: async () => [{ name: "q3.pdf" }],
      setComposeDetails: async (tab, d) => { calls.setDetails.push([tab, d]); details = { ...details, ...d }; },
      getComposeDetails: async () => details,
      sendMessage: async (tab) => calls.sent.push(tab),
    },
    windows: { create: async (w) => calls.windows.push(w) },
    storage: { local: { get: async (d) => ({ ...d, ...storage }), set: async (o) => Object.assign(storage, o) } },
    tabs: { onCreated: { addListener: (f) => (listeners.created = f) } },
  };
  global.MSGLINT_TB = require("../logic.js");
  const path = require.resolve("../background.js");
  delete require.cache[path];
  const bg = require(path);
  return { bg, calls, listeners, storage, details: () => details };
}

const WORDY = (m) => {
  const at = (m.body || "").indexOf("in order to");
  if (at < 0) return { score: 100, grade: "A", findings: [] };
  return { score: 80, grade: "B", findings: [{ code: "CN04", severity: "warning", message: "Wordy",
    fix: { applicability: "safe", message: "to", edits: [{ content: "to", span: { field: "body", start: at, end: at + 11 } }] } }] };
};

test("a finding at the threshold cancels the send and opens the popup", async () => {
  const { calls, listeners, details } = mockMessenger(WORDY);
  const verdict = await listeners.send({ id: 7 }, details());
  assert.deepEqual(verdict, { cancel: true });
  assert.equal(calls.windows.length, 1);
  assert.match(calls.windows[0].url, /popup\.html\?tab=7/);
  assert.deepEqual(calls.native[0].attachments, ["q3.pdf"]);
  assert.deepEqual(calls.native[0].recipients, ["anna@example.com"]);
});

test("below the threshold the message goes", async () => {
  const { listeners, storage, details } = mockMessenger(WORDY);
  storage.threshold = "error";
  assert.deepEqual(await listeners.send({ id: 1 }, details()), {});
});

test("fix applies with setComposeDetails and checks again", async () => {
  const { calls, listeners, details } = mockMessenger(WORDY);
  await listeners.send({ id: 3 }, details());
  const after = await listeners.message({ type: "fix", tab: 3, finding: 0, fix: 0 });
  assert.deepEqual(calls.setDetails, [[3, { plainTextBody: "We need it to close." }]]);
  assert.equal(after.blocking.length, 0);
});

test("send anyway sends once without checking", async () => {
  const { calls, listeners, details } = mockMessenger(WORDY);
  await listeners.send({ id: 4 }, details());
  await listeners.message({ type: "send-anyway", tab: 4 });
  assert.deepEqual(calls.sent, [4]);
  assert.deepEqual(await listeners.send({ id: 4 }, details()), {});
  assert.deepEqual(await listeners.send({ id: 4 }, details()), { cancel: true });
});

test("a host error never blocks mail", async () => {
  const { listeners, details } = mockMessenger(() => ({ error: "boom" }));
  assert.deepEqual(await listeners.send({ id: 5 }, details()), {});
});
