/* Site-only accessibility fixes for mkdocs-material (the packages do not load this file).
 *
 * Material opens its navigation drawer with a <label> for a hidden checkbox, which the keyboard
 * cannot reach and which may not take a button role. A real button, with the label's icon and
 * Material's own "Navigation" name, takes its place: it says whether the drawer is open, opening
 * moves the focus into the drawer, and Escape closes it and gives the focus back.
 * Material's search dialog gets the name of its search box. */
(function () {
  "use strict";
  function drawerButton() {
    var toggle = document.getElementById("__drawer");
    var label = document.querySelector('.md-header label[for="__drawer"]');
    if (!toggle || !label) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " cs-drawer-button";
    button.innerHTML = label.innerHTML; // Material's own icon, from the same page
    var nav = document.querySelector(".md-nav--primary[aria-label]"); // Material's translated "Navigation"
    if (nav) button.setAttribute("aria-label", nav.getAttribute("aria-label"));
    label.parentNode.insertBefore(button, label);
    label.hidden = true;
    function sync() { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); }
    button.addEventListener("click", function () { toggle.click(); });
    toggle.addEventListener("change", function () {
      sync();
      if (!toggle.checked) return;
      var first = document.querySelector(".md-sidebar--primary a[href], .md-sidebar--primary label[tabindex]");
      if (first) window.setTimeout(function () { first.focus(); }, 50);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) { toggle.click(); button.focus(); }
    });
    sync();
  }
  function searchName() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    var input = document.querySelector(".md-search__input[aria-label]");
    if (dialog && input && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", input.getAttribute("aria-label"));
  }
  function setup() { drawerButton(); searchName(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
