// The only way out of the extension: the msglint native host on this
// machine (no network permission). One port is kept while the browser runs,
// so the host's spaCy pipelines stay loaded; replies are paired by id.
"use strict";

const HOST = "msglint";
let port = null;
let nextId = 1;
const pending = new Map();

function hostPort() {
  if (port) return port;
  port = chrome.runtime.connectNative(HOST);
  port.onMessage.addListener((reply) => {
    const done = pending.get(reply && reply.id);
    if (done) {
      pending.delete(reply.id);
      done(reply);
    }
  });
  port.onDisconnect.addListener(() => {
    const why = (chrome.runtime.lastError && chrome.runtime.lastError.message) || "the msglint native host stopped";
    for (const [id, done] of pending) done({ error: why, id });
    pending.clear();
    port = null;
  });
  return port;
}

function ask(request, sendResponse) {
  const id = nextId++;
  pending.set(id, sendResponse);
  try {
    hostPort().postMessage({ ...request, id });
  } catch (err) {
    pending.delete(id);
    sendResponse({ error: `msglint native host: ${err && err.message ? err.message : err}`, id });
  }
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || !message) return false;
  if (message.type === "check" && message.request) {
    ask(message.request, sendResponse);
    return true;
  }
  if (message.type === "warm") {
    ask({ ping: true, warm: true }, sendResponse);
    return true;
  }
  return false;
});

if (typeof module !== "undefined" && module.exports) module.exports = { hostPort, ask, pending };
