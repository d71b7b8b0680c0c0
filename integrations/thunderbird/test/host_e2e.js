// End to end without Thunderbird: the add-on's own logic (logic.js) talks to
// a real `msglint native-host` with native-messaging framing, as Thunderbird
// would. Usage: node host_e2e.js HOST-COMMAND... ; prints one JSON summary.
"use strict";
const { spawn } = require("node:child_process");
const tb = require("../logic.js");

const [cmd, ...args] = process.argv.slice(2);
const host = spawn(cmd, args, { stdio: ["pipe", "pipe", "inherit"] });
let buffer = Buffer.alloc(0);
const waiting = [];
host.stdout.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  while (buffer.length >= 4) {
    const n = buffer.readUInt32LE(0);
    if (buffer.length < 4 + n) break;
    const reply = JSON.parse(buffer.subarray(4, 4 + n).toString("utf8"));
    buffer = buffer.subarray(4 + n);
    waiting.shift()(reply);
  }
});
let nextId = 1;
function ask(request) {
  const body = Buffer.from(JSON.stringify({ ...request, id: nextId++ }), "utf8");
  const head = Buffer.alloc(4);
  head.writeUInt32LE(body.length, 0);
  host.stdin.write(Buffer.concat([head, body]));
  return new Promise((resolve) => waiting.push(resolve));
}

(async () => {
  const details = {
    subject: "Quick question",
    isPlainText: false,
    body: "<p>Hi Anna,</p><p>We need the report in order to close the quarter. Please see attached.</p><p>Thanks</p>",
    to: ["Anna <anna@example.com>"],
  };
  const request = tb.buildRequest(details, []);
  const reply = await ask(request);
  const blocking = tb.blockingFindings(reply, "warning");
  const wordy = reply.findings.find((f) => f.code === "CN04");
  const changed = tb.applyFix(request, tb.fixesOf(wordy)[0]);
  const again = await ask(tb.buildRequest({ ...details, ...changed }, [{ name: "report.pdf" }]));
  host.stdin.end();
  console.log(JSON.stringify({
    codes: reply.findings.map((f) => f.code),
    blocking: blocking.map((f) => f.code),
    flagged: wordy && request.body.slice(wordy.span.start, wordy.span.end),
    changed,
    after: again.findings.map((f) => f.code),
  }));
})();
