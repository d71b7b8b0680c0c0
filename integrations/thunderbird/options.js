// The threshold: findings at or above it hold a send (storage.local "threshold").
/* global messenger, MSGLINT_TB */
"use strict";
const select = document.getElementById("threshold");
messenger.storage.local.get({ threshold: MSGLINT_TB.DEFAULT_THRESHOLD }).then((s) => {
  select.value = s.threshold;
});
select.addEventListener("change", async () => {
  await messenger.storage.local.set({ threshold: select.value });
  document.getElementById("saved").hidden = false;
});
