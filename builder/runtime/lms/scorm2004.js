/* SCORM 2004 (4th edition) adapter: completion and success apart, a scaled score, ISO 8601 time,
 * resume and interactions through API_1484_11. No sequencing beyond the LMS's default flow. */
(function (global) {
  "use strict";
  var CS = global.CyberSafe, LMS = CS.lms;

  CS.stores.scorm2004 = function (data) {
    var api = LMS.findApi("API_1484_11");
    if (!api || String(api.Initialize("")) !== "true") return LMS.standalone(data);
    var started = Date.now();
    var get = function (key) { return String(api.GetValue(key)); };
    var set = function (key, value) { return String(api.SetValue(key, String(value))) === "true"; };
    var commit = function () { api.Commit(""); };
    var mode = get("cmi.mode");
    var tracking = mode !== "browse" && mode !== "review";
    var finished = get("cmi.completion_status") === "completed" && get("cmi.success_status") !== "failed";
    if (tracking && get("cmi.completion_status") !== "completed") set("cmi.completion_status", "incomplete");

    /** 2004 patterns: identifiers Moodle accepts (^[\w.]{1,250}$), "[,]" between them, "[.]" in a pair. */
    function pattern(record, list) {
      if (record.type === "true-false") return list.join("[,]");
      return list.map(function (entry) {
        return record.type === "matching" ? LMS.strictId(entry[0]) + "[.]" + LMS.strictId(entry[1]) : LMS.strictId(entry);
      }).join("[,]");
    }

    /** The question in the package's language, as a CMILangString250 ("{lang=th}..."). */
    function description(question) {
      var text = String(question.prompt).replace(/\s+/g, " ").replace(/^[\s{]+/, "");
      return "{lang=" + data.lang + "}" + Array.from(text).slice(0, 250).join("");
    }

    function recordResults(results, quiz) {
      results.forEach(function (result, index) {
        var question = quiz.questions[index];
        var info = CS.record(question, result.response);
        var n = Number(get("cmi.interactions._count")) || 0;
        var key = "cmi.interactions." + n + ".";
        set(key + "id", data.module + "." + question.id);
        set(key + "type", info.type);
        set(key + "timestamp", LMS.isoNow().slice(0, 19));
        set(key + "description", description(question));
        if (info.correct.length) set(key + "correct_responses.0.pattern", pattern(info, info.correct));
        set(key + "learner_response", pattern(info, info.response));
        set(key + "result", LMS.result(result.score, "incorrect"));
      });
    }

    LMS.lifecycle(commit, function () {
      set("cmi.session_time", LMS.isoDuration(Date.now() - started));
      set("cmi.exit", finished ? "normal" : "suspend");
      commit();
      api.Terminate("");
    });

    return {
      recording: true,
      load: function () { return LMS.decode(data.quiz, get("cmi.suspend_data")); },
      save: function (state) {
        set("cmi.suspend_data", LMS.encode(data.quiz, state));
        set("cmi.location", state.l || "lesson");
      },
      report: function (result) {
        if (tracking) {
          set("cmi.score.min", 0);
          set("cmi.score.max", 100);
          set("cmi.score.raw", result.best);
          set("cmi.score.scaled", result.best / 100);
          set("cmi.completion_status", "completed");
          set("cmi.success_status", result.passedEver ? "passed" : "failed");
          recordResults(result.results, result.quiz);
        }
        finished = result.passedEver;
        commit();
      },
      complete: function () {
        if (tracking) set("cmi.completion_status", "completed");
        finished = true;
        commit();
      },
    };
  };
})(window);
