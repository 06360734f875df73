/* CyberSafe runtime: quizzes and progress, shared by the site and every LMS package.
 *
 * Plain ES2017 with no dependencies, so it runs on cheap phones and inside any LMS frame.
 * Where progress goes is decided by a "store" adapter: CyberSafe.stores.local (the site:
 * this browser's localStorage) or one of the LMS adapters (scorm12.js, scorm2004.js, cmi5.js).
 *
 * A store has: recording (bool), load() -> saved state or null, save(state),
 * report(result) when a quiz is checked, complete() for a module without a quiz.
 */
(function (global) {
  "use strict";
  var CS = (global.CyberSafe = global.CyberSafe || {});
  CS.stores = CS.stores || {};
  var STATE_VERSION = 1;

  function format(template, values) {
    return String(template)
      .replace(/%\((\w+)\)s/g, function (_, key) { return values && key in values ? values[key] : ""; })
      .replace(/%%/g, "%");
  }
  CS.format = format;

  /* ---- Scoring: pure functions, the rules of docs/authoring.md ---- */

  function optionsOf(question) {
    if (question.kind !== "scenario") return question.options;
    return question.steps.reduce(function (all, step) { return all.concat(step.options); }, []);
  }

  /** Score of one question, 0..1. response: option id (single, true_false), list of ids
   *  (multiple), or the list of option ids chosen along the scenario's path. */
  CS.scoreQuestion = function (question, response) {
    if (response === undefined || response === null) return 0;
    if (question.kind === "multiple") {
      var right = question.options.filter(function (o) { return o.correct; }).map(function (o) { return o.id; });
      var chosen = response.slice().sort();
      return chosen.length === right.length && right.sort().every(function (id, i) { return chosen[i] === id; }) ? 1 : 0;
    }
    if (question.kind === "scenario") {
      if (!response.length) return 0;
      var byId = {};
      optionsOf(question).forEach(function (o) { byId[o.id] = o; });
      var good = response.filter(function (id) { return byId[id] && byId[id].correct; }).length;
      return good / response.length;
    }
    var option = question.options.filter(function (o) { return o.id === response; })[0];
    return option && option.correct ? 1 : 0;
  };

  /** The quiz result: score is a whole percentage (rounded down, so a shown score never passes
   *  when the exact one fails), passed when it reaches the pass mark. */
  CS.scoreQuiz = function (quiz, responses) {
    var results = quiz.questions.map(function (q) {
      return { id: q.id, kind: q.kind, response: responses[q.id], score: CS.scoreQuestion(q, responses[q.id]) };
    });
    var total = results.reduce(function (sum, r) { return sum + r.score; }, 0);
    var score = quiz.questions.length ? Math.floor((100 * total) / quiz.questions.length + 1e-9) : 100;
    return { score: score, passed: score >= quiz.passMark, results: results };
  };

  /** A fresh saved state. It carries a format version and the quiz's structure version, so a
   *  corrected package keeps the learner's score and drops only answers that no longer fit. */
  CS.newState = function (data) {
    return { v: STATE_VERSION, q: data.quiz ? data.quiz.version : "", a: {}, b: null, p: false, d: false, l: "" };
  };

  CS.usableState = function (data, state) {
    if (!state || state.v !== STATE_VERSION) return CS.newState(data);
    if (data.quiz && state.q !== data.quiz.version) {
      return { v: STATE_VERSION, q: data.quiz.version, a: {}, b: state.b, p: state.p, d: state.d, l: "" };
    }
    return state;
  };

  /* ---- The quiz on the page ---- */

  function Quiz(root, data, store) {
    this.root = root;
    this.data = data;
    this.quiz = data.quiz;
    this.store = store;
    this.strings = data.strings;
    this.form = root.querySelector(".cs-quiz-form");
    this.result = root.querySelector(".cs-result");
    this.retry = root.querySelector(".cs-retry");
    this.state = CS.usableState(data, store.load());
    this.paths = {};
    var self = this;
    this.byId = {};
    this.quiz.questions.forEach(function (q) { self.byId[q.id] = q; });
    this.resetScenarios();
    this.form.addEventListener("submit", function (event) { event.preventDefault(); self.check(); });
    this.form.addEventListener("change", function () { self.remember(); });
    this.retry.addEventListener("click", function () { self.again(); });
    Array.prototype.forEach.call(this.form.querySelectorAll(".cs-choose"), function (button) {
      button.addEventListener("click", function () { self.choose(button.closest(".cs-step")); });
    });
    this.restore();
  }

  Quiz.prototype.fieldset = function (id) {
    return this.form.querySelector('.cs-question[data-question="' + id + '"]');
  };

  Quiz.prototype.resetScenarios = function () {
    var self = this;
    this.quiz.questions.forEach(function (q) {
      if (q.kind !== "scenario") return;
      self.paths[q.id] = [];
      self.setStepsDone(q.id, false);
      Array.prototype.forEach.call(self.fieldset(q.id).querySelectorAll(".cs-step"), function (step, index) {
        step.hidden = index > 0;
        step.querySelector(".cs-consequence").textContent = "";
        step.querySelector(".cs-choose").hidden = false;
        Array.prototype.forEach.call(step.querySelectorAll("input"), function (input) { input.disabled = false; });
      });
    });
  };

  Quiz.prototype.setStepsDone = function (questionId, done) {
    this.fieldset(questionId).dataset.done = done ? "true" : "false";
  };

  /** The learner picked an option in a scenario step: show the consequence, then the next step. */
  Quiz.prototype.choose = function (stepElement, optionId, quiet) {
    var fieldset = stepElement.closest(".cs-question");
    var question = this.byId[fieldset.dataset.question];
    var step = question.steps.filter(function (s) { return s.id === stepElement.dataset.step; })[0];
    if (!optionId) {
      var checked = stepElement.querySelector("input:checked");
      if (!checked) {
        stepElement.querySelector(".cs-consequence").textContent = this.strings.chooseFirst;
        return;
      }
      optionId = checked.value;
    } else {
      var input = stepElement.querySelector('input[value="' + optionId + '"]');
      if (input) input.checked = true;
    }
    var option = step.options.filter(function (o) { return o.id === optionId; })[0];
    if (!option) return;
    this.paths[question.id].push(option.id);
    Array.prototype.forEach.call(stepElement.querySelectorAll("input"), function (i) { i.disabled = true; });
    stepElement.querySelector(".cs-choose").hidden = true;
    var verdict = option.correct ? "✓ " + this.strings.correct : "✗ " + this.strings.incorrect;
    var next = option.next ? fieldset.querySelector('.cs-step[data-step="' + option.next + '"]') : null;
    stepElement.querySelector(".cs-consequence").textContent =
      verdict + " " + option.feedback + (next ? "" : " " + this.strings.stepEnd);
    if (next) {
      next.hidden = false;
      if (!quiet) next.querySelector(".cs-step-prompt").setAttribute("tabindex", "-1");
      if (!quiet) next.querySelector(".cs-step-prompt").focus();
    } else {
      this.setStepsDone(question.id, true);
    }
    if (!quiet) this.remember();
  };

  /** The answers as they stand: what the runtime scores and the LMS stores. */
  Quiz.prototype.responses = function () {
    var self = this;
    var responses = {};
    this.quiz.questions.forEach(function (q) {
      var fieldset = self.fieldset(q.id);
      if (q.kind === "scenario") {
        if (self.paths[q.id].length) responses[q.id] = self.paths[q.id].slice();
      } else if (q.kind === "multiple") {
        var ids = Array.prototype.map.call(fieldset.querySelectorAll("input:checked"), function (i) { return i.value; });
        if (ids.length) responses[q.id] = ids;
      } else {
        var checked = fieldset.querySelector("input:checked");
        if (checked) responses[q.id] = checked.value;
      }
    });
    return responses;
  };

  Quiz.prototype.remember = function () {
    this.state.a = this.responses();
    this.state.l = "quiz";
    this.store.save(this.state);
  };

  Quiz.prototype.restore = function () {
    var self = this;
    var answers = this.state.a || {};
    this.quiz.questions.forEach(function (q) {
      var response = answers[q.id];
      if (response === undefined) return;
      var fieldset = self.fieldset(q.id);
      if (q.kind === "scenario") {
        response.forEach(function (optionId) {
          var visible = Array.prototype.filter.call(fieldset.querySelectorAll(".cs-step"), function (s) {
            return !s.hidden && !s.querySelector("input:disabled");
          })[0];
          if (visible) self.choose(visible, optionId, true);
        });
      } else {
        [].concat(response).forEach(function (value) {
          var input = fieldset.querySelector('input[value="' + value + '"]');
          if (input) input.checked = true;
        });
      }
    });
    if (this.state.b !== null && this.state.b !== undefined) {
      this.result.textContent = format(this.strings.best, { score: this.state.b }) +
        (this.state.p ? " · " + this.strings.passedShort : "");
    }
    if (this.state.l === "quiz" && Object.keys(answers).length) {
      this.root.scrollIntoView();
    }
  };

  Quiz.prototype.unanswered = function (responses) {
    var self = this;
    return this.quiz.questions
      .map(function (q, index) { return { q: q, n: index + 1 }; })
      .filter(function (item) {
        if (item.q.kind === "scenario") return self.fieldset(item.q.id).dataset.done !== "true";
        return responses[item.q.id] === undefined;
      });
  };

  Quiz.prototype.check = function () {
    var responses = this.responses();
    var missing = this.unanswered(responses);
    if (missing.length) {
      this.result.textContent = format(this.strings.unanswered, {
        list: missing.map(function (m) { return m.n; }).join(", "),
      });
      var first = this.fieldset(missing[0].q.id).querySelector("input:not(:disabled)");
      if (first) first.focus();
      return;
    }
    var outcome = CS.scoreQuiz(this.quiz, responses);
    this.showFeedback(responses);
    Array.prototype.forEach.call(this.form.querySelectorAll("input"), function (i) { i.disabled = true; });
    this.form.querySelector(".cs-check").hidden = true;
    this.retry.hidden = false;
    var best = Math.max(outcome.score, this.state.b === null ? -1 : this.state.b);
    this.state.a = responses;
    this.state.b = best;
    this.state.p = this.state.p || outcome.passed;
    this.state.d = true;
    this.state.l = "quiz";
    this.store.save(this.state);
    this.store.report({ score: outcome.score, passed: outcome.passed, best: best, passedEver: this.state.p,
                        results: outcome.results, quiz: this.quiz });
    this.result.textContent = format(this.strings.score, { score: outcome.score, mark: this.quiz.passMark }) + " " +
      (outcome.passed ? this.strings.passed : this.strings.failed);
    this.result.setAttribute("tabindex", "-1");
    this.result.focus();
  };

  Quiz.prototype.showFeedback = function (responses) {
    var self = this;
    this.quiz.questions.forEach(function (q) {
      if (q.kind === "scenario") return; // each step already showed its consequence
      var chosen = [].concat(responses[q.id] || []);
      q.options.forEach(function (option) {
        var box = self.fieldset(q.id).querySelector('.cs-feedback[data-option="' + option.id + '"]');
        var picked = chosen.indexOf(option.id) >= 0;
        if (!picked && !option.correct) return;
        var label = picked ? (option.correct ? "✓ " + self.strings.correct : "✗ " + self.strings.incorrect)
                           : "✓ " + self.strings.rightAnswer + ":";
        box.textContent = label + " " + option.feedback;
        box.className = "cs-feedback " + (option.correct ? "cs-right" : "cs-wrong");
        box.hidden = false;
      });
    });
  };

  Quiz.prototype.again = function () {
    this.form.reset();
    Array.prototype.forEach.call(this.form.querySelectorAll("input"), function (i) { i.disabled = false; });
    Array.prototype.forEach.call(this.form.querySelectorAll(".cs-feedback"), function (box) {
      box.hidden = true;
      box.textContent = "";
    });
    this.resetScenarios();
    this.form.querySelector(".cs-check").hidden = false;
    this.retry.hidden = true;
    this.result.textContent = "";
    this.state.a = {};
    this.store.save(this.state);
    var first = this.form.querySelector("input");
    if (first) first.focus();
  };

  CS.Quiz = Quiz;

  /* ---- The site's store: this browser's localStorage, nothing else ---- */

  function storageKey(course, module) { return "cybersafe/" + course + "/" + module; }

  function safeStorage() {
    try {
      var probe = "cybersafe/probe";
      global.localStorage.setItem(probe, "1");
      global.localStorage.removeItem(probe);
      return global.localStorage;
    } catch (e) {
      return null; // private mode or storage disabled: the quiz still works, nothing is kept
    }
  }

  CS.stores.local = function (data) {
    var storage = safeStorage();
    var key = storageKey(data.course, data.module);
    return {
      recording: true,
      load: function () {
        try { return storage ? JSON.parse(storage.getItem(key)) : null; } catch (e) { return null; }
      },
      save: function (state) { if (storage) storage.setItem(key, JSON.stringify(state)); },
      report: function () {},
      complete: function () {
        var state = CS.usableState(data, this.load());
        state.d = true;
        this.save(state);
      },
    };
  };

  /** A path page: show each module's progress, and clear it on request. */
  CS.showProgress = function (root, data) {
    var storage = safeStorage();
    var strings = data.strings;
    function refresh() {
      data.modules.forEach(function (module) {
        var element = root.querySelector('.cs-progress[data-module="' + module + '"]');
        var state = null;
        try { state = storage ? JSON.parse(storage.getItem(storageKey(data.course, module))) : null; } catch (e) {}
        if (!element) return;
        if (!state || !state.d) { element.textContent = strings.notStarted; element.dataset.state = "new"; return; }
        var text = state.p ? "✓ " + strings.passedShort : strings.completed;
        if (state.b !== null && state.b !== undefined) text += " · " + format(strings.best, { score: state.b });
        element.textContent = text;
        element.dataset.state = state.p ? "passed" : "done";
      });
    }
    var reset = root.querySelector(".cs-reset");
    if (reset) {
      reset.addEventListener("click", function () {
        if (!global.confirm(strings.resetConfirm)) return;
        if (storage) {
          var prefix = "cybersafe/" + data.course + "/";
          Object.keys(storage).filter(function (k) { return k.indexOf(prefix) === 0; })
            .forEach(function (k) { storage.removeItem(k); });
        }
        refresh();
        root.querySelector(".cs-reset-status").textContent = strings.resetDone;
      });
    }
    refresh();
  };

  /* ---- Printing: a closed content-warning gate must not hide the lesson on paper. CSS does it
     where ::details-content is supported; this does it in older browsers. ---- */

  global.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details.cs-gate:not([open])"), function (gate) {
      gate.open = true;
      gate.dataset.printOpened = "true";
    });
  });
  global.addEventListener("afterprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll('details.cs-gate[data-print-opened="true"]'), function (gate) {
      gate.open = false;
      delete gate.dataset.printOpened;
    });
  });

  /* ---- Start ---- */

  CS.boot = function () {
    var element = document.getElementById("cs-data");
    if (!element) return;
    var data = JSON.parse(element.textContent);
    if (data.modules) { CS.showProgress(element.parentNode, data); return; }
    var store = (CS.stores[data.adapter] || CS.stores.local)(data);
    CS.store = store;
    var article = element.closest(".cs-module");
    if (!store.recording) {
      var notice = document.createElement("p");
      notice.className = "cs-notice cs-not-recording";
      notice.setAttribute("role", "note");
      notice.textContent = data.strings.noLms;
      article.insertBefore(notice, article.firstChild);
    }
    var quizRoot = article.querySelector(".cs-quiz");
    if (data.quiz && quizRoot) CS.quiz = new Quiz(quizRoot, data, store);
    else store.complete();
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", CS.boot);
  else CS.boot();
})(window);
