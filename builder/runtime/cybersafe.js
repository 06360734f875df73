/* CyberSafe runtime: quizzes and progress, shared by the site and every LMS package.
 *
 * Plain ES2017 with no dependencies, so it runs on cheap phones and inside any LMS frame.
 * This core knows no question kind: each kind is one file of runtime/kinds/ that calls
 * CyberSafe.registerKind(name, kind); the build joins the core, every kind and a last line that
 * starts the page into the one cybersafe.js a page loads.
 *
 * Where progress goes is decided by a "store" adapter: CyberSafe.stores.local (the site:
 * this browser's localStorage) or one of the LMS adapters (scorm12.js, scorm2004.js, cmi5.js).
 * A store has: recording (bool), load() -> saved state or null, save(state),
 * report(result) when a quiz is checked, complete() for a module without a quiz.
 *
 * A kind has: choices(q) -> the authored ids its saved-state token indexes, response(ctx) ->
 * the learner's response as a list of authored ids (undefined when unanswered), restore(ctx,
 * response), score(q, response) -> 0..1, feedback(ctx, response), record(q, response) ->
 * {type, correct, response} (standard-independent: "choice" | "true-false" | "sequencing" |
 * "matching", authored ids, matching as [item, partner] pairs), right(q) -> a right response,
 * sample(q, random) -> any response a learner could give; optionally setup(ctx), reset(ctx),
 * answered(ctx, response), valid(q, response).
 */
(function (global) {
  "use strict";
  var CS = (global.CyberSafe = global.CyberSafe || {});
  CS.stores = CS.stores || {};
  CS.kinds = CS.kinds || {};
  var STATE_VERSION = 2;
  var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";

  function format(template, values) {
    return String(template)
      .replace(/%\((\w+)\)s/g, function (_, key) { return values && key in values ? values[key] : ""; })
      .replace(/%%/g, "%");
  }
  CS.format = format;

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  /* ---- The registry of question kinds ---- */

  CS.registerKind = function (name, kind) {
    kind.name = name;
    CS.kinds[name] = kind;
  };

  CS.kindOf = function (question) {
    var kind = CS.kinds[question.kind];
    if (!kind) throw new Error("CyberSafe: no runtime for question kind " + question.kind);
    return kind;
  };

  /* ---- Seeds and permutations: the same seed gives the same order on every load ---- */

  function hash32(text) { // FNV-1a
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
  }

  CS.random = function (seed) { // mulberry32: small, fast, good enough to shuffle options
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  };

  /** A new learner seed. Tests inject theirs with window.CyberSafeSeeds = [..] before the page loads. */
  CS.newSeed = function () {
    if (global.CyberSafeSeeds && global.CyberSafeSeeds.length) return global.CyberSafeSeeds.shift() >>> 0;
    if (global.crypto && global.crypto.getRandomValues) return global.crypto.getRandomValues(new Uint32Array(1))[0];
    return Math.floor(Math.random() * 4294967296);
  };

  /** The display order (authored indices) of ``count`` things: pinned ones stay in place; with
   *  ``derange`` the authored order itself is never the result. */
  CS.permutation = function (seed, key, count, pinned, derange) {
    var random = CS.random((seed ^ hash32(key)) >>> 0);
    var free = [];
    for (var i = 0; i < count; i++) if (pinned.indexOf(i) < 0) free.push(i);
    var sorted = free.slice();
    for (var j = free.length - 1; j > 0; j--) {
      var k = Math.floor(random() * (j + 1));
      var swap = free[j]; free[j] = free[k]; free[k] = swap;
    }
    if (derange && free.length > 1 && free.every(function (v, n) { return v === sorted[n]; })) {
      free.push(free.shift());
    }
    var order = [];
    for (var n = 0; n < count; n++) order.push(pinned.indexOf(n) >= 0 ? n : free.shift());
    return order;
  };

  /** Put the children of ``container`` that carry data-index in ``order``; others stay first. */
  CS.arrange = function (container, order) {
    var byIndex = {};
    each(container.querySelectorAll(":scope > [data-index]"), function (child) { byIndex[child.dataset.index] = child; });
    order.forEach(function (index) { if (byIndex[index]) container.appendChild(byIndex[index]); });
  };

  function currentOrder(container) {
    return Array.prototype.map.call(container.querySelectorAll(":scope > [data-index]"), function (c) {
      return Number(c.dataset.index);
    });
  }

  /* ---- Scoring: pure functions, the rules of docs/authoring.md ---- */

  /** Score of one question, 0..1; response: a list of authored ids (see each kind). */
  CS.scoreQuestion = function (question, response) {
    if (response === undefined || response === null) return 0;
    return CS.kindOf(question).score(question, response);
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

  /** The standard-independent interaction record of a question; each LMS adapter formats it. */
  CS.record = function (question, response) {
    return CS.kindOf(question).record(question, [].concat(response || []));
  };

  /* ---- The saved state (format: builder/quiz/state.py) ---- */

  CS.newState = function (data) {
    return { v: STATE_VERSION, q: data.quiz ? data.quiz.version : "", a: {}, b: null, p: false, d: false, l: "",
             s: CS.newSeed() };
  };

  /** The state to use: a saved one that fits this quiz, or a fresh one. When saved answers had to
   *  be dropped (an older quiz, an unreadable state), ``r`` is set so the page can say so. */
  CS.usableState = function (data, state) {
    if (!state) return CS.newState(data);
    if (state.v !== 1 && state.v !== STATE_VERSION) {
      var fresh = CS.newState(data);
      fresh.r = true;
      return fresh;
    }
    if (typeof state.s !== "number") state.s = CS.newSeed();
    state.v = STATE_VERSION;
    if (data.quiz && state.q !== data.quiz.version) {
      var kept = { v: STATE_VERSION, q: data.quiz.version, a: {}, b: state.b, p: state.p, d: state.d, l: "", s: state.s };
      kept.r = !!state.r || Object.keys(state.a || {}).length > 0;
      return kept;
    }
    return state;
  };

  function choicesOf(question) { return CS.kindOf(question).choices(question); }

  function encodeAnswer(question, response) {
    var ids = choicesOf(question);
    return [].concat(response).map(function (id) {
      return id === null || id === undefined ? "_" : DIGITS.charAt(ids.indexOf(id));
    }).join("");
  }

  function decodeAnswer(question, token, separator) {
    var ids = choicesOf(question);
    var parts = separator ? token.split(separator) : token.split("");
    var response = [];
    for (var i = 0; i < parts.length; i++) {
      if (parts[i] === "_") { response.push(null); continue; }
      var index = separator ? Number(parts[i]) : DIGITS.indexOf(parts[i]);
      if (!(index >= 0 && index < ids.length) || parts[i] === "") return undefined;
      response.push(ids[index]);
    }
    var kind = CS.kindOf(question);
    return !kind.valid || kind.valid(question, response) ? response : undefined;
  }

  /** "2~<quiz version>~<best>~<passed>~<done>~<location>~<seed>~<answers>", answers being
   *  "<question index>:<one base-36 character per authored index>" joined by ",". */
  CS.encodeState = function (quiz, state) {
    var answers = [];
    if (quiz) {
      quiz.questions.forEach(function (q, index) {
        var response = state.a && state.a[q.id];
        if (response !== undefined && response !== null) answers.push(index + ":" + encodeAnswer(q, response));
      });
    }
    var best = state.b === null || state.b === undefined ? "" : state.b;
    return [STATE_VERSION, quiz ? quiz.version : "", best, state.p ? 1 : 0, state.d ? 1 : 0, state.l || "",
            (state.s >>> 0).toString(36), answers.join(",")].join("~");
  };

  /** Reads format 2, and format 1 of packages uploaded before ("1~version~best~passed~done~
   *  location~answers", decimal indices joined by "."). Null when there is nothing; {v: 0} when
   *  there is something unreadable. Answers that do not fit the quiz are dropped, never guessed. */
  CS.decodeState = function (quiz, text) {
    if (text === null || text === undefined || text === "" || text === "null") return null;
    var parts = String(text).split("~");
    var old = parts[0] === "1" && parts.length === 7;
    if (!old && !(parts[0] === "2" && parts.length === 8)) return { v: 0 };
    var best = parts[2] === "" ? null : Number(parts[2]);
    var state = { v: old ? 1 : 2, q: parts[1], a: {}, b: best !== null && isFinite(best) ? best : null,
                  p: parts[3] === "1", d: parts[4] === "1", l: parts[5] };
    if (!old) {
      var seed = parseInt(parts[6], 36);
      if (isFinite(seed)) state.s = seed >>> 0;
    }
    var answers = parts[old ? 6 : 7];
    if (quiz && parts[1] === quiz.version && answers) {
      answers.split(",").forEach(function (entry) {
        var pair = entry.split(":"), q = quiz.questions[Number(pair[0])];
        if (!q || pair.length !== 2 || !CS.kinds[q.kind]) return;
        var response = decodeAnswer(q, pair[1], old ? "." : "");
        if (response !== undefined) state.a[q.id] = response;
        else state.r = true;
      });
    } else if (quiz && answers) {
      state.r = true; // answers to another version of the quiz: dropped, and the learner is told
    }
    return state;
  };

  /* ---- The storage scheme: one key per course, version, language, place and module ----
   *   cybersafe/<course id>/<course version>/<language>/<place>/<module id>/<what>
   * <place> is "site" for the site, or the package's identifier and standard for a package, so
   * a package opened from a folder never shares a key with the site or another package (every
   * file:// page shares one localStorage). <what>: "progress" (the saved state above), "gate"
   * (a content warning accepted), "position" (the reading position). */

  CS.storageKey = function (data, module, what) {
    return ["cybersafe", data.course, data.version, data.lang, data.place || "site", module, what].join("/");
  };

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
  CS.storage = safeStorage;

  /** The site's progress before this scheme: "cybersafe/<course>/<module>" holding JSON. */
  function legacyState(storage, data, module) {
    try {
      var old = JSON.parse(storage.getItem("cybersafe/" + data.course + "/" + module));
      if (!old || old.v !== 1) return null;
      var answers = {};
      Object.keys(old.a || {}).forEach(function (id) { answers[id] = [].concat(old.a[id]); });
      return { v: 1, q: old.q, a: answers, b: old.b, p: old.p, d: old.d, l: old.l };
    } catch (e) {
      return null;
    }
  }

  function readProgress(storage, data, module, quiz) {
    if (!storage) return null;
    var text = storage.getItem(CS.storageKey(data, module, "progress"));
    if (text !== null) return CS.decodeState(quiz, text);
    return (data.place || "site") === "site" ? legacyState(storage, data, module) : null;
  }

  CS.stores.local = function (data) {
    var storage = safeStorage();
    var key = CS.storageKey(data, data.module, "progress");
    return {
      recording: true,
      load: function () { return readProgress(storage, data, data.module, data.quiz); },
      save: function (state) { if (storage) storage.setItem(key, CS.encodeState(data.quiz, state)); },
      report: function () {},
      complete: function () {
        var state = CS.usableState(data, this.load());
        state.d = true;
        this.save(state);
      },
    };
  };

  /* ---- The quiz on the page ---- */

  function Quiz(root, data, store) {
    var self = this;
    this.root = root;
    this.data = data;
    this.quiz = data.quiz;
    this.store = store;
    this.strings = data.strings;
    this.form = root.querySelector(".cs-quiz-form");
    this.result = root.querySelector(".cs-result");
    this.retry = root.querySelector(".cs-retry");
    this.state = CS.usableState(data, store.load());
    this.contexts = this.quiz.questions.map(function (q) {
      var ctx = { quiz: self, q: q, kind: CS.kindOf(q), strings: self.strings,
                  fieldset: self.form.querySelector('.cs-question[data-question="' + q.id + '"]'),
                  remember: function () { self.remember(); } };
      if (ctx.kind.setup) ctx.kind.setup(ctx);
      return ctx;
    });
    this.shuffle();
    this.form.addEventListener("submit", function (event) { event.preventDefault(); self.check(); });
    this.form.addEventListener("change", function () { self.remember(); });
    this.retry.addEventListener("click", function () { self.again(); });
    // A control that hides or disables itself must not drop the focus to <body>: it goes to the
    // nearest visible thing of the same question (or the result) instead.
    this.form.addEventListener("click", function (event) {
      var control = event.target.closest && event.target.closest("button");
      if (!control) return;
      global.setTimeout(function () {
        var active = document.activeElement;
        if (active && active !== document.body && active.getClientRects().length) return;
        var place = control.closest(".cs-question") || self.result;
        var next = place.querySelector(".cs-consequence:not(:empty), .cs-feedback:not([hidden])");
        focusOn(next && next.getClientRects().length ? next : place);
      }, 0);
    });
    this.announce();
    this.restore();
  }

  /** Feedback is read out as it appears, and again with the control it belongs to. */
  Quiz.prototype.announce = function () {
    each(this.form.querySelectorAll(".cs-feedback, .cs-consequence"), function (box, n) {
      if (!box.id) box.id = "cs-fb-" + n;
      box.setAttribute("aria-live", "polite");
      var option = box.dataset.option;
      var question = box.closest(".cs-question");
      var input = option && question ? question.querySelector('input[value="' + option + '"]') : null;
      if (input) {
        var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
        if (described.indexOf(box.id) < 0) described.push(box.id);
        input.setAttribute("aria-describedby", described.join(" "));
      }
    });
  };

  /** Every shuffled list of the quiz in the learner's order (the seed in the saved state). */
  Quiz.prototype.shuffle = function () {
    var seed = this.state.s;
    this.contexts.forEach(function (ctx) {
      each(ctx.fieldset.querySelectorAll("[data-shuffle]"), function (container) {
        var children = container.querySelectorAll(":scope > [data-index]");
        var pinned = [];
        each(children, function (child) { if (child.hasAttribute("data-pin")) pinned.push(Number(child.dataset.index)); });
        var order = CS.permutation(seed, ctx.q.id + "/" + container.dataset.shuffle, children.length, pinned,
                                   container.hasAttribute("data-derange"));
        CS.arrange(container, order);
      });
    });
  };

  /** The answers as they stand: what the runtime scores and the LMS stores. */
  Quiz.prototype.responses = function () {
    var responses = {};
    this.contexts.forEach(function (ctx) {
      var response = ctx.kind.response(ctx);
      if (response !== undefined) responses[ctx.q.id] = response;
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
    this.contexts.forEach(function (ctx) {
      if (answers[ctx.q.id] !== undefined) ctx.kind.restore(ctx, answers[ctx.q.id]);
    });
    var said = [];
    if (this.state.r) said.push(this.strings.stateReset);
    if (this.state.b !== null && this.state.b !== undefined) {
      said.push(format(this.strings.best, { score: this.state.b }) + (this.state.p ? " · " + this.strings.passedShort : ""));
    }
    this.result.textContent = said.join(" ");
    if (this.state.r) {
      delete this.state.r;
      this.store.save(this.state);
    }
    if (this.state.l === "quiz" && Object.keys(answers).length) this.root.scrollIntoView();
  };

  Quiz.prototype.unanswered = function (responses) {
    return this.contexts
      .map(function (ctx, index) { return { ctx: ctx, n: index + 1 }; })
      .filter(function (item) {
        var response = responses[item.ctx.q.id];
        if (item.ctx.kind.answered) return !item.ctx.kind.answered(item.ctx, response);
        return response === undefined;
      });
  };

  Quiz.prototype.lock = function (locked) {
    each(this.form.querySelectorAll("input, select, .cs-move"), function (i) { i.disabled = locked; });
  };

  Quiz.prototype.check = function () {
    var responses = this.responses();
    var missing = this.unanswered(responses);
    if (missing.length) {
      this.result.textContent = format(this.strings.unanswered, {
        list: missing.map(function (m) { return m.n; }).join(", "),
      });
      var first = missing[0].ctx.fieldset.querySelector("input:not(:disabled), select, button:not(:disabled)");
      if (first) first.focus();
      return;
    }
    var outcome = CS.scoreQuiz(this.quiz, responses);
    this.contexts.forEach(function (ctx) { ctx.kind.feedback(ctx, responses[ctx.q.id]); });
    this.lock(true);
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

  /** A retry: clear the answers and feedback, draw a new seed, so the options may come in a new order. */
  Quiz.prototype.again = function () {
    this.form.reset();
    this.lock(false);
    each(this.form.querySelectorAll(".cs-feedback"), function (box) {
      box.hidden = true;
      box.textContent = "";
    });
    this.contexts.forEach(function (ctx) { if (ctx.kind.reset) ctx.kind.reset(ctx); });
    this.state.s = CS.newSeed();
    this.shuffle();
    this.form.querySelector(".cs-check").hidden = false;
    this.retry.hidden = true;
    this.result.textContent = "";
    this.state.a = {};
    this.store.save(this.state);
    var first = this.form.querySelector("input, select, button.cs-move");
    if (first) first.focus();
  };

  CS.Quiz = Quiz;

  /* ---- What the choice kinds share (single, multiple, true_false) ---- */

  function byId(list, id) { return list.filter(function (o) { return o.id === id; })[0]; }

  CS.choiceKind = function (overrides) {
    var kind = {
      type: "choice",
      choices: function (q) { return q.options.map(function (o) { return o.id; }); },
      response: function (ctx) { // in authored order, whatever order the options are shown in
        var authored = this.choices(ctx.q);
        var ids = Array.prototype.map.call(ctx.fieldset.querySelectorAll("input:checked"), function (i) { return i.value; });
        ids.sort(function (a, b) { return authored.indexOf(a) - authored.indexOf(b); });
        return ids.length ? ids : undefined;
      },
      restore: function (ctx, response) {
        response.forEach(function (value) {
          var input = ctx.fieldset.querySelector('input[value="' + value + '"]');
          if (input) input.checked = true;
        });
      },
      valid: function (q, response) { return response.length === 1 && response[0] !== null; },
      score: function (q, response) {
        var option = response.length === 1 ? byId(q.options, response[0]) : null;
        return option && option.correct ? 1 : 0;
      },
      feedback: function (ctx, response) {
        var strings = ctx.strings, chosen = [].concat(response || []);
        ctx.q.options.forEach(function (option) {
          var box = ctx.fieldset.querySelector('.cs-feedback[data-option="' + option.id + '"]');
          var picked = chosen.indexOf(option.id) >= 0;
          if (!box || (!picked && !option.correct)) return;
          var label = picked ? (option.correct ? "✓ " + strings.correct : "✗ " + strings.incorrect)
                             : "✓ " + strings.rightAnswer + ":";
          box.textContent = label + " " + option.feedback;
          box.className = "cs-feedback " + (option.correct ? "cs-right" : "cs-wrong");
          box.hidden = false;
        });
      },
      right: function (q) { return q.options.filter(function (o) { return o.correct; }).map(function (o) { return o.id; }); },
      record: function (q, response) { return { type: this.type, correct: this.right(q), response: response.slice() }; },
      sample: function (q, random) { return [q.options[Math.floor(random() * q.options.length)].id]; },
    };
    Object.keys(overrides || {}).forEach(function (name) { kind[name] = overrides[name]; });
    return kind;
  };

  /* ---- The site's path page: each module's progress, and clearing it on request ---- */

  CS.showProgress = function (root, data) {
    var storage = safeStorage();
    var strings = data.strings;
    function refresh() {
      data.modules.forEach(function (module) {
        var element = root.querySelector('.cs-progress[data-module="' + module + '"]');
        var state = readProgress(storage, data, module, null);
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
          Object.keys(storage).filter(function (k) {
            var parts = k.split("/");
            return k.indexOf(prefix) === 0 && (parts.length === 3 || parts[4] === "site");
          }).forEach(function (k) { storage.removeItem(k); });
        }
        refresh();
        root.querySelector(".cs-reset-status").textContent = strings.resetDone;
      });
    }
    refresh();
  };

  /* ---- Printing: a closed content-warning gate must not hide the lesson on paper (CSS does it
     where ::details-content is supported; this does it in older browsers), and shuffled lists
     print in the worksheet's order, so a trainer's answer key matches the paper. ---- */

  global.addEventListener("beforeprint", function () {
    each(document.querySelectorAll("details.cs-gate:not([open])"), function (gate) {
      gate.open = true;
      gate.dataset.printOpened = "true";
    });
    each(document.querySelectorAll("[data-shuffle]"), function (container) {
      container.dataset.screenOrder = currentOrder(container).join(",");
      var printed = Array.prototype.map.call(container.querySelectorAll(":scope > [data-index]"), function (c) {
        return { index: Number(c.dataset.index), at: Number(c.dataset.print || c.dataset.index) };
      }).sort(function (a, b) { return a.at - b.at; });
      CS.arrange(container, printed.map(function (p) { return p.index; }));
    });
  });
  global.addEventListener("afterprint", function () {
    each(document.querySelectorAll('details.cs-gate[data-print-opened="true"]'), function (gate) {
      gate.open = false;
      delete gate.dataset.printOpened;
    });
    each(document.querySelectorAll("[data-screen-order]"), function (container) {
      CS.arrange(container, container.dataset.screenOrder.split(",").map(Number));
      delete container.dataset.screenOrder;
    });
  });

  /* ---- A content warning, accepted once per module (key "gate"), and the reading position
     (key "position"): both in this browser, with the storage scheme above ---- */

  /** Focus ``element`` from a script: made focusable without entering the tab order. */
  function focusOn(element) {
    if (!element) return;
    if (!element.hasAttribute("tabindex") && !element.matches("a[href], button, input, select, textarea")) {
      element.setAttribute("tabindex", "-1");
    }
    element.focus();
  }
  CS.focusOn = focusOn;

  /** The warning comes first; once the reader has opened the module, later visits open it at once. */
  CS.gate = function (article, data) {
    var gate = article.querySelector("details.cs-gate");
    if (!gate) return;
    var storage = safeStorage();
    var key = CS.storageKey(data, data.module, "gate");
    var summary = gate.querySelector("summary");
    function open(returning) {
      gate.classList.add("cs-gate-accepted");
      if (summary) summary.hidden = true;
      if (returning) {
        var warning = article.querySelector(".cs-warning");
        if (warning) warning.hidden = true;
      }
      if (!gate.open) gate.open = true;
    }
    if (storage && storage.getItem(key) === "1") {
      open(true);
      return;
    }
    gate.addEventListener("toggle", function () {
      if (!gate.open || gate.classList.contains("cs-gate-accepted") || gate.dataset.printOpened) return;
      if (storage) storage.setItem(key, "1");
      var focused = document.activeElement === summary;
      open(false);
      // the summary just hid itself: the focus goes to the module's first heading, not to <body>
      if (focused) focusOn(gate.querySelector("h2"));
    });
  };

  /** The section being read is kept, and the page opens there again on the next visit. */
  CS.keepPosition = function (article, data) {
    var storage = safeStorage();
    var gate = article.querySelector("details.cs-gate");
    var marks = article.querySelectorAll(".cs-lesson h2[id], .cs-lesson h3[id], #cs-key-title, #cs-quiz-title");
    if (!storage || !marks.length) return;
    var key = CS.storageKey(data, data.module, "position");
    var saved = storage.getItem(key);
    var target = saved ? document.getElementById(saved) : null;
    if (target && !global.location.hash && (!gate || gate.open) && article.contains(target)) target.scrollIntoView();
    var timer = null;
    global.addEventListener("scroll", function () {
      if (timer) global.clearTimeout(timer);
      timer = global.setTimeout(function () {
        if (gate && !gate.open) return;
        var current = null;
        // the section at the top of the screen, just below the header
        each(marks, function (mark) { if (mark.getBoundingClientRect().top < 100) current = mark; });
        if (current) storage.setItem(key, current.id);
        else storage.removeItem(key);
      }, 250);
    }, { passive: true });
  };

  /* ---- Start ---- */

  CS.boot = function () {
    var element = document.getElementById("cs-data");
    if (!element) return;
    var data = JSON.parse(element.textContent);
    // A package page names its LMS adapter and its place; the module inside is the same in every standard.
    var host = element.closest("[data-cs-adapter]");
    if (host) { data.adapter = host.getAttribute("data-cs-adapter"); data.place = host.getAttribute("data-cs-place"); }
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
    CS.gate(article, data);
    var quizRoot = article.querySelector(".cs-quiz");
    if (data.quiz && quizRoot) CS.quiz = new Quiz(quizRoot, data, store);
    else store.complete();
    CS.keepPosition(article, data);
  };

  CS.start = function () {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", CS.boot);
    else CS.boot();
  };
})(window);
