// The findings that held a send, with "fix" (where a fix exists) and "send anyway".
/* global messenger */
"use strict";
const tab = Number(new URLSearchParams(location.search).get("tab"));

function show(result) {
  const list = document.getElementById("findings");
  list.replaceChildren();
  if (!result) {
    list.textContent = "This draft has not been checked.";
    return;
  }
  const { reply, blocking } = result;
  document.getElementById("score").textContent = `score ${reply.score} (${reply.grade})`;
  if (!blocking.length) {
    const done = document.createElement("li");
    done.textContent = "Nothing left at the configured level: you can send.";
    list.append(done);
  }
  for (const finding of blocking) {
    const index = reply.findings.indexOf(finding) >= 0 ? reply.findings.indexOf(finding) : reply.findings.findIndex((f) => f.code === finding.code && f.start === finding.start);
    const item = document.createElement("li");
    item.className = `sev-${finding.severity}`;
    item.dataset.code = finding.code;
    const code = document.createElement("code");
    code.textContent = finding.code;
    item.append(code, finding.message);
    const fixes = finding.fix ? [finding.fix, ...(finding.fix.alternatives || [])] : [];
    fixes.forEach((fix, n) => {
      if (!fix.edits || !fix.edits.every((e) => e.span)) return;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "fix";
      button.textContent = `Fix: ${fix.message || "apply"}`;
      button.addEventListener("click", async () => {
        show(await messenger.runtime.sendMessage({ type: "fix", tab, finding: index, fix: n }));
      });
      item.append(button);
    });
    list.append(item);
  }
}

document.getElementById("send-anyway").addEventListener("click", async () => {
  await messenger.runtime.sendMessage({ type: "send-anyway", tab });
  window.close();
});
document.getElementById("close").addEventListener("click", () => window.close());
messenger.runtime.sendMessage({ type: "result", tab }).then(show);
