/* Question kind "single": one right option (radio buttons). See builder/quiz/kinds/single.py. */
(function (CS) {
  "use strict";
  CS.registerKind("single", CS.choiceKind());
})(window.CyberSafe);
