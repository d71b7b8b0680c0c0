// The add-on's decisions, without the messenger API (tested with node --test):
// what to send the native host, which findings block a send, how a fix
// rewrites the compose details.
(function (root) {
  "use strict";
  const LEVELS = { info: 0, warning: 1, error: 2 };
  const DEFAULT_THRESHOLD = "warning";

  function recipientText(r) {
    if (typeof r === "string") return r;
    if (r && typeof r === "object") return r.email || r.name || (r.id ? String(r.id) : "");
    return "";
  }

  /** The native host request for a compose window's details and attachments. */
  function buildRequest(details, attachments) {
    const plain = Boolean(details.isPlainText);
    const recipients = [...(details.to || []), ...(details.cc || []), ...(details.bcc || [])]
      .map(recipientText)
      .filter(Boolean);
    return {
      subject: details.subject || "",
      body: (plain ? details.plainTextBody : details.body) || "",
      body_format: plain ? "text" : "html",
      kind: "email",
      recipients,
      attachments: (attachments || []).map((a) => a.name).filter(Boolean),
    };
  }

  /** The findings at or above `threshold` ("info", "warning", "error"). */
  function blockingFindings(reply, threshold) {
    const floor = LEVELS[threshold] !== undefined ? LEVELS[threshold] : LEVELS[DEFAULT_THRESHOLD];
    return ((reply && reply.findings) || []).filter((f) => (LEVELS[f.severity] || 0) >= floor);
  }

  /** Compose details after `fix` (edits with spans into what was sent). */
  function applyFix(request, fix) {
    const fields = { subject: request.subject, body: request.body };
    const edits = [...fix.edits].filter((e) => e.span).sort((a, b) => b.span.start - a.span.start);
    for (const edit of edits) {
      const { field, start, end } = edit.span;
      const text = fields[field];
      if (typeof text !== "string") continue;
      fields[field] = text.slice(0, start) + (edit.content || "") + text.slice(end);
    }
    const changed = {};
    if (fields.subject !== request.subject) changed.subject = fields.subject;
    if (fields.body !== request.body) {
      if (request.body_format === "text") changed.plainTextBody = fields.body;
      else changed.body = fields.body;
    }
    return changed;
  }

  /** Every fix a finding offers (its own, then the alternatives). */
  function fixesOf(finding) {
    if (!finding.fix) return [];
    return [finding.fix, ...(finding.fix.alternatives || [])].filter(
      (f) => f && f.edits && f.edits.length && f.edits.every((e) => e.span),
    );
  }

  const api = { LEVELS, DEFAULT_THRESHOLD, buildRequest, blockingFindings, applyFix, fixesOf, recipientText };
  root.MSGLINT_TB = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
