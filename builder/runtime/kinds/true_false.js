/* Question kind "true_false": the options "true" and "false", never shuffled. */
(function (CS) {
  "use strict";
  CS.registerKind("true_false", CS.choiceKind({ type: "true-false" }));
})(window.CyberSafe);
