/* Thai search for Material for MkDocs (site only).
 * Thai has no spaces between words. The build segments Thai text in the search index (words
 * joined by U+200B, which the search separator splits on); this splits a Thai query into
 * words the same way, with the browser's own Intl.Segmenter, before Material's worker sees it.
 * It also hides search, with a one-line explanation, where it cannot work: a copy opened from
 * a folder (file://), where browsers refuse the search worker. */
(function () {
  "use strict";
  if (location.protocol === "file:") {
    document.documentElement.classList.add("cs-file-protocol");
    document.addEventListener("DOMContentLoaded", function () {
      var data = document.getElementById("cs-search-strings");
      var content = document.querySelector(".md-content__inner");
      if (!data || !content) return;
      var note = document.createElement("p");
      note.className = "cs-file-search-note";
      note.textContent = JSON.parse(data.textContent).searchOffline;
      content.insertBefore(note, content.firstChild);
    });
    return;
  }
  if (!window.Intl || !Intl.Segmenter || !window.Worker) return;
  var segmenter = new Intl.Segmenter("th", { granularity: "word" });
  var THAI_RUN = /[\u0E00-\u0E7F]+/g;
  function segment(query) {
    return query.replace(THAI_RUN, function (run) {
      return Array.from(segmenter.segment(run))
        .filter(function (s) { return s.isWordLike; })
        .map(function (s) { return s.segment; })
        .join(" ");
    });
  }
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    // Material's search worker takes queries as {type: SEARCH_QUERY (2), data: "text"}.
    if (message && message.type === 2 && typeof message.data === "string") {
      var args = Array.prototype.slice.call(arguments);
      args[0] = { type: message.type, data: segment(message.data) };
      return post.apply(this, args);
    }
    return post.apply(this, arguments);
  };
})();
