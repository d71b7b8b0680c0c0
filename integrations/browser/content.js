// Finds the compose windows of the site (selectors are data: sites/*.js),
// checks each draft through the background worker and the native host as the
// user types, shows the score and findings beside the compose box, underlines
// the flagged text (CSS Custom Highlight API: the page's DOM is not touched)
// and applies a finding's fix on request.
(function () {
  "use strict";
  const { textMap, boundaries } = globalThis.MSGLINT_TEXTMAP;
  const DELAY_MS = 700;

  function hostMatches(entry) {
    const slash = entry.indexOf("/");
    if (slash < 0) return location.hostname === entry;
    return location.hostname === entry.slice(0, slash) && location.pathname.startsWith(entry.slice(slash));
  }
  const site = (globalThis.MSGLINT_SITES || []).find((s) => s.hosts.some(hostMatches));
  if (!site) return;

  const composers = new Map(); // body element -> state

  function attr(el, names) {
    for (const name of [].concat(names)) {
      const value = el.getAttribute(name);
      if (value) return value;
    }
    return el.value || el.textContent.trim();
  }

  function collect(state) {
    const { text, segments } = textMap(state.body);
    const root = state.root;
    const recipients = site.recipients
      ? [...root.querySelectorAll(site.recipients)].map((el) => attr(el, site.recipientAttribute)).filter(Boolean)
      : [];
    const attachments = site.attachments
      ? [...root.querySelectorAll(site.attachments)]
          .map((el) => attr(el, site.attachmentAttribute).replace(site.attachmentPrefix || "", ""))
          .filter(Boolean)
      : [];
    const subject = state.subject ? state.subject.value : null;
    return { text, segments, request: { subject, body: text, body_format: "text", recipients, attachments } };
  }

  function schedule(state) {
    clearTimeout(state.timer);
    state.timer = setTimeout(() => check(state), DELAY_MS);
  }

  async function check(state) {
    const seen = collect(state);
    const serial = ++state.serial;
    let reply;
    try {
      reply = await chrome.runtime.sendMessage({ type: "check", request: seen.request });
    } catch (err) {
      reply = { error: String(err && err.message ? err.message : err) };
    }
    if (serial !== state.serial) return; // a newer check is under way
    state.last = { seen, reply };
    render(state);
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function render(state) {
    const { seen, reply } = state.last;
    const panel = state.panel;
    panel.replaceChildren();
    highlight(state, []);
    if (!reply || reply.error) {
      panel.append(el("div", "msglint-error", `msglint: ${reply ? reply.error : "no reply"}`));
      return;
    }
    const head = el("div", "msglint-head");
    const score = el("span", reply.score < 70 ? "msglint-score msglint-score-low" : "msglint-score", String(reply.score));
    head.append("msglint score ", score, ` (${reply.grade})`);
    panel.dataset.score = String(reply.score);
    panel.append(head);
    const findings = reply.findings || [];
    if (!findings.length) panel.append(el("div", "msglint-clean", "No findings."));
    const list = el("ul");
    for (const finding of findings) {
      const item = el("li", `msglint-finding msglint-sev-${finding.severity}`);
      item.dataset.code = finding.code;
      item.append(el("span", "msglint-code", finding.code), el("span", "msglint-message", finding.message));
      for (const fix of [finding.fix, ...((finding.fix && finding.fix.alternatives) || [])]) {
        if (!fix || !fix.edits || !fix.edits.every((e) => e.span)) continue;
        const button = el("button", `msglint-fix msglint-fix-${fix.applicability}`, fix.message || "Fix");
        button.type = "button";
        button.title = fix.applicability === "safe" ? "Apply this fix" : "Apply this proposal (check the result)";
        button.addEventListener("click", () => applyFix(state, fix, seen.text));
        item.append(button);
      }
      list.append(item);
    }
    panel.append(list);
    highlight(state, findings.filter((f) => f.span && f.span.field === "body"), seen.segments);
  }

  function highlight(state, findings, segments) {
    if (typeof Highlight === "undefined" || !CSS.highlights) return;
    for (const level of ["warning", "info"]) {
      const key = `msglint-${level}`;
      const previous = CSS.highlights.get(key);
      if (previous) for (const r of state.ranges[level]) previous.delete(r);
      state.ranges[level] = [];
    }
    for (const finding of findings) {
      const b = boundaries(segments, finding.span.start, finding.span.end);
      if (!b || finding.span.end <= finding.span.start) continue;
      const range = document.createRange();
      range.setStart(b.startNode, b.startOffset);
      range.setEnd(b.endNode, b.endOffset);
      const level = finding.severity === "info" ? "info" : "warning";
      state.ranges[level].push(range);
    }
    for (const level of ["warning", "info"]) {
      const key = `msglint-${level}`;
      const set = CSS.highlights.get(key) || new Highlight();
      for (const r of state.ranges[level]) set.add(r);
      CSS.highlights.set(key, set);
    }
  }

  function replaceBody(state, start, end, content) {
    const { segments } = textMap(state.body);
    const b = boundaries(segments, start, end);
    const selection = window.getSelection();
    state.body.focus();
    if (!b) {
      selection.selectAllChildren(state.body);
      selection.collapseToEnd();
    } else {
      const range = document.createRange();
      range.setStart(b.startNode, b.startOffset);
      range.setEnd(b.endNode, b.endOffset);
      selection.removeAllRanges();
      selection.addRange(range);
    }
    // execCommand keeps the site's undo history and input events; fall back to a plain DOM edit.
    if (!document.execCommand("insertText", false, content)) {
      const range = selection.getRangeAt(0);
      range.deleteContents();
      if (content) range.insertNode(document.createTextNode(content));
      state.body.dispatchEvent(new InputEvent("input", { bubbles: true }));
    }
  }

  function replaceSubject(state, start, end, content) {
    const input = state.subject;
    input.focus();
    input.setSelectionRange(start, end);
    if (!document.execCommand("insertText", false, content)) {
      input.setRangeText(content, start, end, "end");
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  function applyFix(state, fix, checkedText) {
    if (textMap(state.body).text !== checkedText) {
      check(state); // the draft changed since the check: offsets are stale
      return;
    }
    const edits = [...fix.edits].sort((a, b) => b.span.start - a.span.start);
    for (const edit of edits) {
      const { field, start, end } = edit.span;
      if (field === "subject" && state.subject) replaceSubject(state, start, end, edit.content || "");
      else if (field === "body") replaceBody(state, start, end, edit.content || "");
    }
    schedule(state);
  }

  function attach(root, body) {
    const panel = el("div", "msglint-panel");
    panel.setAttribute("role", "status");
    panel.append(el("div", "msglint-head", "msglint: waiting for text…"));
    body.after(panel);
    const subject = site.subject ? root.querySelector(site.subject) : null;
    const state = { root, body, subject, panel, timer: 0, serial: 0, last: null, ranges: { warning: [], info: [] } };
    composers.set(body, state);
    body.addEventListener("input", () => schedule(state));
    if (subject) subject.addEventListener("input", () => schedule(state));
    chrome.runtime.sendMessage({ type: "warm" }).catch(() => {});
    if (textMap(body).text.trim()) schedule(state);
  }

  function scan() {
    for (const root of document.querySelectorAll(site.compose)) {
      const body = root.querySelector(site.body);
      if (body && !composers.has(body)) attach(root, body);
    }
    for (const [body, state] of composers) {
      if (!body.isConnected) {
        state.panel.remove();
        composers.delete(body);
      }
    }
  }

  let pendingScan = 0;
  new MutationObserver(() => {
    if (!pendingScan) pendingScan = setTimeout(() => ((pendingScan = 0), scan()), 300);
  }).observe(document.documentElement, { childList: true, subtree: true });
  scan();
})();
