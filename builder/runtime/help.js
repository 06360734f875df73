/* CyberSafe: the help control, the quick exit, the progress trail and the certificate of the
 * children's and parents' pages (site and packages). No inline script anywhere: the pages' CSP
 * forbids it, so all behaviour lives here.
 *
 * Quick exit, after the "exit this page" pattern of public-service sites: a visible button, and
 * the Shift key pressed alone three times within a second (ignored while typing in a field). It
 * hides the page at once, then replaces the location (so Back does not come back) with a neutral
 * page. Inside an LMS frame it navigates the top window, which the click allows; where the LMS
 * forbids that, the package stays blank and says how to leave. It cannot clear the history: the
 * trainers' page says so, and how to browse privately. */
(function (global) {
  "use strict";
  var document = global.document;
  var PRESSES = 3;
  var WITHIN_MS = 1000;

  function bar() { return document.querySelector(".cs-safety"); }

  function helpData(element) {
    try { return JSON.parse(element.querySelector(".cs-help-data").textContent); } catch (e) { return null; }
  }

  /** Hide the page at once: nothing of it stays on screen while the next page loads. */
  function blank() {
    document.documentElement.classList.add("cs-exiting");
    document.title = "";
  }

  function sayHowToLeave(text) {
    var note = document.createElement("p");
    note.className = "cs-exit-blocked";
    note.setAttribute("role", "alert");
    note.textContent = text;
    document.body.textContent = "";
    document.body.appendChild(note);
    document.documentElement.classList.remove("cs-exiting");
  }

  function quickExit(event) {
    var element = bar();
    if (!element) return;
    if (event) event.preventDefault();
    var target = new URL(element.getAttribute("data-exit"), global.location.href).href;
    var blocked = element.getAttribute("data-blocked");
    blank();
    if (global.top !== global.self) {
      try {
        global.top.location.replace(target);
      } catch (e) {
        sayHowToLeave(blocked);
        return;
      }
      // Some browsers refuse a top navigation without throwing: if this page is still here
      // shortly after, the LMS forbade it, so say how to leave.
      global.setTimeout(function () { sayHowToLeave(blocked); }, 400);
      return;
    }
    global.location.replace(target);
  }

  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  function watchShift() {
    var presses = [];
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Shift") { presses = []; return; } // Shift with another key is typing
      if (event.repeat || typing(event.target)) return;
      var now = Date.now();
      presses = presses.filter(function (at) { return now - at < WITHIN_MS; });
      presses.push(now);
      if (presses.length >= PRESSES) {
        presses = [];
        quickExit();
      }
    }, true);
  }

  /** English pages serve both countries: the reader may choose one, remembered in this browser. */
  function countryChoice(element) {
    var buttons = element.querySelectorAll(".cs-country");
    if (!buttons.length) return;
    var CS = global.CyberSafe;
    var data = helpData(element);
    var storage = CS && CS.storage ? CS.storage() : null;
    var key = CS && data ? CS.storageKey(data, "help", "country") : null;
    function show(country) {
      Array.prototype.forEach.call(buttons, function (b) {
        b.setAttribute("aria-pressed", String(b.getAttribute("data-country") === country));
      });
      Array.prototype.forEach.call(element.querySelectorAll(".cs-help-country"), function (section) {
        section.hidden = Boolean(country) && section.getAttribute("data-country") !== country;
      });
    }
    Array.prototype.forEach.call(buttons, function (button) {
      button.addEventListener("click", function () {
        var country = button.getAttribute("data-country");
        if (button.getAttribute("aria-pressed") === "true") country = ""; // a second press shows both again
        if (storage && key) {
          if (country) storage.setItem(key, country); else storage.removeItem(key);
        }
        show(country);
      });
    });
    show(storage && key ? storage.getItem(key) || "" : "");
  }

  function openHelpLinks() {
    Array.prototype.forEach.call(document.querySelectorAll(".cs-open-help"), function (link) {
      link.addEventListener("click", function (event) {
        var help = document.getElementById("cs-help");
        if (!help) return;
        event.preventDefault();
        help.open = true;
        help.querySelector("summary").focus();
      });
    });
  }

  /** The band's page: "2 of 6 done" and a step per module, from the progress cybersafe.js shows;
   *  once every module is passed, the certificate can be printed. */
  function trail() {
    var root = document.querySelector(".cs-trail");
    if (!root) return;
    var steps = root.querySelectorAll(".cs-trail-step");
    var done = 0;
    var passed = 0;
    Array.prototype.forEach.call(steps, function (step) {
      var progress = document.querySelector('.cs-progress[data-module="' + step.getAttribute("data-module") + '"]');
      var state = progress ? progress.getAttribute("data-state") : "new";
      step.setAttribute("data-state", state || "new");
      if (state === "passed" || state === "done") done += 1;
      if (state === "passed") passed += 1;
    });
    var count = root.querySelector(".cs-trail-count");
    count.textContent = count.getAttribute("data-template")
      .replace("%(done)s", String(done)).replace("%(total)s", String(steps.length));
    certificate(passed === steps.length && steps.length > 0);
  }

  function certificate(earned) {
    var box = document.querySelector(".cs-certificate-box");
    if (!box) return;
    box.querySelector(".cs-cert-ready").hidden = !earned;
    box.querySelector(".cs-cert-locked").hidden = earned;
    var button = box.querySelector(".cs-cert-print");
    if (!earned || button.getAttribute("data-ready")) return;
    button.setAttribute("data-ready", "true");
    button.addEventListener("click", function () {
      var input = box.querySelector(".cs-cert-input");
      var name = input.value.trim();
      if (!name) { input.focus(); return; }
      box.querySelector(".cs-cert-name").textContent = name; // the name is kept nowhere
      var date = box.querySelector(".cs-cert-date");
      date.textContent = new Date().toLocaleDateString(date.getAttribute("data-lang") || undefined,
        { year: "numeric", month: "long", day: "numeric" });
      document.documentElement.classList.add("cs-printing-certificate");
      global.print();
    });
    global.addEventListener("afterprint", function () {
      document.documentElement.classList.remove("cs-printing-certificate");
    });
  }

  function start() {
    var element = bar();
    if (element) {
      Array.prototype.forEach.call(element.querySelectorAll(".cs-quick-exit"), function (exit) {
        exit.addEventListener("click", quickExit);
      });
      watchShift();
      countryChoice(element);
      openHelpLinks();
    }
    trail();
  }

  global.CyberSafeHelp = { quickExit: quickExit };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(window);
