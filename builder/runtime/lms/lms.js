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

  /* The saved state, compact enough for SCORM 1.2's 4096 characters:
   *   "1~<quiz version>~<best>~<passed>~<done>~<location>~<answers>"
   * where answers are "<question index>:<option indices joined by .>" joined by ",".
   * Indices are safe because the quiz version changes whenever the quiz's structure does. */
  function optionsOf(question) {
    if (question.kind !== "scenario") return question.options;
    return question.steps.reduce(function (all, step) { return all.concat(step.options); }, []);
  }

  LMS.encode = function (quiz, state) {
    var answers = [];
    if (quiz) {
      quiz.questions.forEach(function (q, index) {
        var response = state.a && state.a[q.id];
        if (response === undefined) return;
        var ids = optionsOf(q).map(function (o) { return o.id; });
        answers.push(index + ":" + [].concat(response).map(function (id) { return ids.indexOf(id); }).join("."));
      });
    }
    var best = state.b === null || state.b === undefined ? "" : state.b;
    return ["1", quiz ? quiz.version : "", best, state.p ? 1 : 0, state.d ? 1 : 0, state.l || "", answers.join(",")].join("~");
  };

  LMS.decode = function (quiz, text) {
    var parts = String(text || "").split("~");
    if (parts[0] !== "1" || parts.length !== 7) return null;
    var state = { v: 1, q: parts[1], a: {}, b: parts[2] === "" ? null : Number(parts[2]),
                  p: parts[3] === "1", d: parts[4] === "1", l: parts[5] };
    if (quiz && parts[1] === quiz.version && parts[6]) {
      parts[6].split(",").forEach(function (entry) {
        var pair = entry.split(":"), q = quiz.questions[Number(pair[0])];
        if (!q) return;
        var ids = optionsOf(q).map(function (o) { return o.id; });
        var chosen = pair[1].split(".").map(function (i) { return ids[Number(i)]; });
        state.a[q.id] = q.kind === "multiple" || q.kind === "scenario" ? chosen : chosen[0];
      });
    }
    return state;
  };

  /** Letters for SCORM 1.2 interaction responses, which allow only single characters [0-9a-z]. */
  LMS.letter = function (index) { return "abcdefghijklmnopqrstuvwxyz0123456789".charAt(index); };

  /** The learner's response and the right one, as option ids, with the interaction type. */
  LMS.interaction = function (question, response) {
    var options = optionsOf(question);
    var kind = question.kind === "true_false" ? "true-false" : question.kind === "scenario" ? "sequencing" : "choice";
    var correct = question.kind === "scenario" ? [] :
      question.options.filter(function (o) { return o.correct; }).map(function (o) { return o.id; });
    return { kind: kind, options: options, response: [].concat(response || []), correct: correct };
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
