/* cmi5 adapter: the AU side of a cmi5 launch. It reads the launch parameters, POSTs once to the
 * fetch URL for its token, reads LMS.LaunchData, and sends xAPI statements with the LMS's context
 * template: initialized first, completed and passed/failed at most once each, terminated last.
 * It talks only to the endpoints its LMS gives it at launch. */
(function (global) {
  "use strict";
  var CS = global.CyberSafe, LMS = CS.lms;
  var VERB = "http://adlnet.gov/expapi/verbs/";
  var CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
  var MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon";
  var STATE_ID = "cybersafe-state";

  function parameters() {
    var query = new URLSearchParams(global.location.search);
    var names = ["endpoint", "fetch", "actor", "registration", "activityId"];
    var values = {};
    for (var i = 0; i < names.length; i++) {
      if (!query.get(names[i])) return null;
      values[names[i]] = query.get(names[i]);
    }
    return values;
  }

  function uuid() {
    if (global.crypto && global.crypto.randomUUID) return global.crypto.randomUUID();
    return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, function (c) {
      return (c ^ (global.crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16);
    });
  }

  /** Synchronous XHR only while starting (the page needs its saved state before it renders the
   *  quiz); every statement afterwards goes out asynchronously, the last one with keepalive. */
  function request(method, url, token, body) {
    var xhr = new XMLHttpRequest();
    xhr.open(method, url, false);
    if (token) xhr.setRequestHeader("Authorization", token);
    xhr.setRequestHeader("X-Experience-API-Version", "1.0.3");
    if (body !== undefined) xhr.setRequestHeader("Content-Type", "application/json");
    xhr.send(body === undefined ? null : JSON.stringify(body));
    return xhr;
  }

  CS.stores.cmi5 = function (data) {
    var launch = parameters();
    if (!launch) return LMS.standalone(data);
    var endpoint = launch.endpoint.replace(/\/?$/, "/");
    var token;
    try {
      var fetched = request("POST", launch.fetch, null);
      token = "Basic " + JSON.parse(fetched.responseText)["auth-token"];
    } catch (e) {
      return LMS.standalone(data);
    }
    var actor = JSON.parse(launch.actor);
    var stateQuery = function (stateId) {
      return "activities/state?stateId=" + encodeURIComponent(stateId) + "&activityId=" +
        encodeURIComponent(launch.activityId) + "&agent=" + encodeURIComponent(launch.actor) +
        "&registration=" + encodeURIComponent(launch.registration);
    };
    var launchData = {};
    try {
      launchData = JSON.parse(request("GET", endpoint + stateQuery("LMS.LaunchData"), token).responseText);
    } catch (e) {}
    var template = launchData.contextTemplate || {};
    var normal = (launchData.launchMode || "Normal") === "Normal";
    var mastery = typeof launchData.masteryScore === "number" ? launchData.masteryScore :
      data.quiz ? data.quiz.passMark / 100 : null;
    var started = Date.now();
    var sent = { completed: false, passed: false, failed: false, terminated: false };

    function statement(verb, result, moveOn) {
      var context = JSON.parse(JSON.stringify(template));
      context.registration = launch.registration;
      context.contextActivities = context.contextActivities || {};
      var category = [{ id: CMI5 }];
      if (moveOn) category.push({ id: MOVEON });
      context.contextActivities.category = (context.contextActivities.category || []).concat(category);
      var body = { id: uuid(), timestamp: LMS.isoNow(), actor: actor,
                   verb: { id: VERB + verb, display: { "en-US": verb } },
                   object: { id: launch.activityId, objectType: "Activity" }, context: context };
      if (result) body.result = result;
      return body;
    }

    /* Statements go out one after another, so the LMS stores them in the order they were made;
     * the last one (terminated, on pagehide) goes at once, as a page going away runs no more callbacks. */
    var queue = Promise.resolve();
    function send(body, lastOne) {
      var url = endpoint + "statements?statementId=" + encodeURIComponent(body.id);
      var headers = { "Authorization": token, "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json" };
      var put = function () {
        return global.fetch(url, { method: "PUT", headers: headers, body: JSON.stringify(body), keepalive: !!lastOne })
          .catch(function () {});
      };
      if (lastOne) return put();
      queue = queue.then(put);
      return queue;
    }

    function duration() { return LMS.isoDuration(Date.now() - started); }

    send(statement("initialized"));

    /** Terminated, last: after the queued statements when there is time (the exit button), at once
     *  when the page is going away. */
    function terminate(leaving) {
      if (sent.terminated) return Promise.resolve();
      sent.terminated = true;
      var body = statement("terminated", { duration: duration() });
      return leaving ? send(body, true) : queue.then(function () { return send(body, true); });
    }

    LMS.lifecycle(function () {}, function () { terminate(true); });

    /* The way out the LMS offers: after Terminate, go to its returnURL. */
    if (launchData.returnURL) {
      var exit = global.document.createElement("button");
      exit.type = "button";
      exit.className = "cs-button cs-exit";
      exit.textContent = data.strings.exit;
      exit.addEventListener("click", function () {
        exit.disabled = true;
        terminate(false).then(function () { global.location.href = launchData.returnURL; });
      });
      var start = function () {
        var main = global.document.querySelector(".cs-module");
        if (main) main.appendChild(exit);
      };
      if (global.document.readyState === "loading") global.document.addEventListener("DOMContentLoaded", start);
      else start();
    }

    /** An "answered" statement per question: the interaction as xAPI defines it, with the
     *  question text in the package's language; ids are the authored ones. */
    function answered(question, result) {
      var info = CS.record(question, result.response);
      var join = function (list) {
        return list.map(function (e) { return info.type === "matching" ? e[0] + "[.]" + e[1] : e; }).join("[,]");
      };
      var name = {};
      name[data.lang] = Array.from(String(question.prompt)).slice(0, 1000).join("");
      var definition = { type: "http://adlnet.gov/expapi/activities/cmi.interaction", name: name,
                         interactionType: info.type };
      if (info.correct.length) definition.correctResponsesPattern = [join(info.correct)];
      var body = statement("answered", { success: result.score === 1, response: join(info.response),
                                          score: { scaled: Math.round(result.score * 100) / 100 } });
      body.object = { id: launch.activityId + "/" + encodeURIComponent(data.module) + "/" + encodeURIComponent(question.id),
                      objectType: "Activity", definition: definition };
      // a "cmi5 allowed" statement: without the cmi5 category, with the AU as its parent
      var activities = body.context.contextActivities;
      activities.category = activities.category.filter(function (c) { return c.id !== CMI5; });
      if (!activities.category.length) delete activities.category;
      activities.parent = (activities.parent || []).concat([{ id: launch.activityId, objectType: "Activity" }]);
      return body;
    }

    return {
      recording: true,
      load: function () {
        try {
          var response = request("GET", endpoint + stateQuery(STATE_ID), token);
          return response.status === 200 ? LMS.decode(data.quiz, response.responseText) : null;
        } catch (e) {
          return null;
        }
      },
      save: function (state) {
        global.fetch(endpoint + stateQuery(STATE_ID), {
          method: "PUT", body: LMS.encode(data.quiz, state), keepalive: true,
          headers: { "Authorization": token, "X-Experience-API-Version": "1.0.3", "Content-Type": "text/plain" },
        }).catch(function () {});
      },
      report: function (result) {
        if (!normal) return;
        var scaled = result.best / 100;
        var score = { scaled: scaled, raw: result.best, min: 0, max: 100 };
        if (!sent.completed) {
          sent.completed = true;
          send(statement("completed", { completion: true, duration: duration() }, true));
        }
        var passed = mastery === null ? result.passedEver : scaled >= mastery;
        if (passed && !sent.passed) {
          sent.passed = true;
          send(statement("passed", { score: score, success: true, duration: duration() }, true));
        } else if (!passed && !sent.passed && !sent.failed) {
          sent.failed = true;
          send(statement("failed", { score: score, success: false, duration: duration() }, true));
        }
        result.results.forEach(function (r, index) { send(answered(result.quiz.questions[index], r)); });
      },
      complete: function () {
        if (!normal || sent.completed) return;
        sent.completed = true;
        send(statement("completed", { completion: true, duration: duration() }, true));
      },
    };
  };
})(window);
