/* What the LMS adapters share: finding the SCORM API, time formats, the compact saved state,
 * and the page lifecycle (commit when hidden, finish exactly once on pagehide, never unload).
 * Loaded before one adapter (scorm12.js, scorm2004.js or cmi5.js) and cybersafe.js.
 */
(function (global) {
  "use strict";
  var CS = (global.CyberSafe = global.CyberSafe || {});
  CS.stores = CS.stores || {};
  var LMS = (CS.lms = {});

  /** The ADL discovery algorithm: climb the parent frames, then try the opener's. */
  LMS.findApi = function (name) {
    function climb(win) {
      for (var tries = 0; win && tries < 500; tries++) {
        try {
          if (win[name]) return win[name];
        } catch (e) {
          return null; // a frame of another origin: the API cannot be above it
        }
        if (!win.parent || win.parent === win) return null;
        win = win.parent;
      }
      return null;
    }
    var api = climb(global);
    try {
      if (!api && global.opener) api = climb(global.opener);
      if (!api && global.top && global.top.opener) api = climb(global.top.opener);
    } catch (e) {}
    return api;
  };

  function pad(number, width) {
    var text = String(number);
    while (text.length < width) text = "0" + text;
    return text;
  }

  /** SCORM 1.2 CMITimespan: HHHH:MM:SS.SS */
  LMS.scorm12Time = function (ms) {
    var cs = Math.round(ms / 10);
    var h = Math.floor(cs / 360000), m = Math.floor((cs % 360000) / 6000), s = Math.floor((cs % 6000) / 100);
    return pad(Math.min(h, 9999), 4) + ":" + pad(m, 2) + ":" + pad(s, 2) + "." + pad(cs % 100, 2);
  };

  /** ISO 8601 duration as SCORM 2004 and xAPI want it, e.g. PT1M30.5S (never P0S or PT10). */
  LMS.isoDuration = function (ms) {
    var cs = Math.round(ms / 10);
    var h = Math.floor(cs / 360000), m = Math.floor((cs % 360000) / 6000), s = (cs % 6000) / 100;
    return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + (Math.round(s * 100) / 100) + "S";
  };

  LMS.isoNow = function () { return new Date().toISOString(); };

  /* The saved state is CyberSafe.encodeState's line (format: builder/quiz/state.py), which stays
   * within SCORM 1.2's 4096 characters; the build refuses a quiz whose worst case would not. */
  LMS.encode = function (quiz, state) { return CS.encodeState(quiz, state); };
  LMS.decode = function (quiz, text) { return CS.decodeState(quiz, text); };

  /** SCORM 1.2 interaction responses allow only single characters [0-9a-z]: the AUTHORED index. */
  LMS.letter = function (index) { return "abcdefghijklmnopqrstuvwxyz0123456789".charAt(index); };

  /** Authored ids are kebab-case ASCII; strict runtimes (Moodle's SCORM 2004) accept only
   *  [A-Za-z0-9_.] in response identifiers. Hyphen to underscore is reversible, since authored
   *  ids never hold an underscore. */
  LMS.strictId = function (id) { return String(id).replace(/-/g, "_"); };
  LMS.authoredId = function (id) { return String(id).replace(/_/g, "-"); };

  /** A result as SCORM wants it: "correct", the wrong word of the standard, or a decimal. */
  LMS.result = function (score, wrong) {
    return score === 1 ? "correct" : score === 0 ? wrong : String(Math.round(score * 100) / 100);
  };

  /** Commit when the page is hidden (phones kill hidden tabs), finish once when it goes away. */
  LMS.lifecycle = function (commit, finish) {
    var done = false;
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && !done) commit(); // pagehide may already have finished
    });
    global.addEventListener("pagehide", function () {
      if (done) return;
      done = true;
      finish();
    });
  };

  /** Without an LMS the module still works; it says that nothing is being recorded. */
  LMS.standalone = function (data) {
    var store = CS.stores.local(data);
    store.recording = false;
    return store;
  };
})(window);
