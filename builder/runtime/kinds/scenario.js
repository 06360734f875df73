/* Question kind "scenario": steps of choices; each choice shows its consequence, then the next
 * step. The response is the path of chosen option ids; it scores the share of good decisions. */
(function (CS) {
  "use strict";

  function options(q) {
    return q.steps.reduce(function (all, step) { return all.concat(step.options); }, []);
  }

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function reset(ctx) {
    ctx.path = [];
    ctx.fieldset.dataset.done = "false";
    each(ctx.fieldset.querySelectorAll(".cs-step"), function (step, index) {
      step.hidden = index > 0;
      step.querySelector(".cs-consequence").textContent = "";
      step.querySelector(".cs-choose").hidden = false;
      each(step.querySelectorAll("input"), function (input) { input.disabled = false; });
    });
  }

  /** The learner picked an option in a step: show the consequence, then the next step. */
  function choose(ctx, stepElement, optionId, quiet) {
    var step = ctx.q.steps.filter(function (s) { return s.id === stepElement.dataset.step; })[0];
    if (!optionId) {
      var checked = stepElement.querySelector("input:checked");
      if (!checked) {
        stepElement.querySelector(".cs-consequence").textContent = ctx.strings.chooseFirst;
        return false;
      }
      optionId = checked.value;
    } else {
      var input = stepElement.querySelector('input[value="' + optionId + '"]');
      if (input) input.checked = true;
    }
    var option = step.options.filter(function (o) { return o.id === optionId; })[0];
    if (!option) return false;
    ctx.path.push(option.id);
    each(stepElement.querySelectorAll("input"), function (i) { i.disabled = true; });
    stepElement.querySelector(".cs-choose").hidden = true;
    var verdict = option.correct ? "✓ " + ctx.strings.correct : "✗ " + ctx.strings.incorrect;
    var next = option.next ? ctx.fieldset.querySelector('.cs-step[data-step="' + option.next + '"]') : null;
    stepElement.querySelector(".cs-consequence").textContent =
      verdict + " " + option.feedback + (next ? "" : " " + ctx.strings.stepEnd);
    if (next) {
      next.hidden = false;
      if (!quiet) {
        next.querySelector(".cs-step-prompt").setAttribute("tabindex", "-1");
        next.querySelector(".cs-step-prompt").focus();
      }
    } else {
      ctx.fieldset.dataset.done = "true";
      // the step's button has just hidden itself: its consequence takes the focus, not <body>
      if (!quiet) CS.focusOn(stepElement.querySelector(".cs-consequence"));
    }
    if (!quiet) ctx.remember();
    return true;
  }

  CS.registerKind("scenario", {
    choices: function (q) { return options(q).map(function (o) { return o.id; }); },
    setup: function (ctx) {
      reset(ctx);
      each(ctx.fieldset.querySelectorAll(".cs-choose"), function (button) {
        button.addEventListener("click", function () { choose(ctx, button.closest(".cs-step")); });
      });
    },
    reset: reset,
    response: function (ctx) { return ctx.path.length ? ctx.path.slice() : undefined; },
    answered: function (ctx) { return ctx.fieldset.dataset.done === "true"; },
    restore: function (ctx, response) {
      response.forEach(function (optionId) {
        var open = Array.prototype.filter.call(ctx.fieldset.querySelectorAll(".cs-step"), function (s) {
          return !s.hidden && !s.querySelector("input:disabled");
        })[0];
        if (open) choose(ctx, open, optionId, true);
      });
    },
    valid: function (q, response) {
      // a path: each choice belongs to the step the previous one led to
      var steps = {};
      q.steps.forEach(function (s) { steps[s.id] = s; });
      var step = q.steps[0];
      for (var i = 0; i < response.length; i++) {
        var option = step && step.options.filter(function (o) { return o.id === response[i]; })[0];
        if (!option) return false;
        step = option.next ? steps[option.next] : null;
      }
      return response.length > 0;
    },
    score: function (q, response) {
      if (!response.length) return 0;
      var all = options(q);
      var good = response.filter(function (id) {
        return all.some(function (o) { return o.id === id && o.correct; });
      }).length;
      return good / response.length;
    },
    feedback: function () {}, // each step already showed its consequence
    right: function (q) {
      var steps = {}, path = [], step = q.steps[0];
      q.steps.forEach(function (s) { steps[s.id] = s; });
      while (step) {
        var option = step.options.filter(function (o) { return o.correct; })[0];
        path.push(option.id);
        step = option.next ? steps[option.next] : null;
      }
      return path;
    },
    record: function (q, response) { return { type: "sequencing", correct: [], response: response.slice() }; },
    sample: function (q, random) {
      var steps = {}, path = [], step = q.steps[0];
      q.steps.forEach(function (s) { steps[s.id] = s; });
      while (step) {
        var option = step.options[Math.floor(random() * step.options.length)];
        path.push(option.id);
        step = option.next ? steps[option.next] : null;
      }
      return path;
    },
  });
})(window.CyberSafe);
