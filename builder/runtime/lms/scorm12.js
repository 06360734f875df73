/* SCORM 1.2 adapter: status, score, time, resume and interactions through the LMS's API object.
 * Every value written is one the 1.2 data model accepts (see docs and Moodle's scorm_12.js). */
(function (global) {
  "use strict";
  var CS = global.CyberSafe, LMS = CS.lms;

  CS.stores.scorm12 = function (data) {
    var api = LMS.findApi("API");
    if (!api || String(api.LMSInitialize("")) !== "true") return LMS.standalone(data);
    var started = Date.now();
    var get = function (key) { return String(api.LMSGetValue(key)); };
    var set = function (key, value) { return String(api.LMSSetValue(key, String(value))) === "true"; };
    var commit = function () { api.LMSCommit(""); };
    var mode = get("cmi.core.lesson_mode");
    var tracking = mode !== "browse" && mode !== "review";
    var status = get("cmi.core.lesson_status");
    var finished = status === "passed" || status === "completed";
    if (tracking && (status === "not attempted" || status === "")) set("cmi.core.lesson_status", "incomplete");

    function saveState(state) {
      set("cmi.suspend_data", LMS.encode(data.quiz, state));
      set("cmi.core.lesson_location", state.l || "lesson");
    }

    /** 1.2 patterns: single characters by AUTHORED index; matching pairs as "a.b". */
    function pattern(question, record, list) {
      var ids = CS.kindOf(question).choices(question);
      var letter = function (id) { return record.type === "true-false" ? id.charAt(0) : LMS.letter(ids.indexOf(id)); };
      return list.map(function (entry) {
        return record.type === "matching" ? letter(entry[0]) + "." + letter(entry[1]) : letter(entry);
      }).join(",");
    }

    function recordResults(results, quiz) {
      var clock = new Date().toTimeString().slice(0, 8);
      results.forEach(function (result, index) {
        var question = quiz.questions[index];
        var info = CS.record(question, result.response);
        var n = Number(get("cmi.interactions._count")) || 0;
        var key = "cmi.interactions." + n + ".";
        set(key + "id", (data.module + "." + question.id).slice(0, 255));
        set(key + "type", info.type);
        set(key + "time", clock);
        if (info.correct.length) set(key + "correct_responses.0.pattern", pattern(question, info, info.correct));
        set(key + "student_response", pattern(question, info, info.response));
        set(key + "result", LMS.result(result.score, "wrong"));
      });
    }

    LMS.lifecycle(commit, function () {
      set("cmi.core.session_time", LMS.scorm12Time(Date.now() - started));
      set("cmi.core.exit", finished ? "" : "suspend");
      commit();
      api.LMSFinish("");
    });

    return {
      recording: true,
      load: function () { return LMS.decode(data.quiz, get("cmi.suspend_data")); },
      save: function (state) { saveState(state); },
      report: function (result) {
        if (tracking) {
          set("cmi.core.score.min", 0);
          set("cmi.core.score.max", 100);
          set("cmi.core.score.raw", result.best);
          set("cmi.core.lesson_status", result.passedEver ? "passed" : "failed");
          finished = result.passedEver;
          recordResults(result.results, result.quiz);
        }
        commit();
      },
      complete: function () {
        if (tracking) set("cmi.core.lesson_status", "completed");
        finished = true;
        commit();
      },
    };
  };
})(window);
