/* Site-only keyboard fixes for mkdocs-material (the packages do not load this file).
 * Material opens its navigation drawer with a <label> for a hidden checkbox, which the keyboard
 * cannot reach: the label becomes a button that says whether the drawer is open, that Enter
 * (Material's own handling of labels) and Space toggle; opening moves the focus into the drawer,
 * Escape closes it and gives the focus back. */
(function () {
  "use strict";
  function setup() {
    var toggle = document.getElementById("__drawer");
    var button = document.querySelector('.md-header label[for="__drawer"]');
    if (!toggle || !button) return;
    button.setAttribute("role", "button");
    button.setAttribute("tabindex", "0");
    var nav = document.querySelector(".md-nav--primary[aria-label]");  // Material's translated "Navigation"
    if (nav && !button.hasAttribute("aria-label")) button.setAttribute("aria-label", nav.getAttribute("aria-label"));
    function sync() { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); }
    toggle.addEventListener("change", function () {
      sync();
      if (!toggle.checked) return;
      var first = document.querySelector(".md-sidebar--primary a[href], .md-sidebar--primary label[tabindex]");
      if (first) window.setTimeout(function () { first.focus(); }, 50);
    });
    // Material itself clicks a focused label on Enter; Space is added here
    button.addEventListener("keydown", function (event) {
      if (event.key === " ") { event.preventDefault(); button.click(); }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) { button.click(); button.focus(); }
    });
    sync();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
