// Phone widths: the channel list folds behind the ☰ button (see phone.css).
"use strict";

function setDrawer(open) {
  document.body.classList.toggle("drawer-open", open);
  $("#drawer-button").setAttribute("aria-expanded", open ? "true" : "false");
}

document.addEventListener("DOMContentLoaded", () => {
  $("#drawer-button").addEventListener("click", () => setDrawer(!document.body.classList.contains("drawer-open")));
  $("#drawer-scrim").addEventListener("click", () => setDrawer(false));
  // choosing a channel or a member closes the drawer, as on a phone app
  $("#sidebar").addEventListener("click", (e) => { if (e.target.closest(".channel, .tour-other")) setDrawer(false); });
  $("#member-picker").addEventListener("change", () => setDrawer(false));
});
