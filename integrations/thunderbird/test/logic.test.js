// node --test: requests, thresholds and fixes of the Thunderbird add-on.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const tb = require("../logic.js");

test("a plain-text draft becomes a text request with recipients and attachment names", () => {
  const request = tb.buildRequest(
    { subject: "Q", isPlainText: true, plainTextBody: "Hi", body: "<p>Hi</p>", to: ["Anna <anna@example.com>"], cc: [{ id: "c1", type: "contact" }], bcc: [] },
    [{ id: 1, name: "q3.pdf" }],
  );
  assert.deepEqual(request, {
    subject: "Q", body: "Hi", body_format: "text", kind: "email",
    recipients: ["Anna <anna@example.com>", "c1"], attachments: ["q3.pdf"],
  });
});

test("an HTML draft sends the HTML source", () => {
  const request = tb.buildRequest({ subject: "", isPlainText: false, body: "<p>Hi</p>" }, []);
  assert.equal(request.body_format, "html");
  assert.equal(request.body, "<p>Hi</p>");
});

test("the threshold picks the blocking findings", () => {
  const reply = { findings: [{ severity: "info" }, { severity: "warning" }, { severity: "error" }] };
  assert.equal(tb.blockingFindings(reply, "info").length, 3);
  assert.equal(tb.blockingFindings(reply, "warning").length, 2);
  assert.equal(tb.blockingFindings(reply, "error").length, 1);
  assert.equal(tb.blockingFindings(reply, "nonsense").length, 2);
});

test("a fix rewrites only the fields it edits, last edit first", () => {
  const request = { subject: "Quick question", body: "a in order to b in order to c", body_format: "text" };
  const fix = { edits: [
    { content: "to", span: { field: "body", start: 2, end: 13 } },
    { content: "to", span: { field: "body", start: 16, end: 27 } },
  ] };
  assert.deepEqual(tb.applyFix(request, fix), { plainTextBody: "a to b to c" });
  const subject = { edits: [{ content: "Q3 figures", span: { field: "subject", start: 0, end: 14 } }] };
  assert.deepEqual(tb.applyFix(request, subject), { subject: "Q3 figures" });
  assert.deepEqual(tb.applyFix({ ...request, body_format: "html" }, fix), { body: "a to b to c" });
});

test("fixesOf skips fixes without spans", () => {
  assert.equal(tb.fixesOf({ fix: null }).length, 0);
  assert.equal(tb.fixesOf({ fix: { edits: [{ span: null }] } }).length, 0);
  assert.equal(tb.fixesOf({ fix: { edits: [{ span: { field: "body", start: 0, end: 1 } }], alternatives: [{ edits: [{ span: { field: "body", start: 0, end: 1 } }] }] } }).length, 2);
});
