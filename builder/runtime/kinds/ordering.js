/* Question kind "ordering": put the items in the right order with "Move up" / "Move down"
 * buttons (no dragging). The runtime shows them shuffled, never in the right order first; the
 * response (item ids in the learner's order) exists once the learner has moved one. */
(function (CS) {
  "use strict";

  function items(ctx) { return Array.prototype.slice.call(ctx.fieldset.querySelectorAll(".cs-order > .cs-order-item")); }

  function move(ctx, li, up) {
    var list = li.parentNode;
    var sibling = up ? li.previousElementSibling : li.nextElementSibling;
    if (!sibling) return;
    if (up) list.insertBefore(li, sibling);
    else list.insertBefore(sibling, li);
    ctx.moved = true;
    var all = items(ctx);
    var at = all.indexOf(li) + 1;
    var status = ctx.fieldset.querySelector(".cs-order-status");
    status.textContent = CS.format(ctx.strings.movedTo, {
      item: li.querySelector(".cs-order-text").textContent, n: at, total: all.length });
    // keep the focus on a button of the moved item that can still be used
    var button = li.querySelector(up ? ".cs-up" : ".cs-down");
    if ((up && at === 1) || (!up && at === all.length)) button = li.querySelector(up ? ".cs-down" : ".cs-up");
    button.focus();
    ctx.remember();
  }

  CS.registerKind("ordering", {
    choices: function (q) { return q.items.slice(); },
    setup: function (ctx) {
      ctx.moved = false;
      items(ctx).forEach(function (li) {
        li.querySelector(".cs-up").addEventListener("click", function () { move(ctx, li, true); });
        li.querySelector(".cs-down").addEventListener("click", function () { move(ctx, li, false); });
      });
    },
    reset: function (ctx) {
      ctx.moved = false;
      ctx.fieldset.querySelector(".cs-order-status").textContent = "";
    },
    response: function (ctx) {
      return ctx.moved ? items(ctx).map(function (li) { return li.dataset.item; }) : undefined;
    },
    restore: function (ctx, response) {
      var list = ctx.fieldset.querySelector(".cs-order");
      CS.arrange(list, response.map(function (id) { return ctx.q.items.indexOf(id); }));
      ctx.moved = true;
    },
    valid: function (q, response) {
      return response.length === q.items.length &&
        q.items.every(function (id) { return response.indexOf(id) >= 0; });
    },
    score: function (q, response) {
      return response.length === q.items.length && q.items.every(function (id, i) { return response[i] === id; }) ? 1 : 0;
    },
    feedback: function (ctx, response) {
      var strings = ctx.strings;
      items(ctx).forEach(function (li, position) {
        var box = li.querySelector(".cs-feedback");
        var right = ctx.q.items.indexOf(li.dataset.item);
        var ok = right === position;
        box.textContent = ok ? "✓ " + strings.rightPlace : "✗ " + CS.format(strings.belongsAt, { n: right + 1 });
        box.className = "cs-feedback " + (ok ? "cs-right" : "cs-wrong");
        box.hidden = false;
      });
      var all = ctx.fieldset.querySelector(".cs-question-feedback");
      var score = this.score(ctx.q, response || []);
      all.textContent = (score === 1 ? "✓ " + strings.correct : "✗ " + strings.incorrect) + " " + ctx.q.feedback;
      all.className = "cs-feedback cs-question-feedback " + (score === 1 ? "cs-right" : "cs-wrong");
      all.hidden = false;
    },
    right: function (q) { return q.items.slice(); },
    record: function (q, response) { return { type: "sequencing", correct: q.items.slice(), response: response.slice() }; },
    sample: function (q, random) {
      var order = q.items.slice();
      for (var j = order.length - 1; j > 0; j--) {
        var k = Math.floor(random() * (j + 1));
        var swap = order[j]; order[j] = order[k]; order[k] = swap;
      }
      return order;
    },
  });
})(window.CyberSafe);
