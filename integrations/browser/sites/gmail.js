// Gmail's compose window, as data: when Gmail changes its page, edit this file only.
// hosts: where these selectors apply; compose: one compose window (new message
// dialog or inline reply); body/subject/recipients/attachments: inside it.
(globalThis.MSGLINT_SITES = globalThis.MSGLINT_SITES || []).push({
  name: "gmail",
  hosts: ["mail.google.com"],
  compose: "div[role='dialog']:has(div[contenteditable='true'][role='textbox']), td.Bu:has(div[contenteditable='true'][role='textbox'])",
  body: "div[contenteditable='true'][role='textbox'][aria-label], div.editable[contenteditable='true']",
  subject: "input[name='subjectbox']",
  recipients: "[data-hovercard-id], span[email], div[data-name='to'] input",
  recipientAttribute: ["email", "data-hovercard-id"],
  attachments: "div[aria-label^='Attachment:'], div.dL",
  attachmentAttribute: "aria-label",
  attachmentPrefix: "Attachment: ",
  panelAnchor: "after-body"
});
