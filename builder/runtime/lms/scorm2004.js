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

    function record(results, quiz) {
      results.forEach(function (result, index) {
        var question = quiz.questions[index];
        var info = LMS.interaction(question, result.response);
        var n = Number(get("cmi.interactions._count")) || 0;
        var key = "cmi.interactions." + n + ".";
        set(key + "id", data.module + "." + question.id);
        set(key + "type", info.kind);
        set(key + "timestamp", LMS.isoNow().slice(0, 19));
        set(key + "description", question.prompt.slice(0, 250));
        if (info.correct.length) set(key + "correct_responses.0.pattern", info.correct.join("[,]"));
        set(key + "learner_response", info.response.join("[,]"));
        set(key + "result", result.score === 1 ? "correct" : result.score === 0 ? "incorrect" : String(Math.round(result.score * 100) / 100));
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
          record(result.results, result.quiz);
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
