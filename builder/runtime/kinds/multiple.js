/* Question kind "multiple": right when exactly the right options are chosen (check boxes). */
(function (CS) {
  "use strict";
  CS.registerKind("multiple", CS.choiceKind({
    valid: function (q, response) {
      return response.length > 0 && response.every(function (id, i) { return id !== null && response.indexOf(id) === i; });
    },
    score: function (q, response) {
      var right = this.right(q).slice().sort();
      var chosen = response.slice().sort();
      return chosen.length === right.length && right.every(function (id, i) { return chosen[i] === id; }) ? 1 : 0;
    },
    sample: function (q, random) {
      var picked = q.options.filter(function () { return random() < 0.5; }).map(function (o) { return o.id; });
      return picked.length ? picked : [q.options[0].id];
    },
  }));
})(window.CyberSafe);
