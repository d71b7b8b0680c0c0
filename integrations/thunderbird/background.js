// Before each send: ask the msglint native host about the draft; at or above
// the configured level, cancel the send and show the findings in a popup
// beside the compose window ("send anyway", "fix" where a fix exists).
/* global messenger, MSGLINT_TB */
"use strict";

const HOST = "msglint";
const results = new Map(); // compose tab id -> { request, reply, blocking }
const allowOnce = new Set(); // compose tab ids the user chose to send anyway
let port = null;
let nextId = 1;
const pending = new Map();

function hostPort() {
  if (port) return port;
  port = messenger.runtime.connectNative(HOST);
  port.onMessage.addListener((reply) => {
    const waiter = pending.get(reply && reply.id);
    if (waiter) {
      pending.delete(reply.id);
      waiter(reply);
    }
  });
  port.onDisconnect.addListener((p) => {
    const error = (p && p.error && p.error.message) || "the msglint native host stopped";
    for (const [id, waiter] of pending) waiter({ error, id });
    pending.clear();
    port = null;
  });
  return port;
}

function ask(request) {
  return new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    try {
      hostPort().postMessage({ ...request, id });
    } catch (err) {
      pending.delete(id);
      resolve({ error: String(err && err.message ? err.message : err), id });
    }
  });
}

async function threshold() {
  const stored = await messenger.storage.local.get({ threshold: MSGLINT_TB.DEFAULT_THRESHOLD });
  return stored.threshold;
}

async function review(tabId, details) {
  const attachments = await messenger.compose.listAttachments(tabId);
  const request = MSGLINT_TB.buildRequest(details, attachments);
  const reply = await ask(request);
  const blocking = reply.error ? [] : MSGLINT_TB.blockingFindings(reply, await threshold());
  results.set(tabId, { request, reply, blocking });
  return results.get(tabId);
}

async function onBeforeSend(tab, details) {
  if (allowOnce.delete(tab.id)) return {};
  const { reply, blocking } = await review(tab.id, details);
  if (reply.error) {
    console.warn(`msglint: ${reply.error} (the message is sent unchecked)`);
    return {}; // a missing host never stops mail
  }
  console.info(`msglint: score ${reply.score}, ${blocking.length} finding(s) at or above the threshold`);
  if (!blocking.length) return {};
  await messenger.windows.create({
    type: "popup",
    url: `popup.html?tab=${tab.id}`,
    width: 620,
    height: 460,
  });
  return { cancel: true };
}

async function onMessage(message) {
  const tabId = message && message.tab;
  if (message.type === "result") return results.get(tabId) || null;
  if (message.type === "send-anyway") {
    allowOnce.add(tabId);
    await messenger.compose.sendMessage(tabId);
    return { ok: true };
  }
  if (message.type === "fix") {
    const current = results.get(tabId);
    if (!current) return null;
    const finding = current.reply.findings[message.finding];
    const fix = finding && MSGLINT_TB.fixesOf(finding)[message.fix || 0];
    if (!fix) return current;
    await messenger.compose.setComposeDetails(tabId, MSGLINT_TB.applyFix(current.request, fix));
    return review(tabId, await messenger.compose.getComposeDetails(tabId));
  }
  return null;
}

messenger.compose.onBeforeSend.addListener(onBeforeSend);
messenger.runtime.onMessage.addListener(onMessage);
if (messenger.tabs && messenger.tabs.onCreated) {
  // Warm the host when a compose window opens, so the check at send time is fast.
  messenger.tabs.onCreated.addListener((tab) => {
    if (tab && tab.type === "messageCompose") ask({ ping: true, warm: true });
  });
}

if (typeof module !== "undefined" && module.exports) {
  module.exports = { onBeforeSend, onMessage, results, allowOnce, pending };
}
