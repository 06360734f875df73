/* Question kind "matching": a list box of partners beside each item (no dragging). The response
 * gives, for each item in authored order, the pair id of the chosen partner (null if none yet);
 * it scores the share of right pairs. */
(function (CS) {
  "use strict";

  function selects(ctx) {
    return ctx.q.items.map(function (id) {
      return ctx.fieldset.querySelector('.cs-pair[data-pair="' + id + '"] select');
    });
  }

  CS.registerKind("matching", {
    choices: function (q) { return q.items.slice(); },
    response: function (ctx) {
      var chosen = selects(ctx).map(function (select) { return select.value || null; });
      return chosen.some(function (v) { return v !== null; }) ? chosen : undefined;
    },
    answered: function (ctx, response) {
      return !!response && response.every(function (v) { return v !== null; });
    },
    restore: function (ctx, response) {
      selects(ctx).forEach(function (select, i) { select.value = response[i] || ""; });
    },
    valid: function (q, response) { return response.length === q.items.length; },
    score: function (q, response) {
      var right = q.items.filter(function (id, i) { return response[i] === id; }).length;
      return q.items.length ? right / q.items.length : 0;
    },
    feedback: function (ctx, response) {
      var strings = ctx.strings;
      selects(ctx).forEach(function (select, i) {
        var id = ctx.q.items[i];
        var box = select.closest(".cs-pair").querySelector(".cs-feedback");
        var ok = response[i] === id;
        var partner = select.querySelector('option[value="' + id + '"]').textContent;
        box.textContent = ok ? "✓ " + strings.correct : "✗ " + strings.rightAnswer + ": " + partner;
        box.className = "cs-feedback " + (ok ? "cs-right" : "cs-wrong");
        box.hidden = false;
      });
      var all = ctx.fieldset.querySelector(".cs-question-feedback");
      all.textContent = ctx.q.feedback;
      all.className = "cs-feedback cs-question-feedback";
      all.hidden = false;
    },
    right: function (q) { return q.items.slice(); },
    record: function (q, response) {
      var pairs = [];
      q.items.forEach(function (id, i) { if (response[i]) pairs.push([id, response[i]]); });
      return { type: "matching", correct: q.items.map(function (id) { return [id, id]; }), response: pairs };
    },
    sample: function (q, random) {
      return q.items.map(function () {
        return random() < 0.2 ? null : q.items[Math.floor(random() * q.items.length)];
      });
    },
  });
})(window.CyberSafe);
