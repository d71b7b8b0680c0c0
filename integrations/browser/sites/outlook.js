// Outlook on the web's compose pane, as data: when Outlook changes its page, edit this file only.
(globalThis.MSGLINT_SITES = globalThis.MSGLINT_SITES || []).push({
  name: "outlook",
  hosts: ["outlook.office.com", "outlook.office365.com", "outlook.live.com"],
  compose: "div[data-app-section='Form_Content'], div[role='main']:has(div[contenteditable='true'][aria-label='Message body'])",
  body: "div[contenteditable='true'][aria-label='Message body'], div[contenteditable='true'][role='textbox']",
  subject: "input[aria-label='Add a subject'], input[aria-label='Subject']",
  recipients: "div[aria-label='To'] span[title*='@'], div[role='textbox'][aria-label='To'] span[title]",
  recipientAttribute: ["title"],
  attachments: "div[aria-label^='Attachment'] [title], div[role='listitem'][title]",
  attachmentAttribute: "title",
  attachmentPrefix: "",
  panelAnchor: "after-body"
});
