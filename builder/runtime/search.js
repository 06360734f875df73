/* CyberSafe site search: the client of the index that builder/search writes.
 * Nothing loads until the reader opens search or focuses the box; then the section's manifest,
 * then only the shards that the typed terms need. Every file is a plain script loaded by a
 * <script> tag, so search works over http and from a folder (file://), without fetch or workers.
 * Queries are cut by the same rule as the index (builder/search/index.py: keep both in step):
 * Thai as character pairs matched side by side, other words folded and stemmed with the rules
 * that the manifest carries. */
(function () {
  "use strict";
  var root = document.querySelector("[data-cs-search]");
  if (!root) return;
  var button = root.querySelector(".cs-search__open");
  var panel = root.querySelector(".cs-search__panel");
  var input = root.querySelector(".cs-search__input");
  var status = root.querySelector(".cs-search__status");
  var list = root.querySelector(".cs-search__results");
  var folder = root.getAttribute("data-cs-search");
  var home = root.getAttribute("data-cs-root");
  var text = {
    none: root.getAttribute("data-none"),
    one: root.getAttribute("data-one"),
    other: root.getAttribute("data-other"),
    failed: root.getAttribute("data-failed"),
    start: root.getAttribute("data-start")
  };
  var THAI = "\u0e00-\u0e7f";
  var UNITS = new RegExp("([" + THAI + "]+)|((?:(?![" + THAI + "])[\\p{L}\\p{N}])+)", "gu");
  var manifest = null;
  var manifestLoad = null;
  var shards = {};
  var shardLoads = {};
  var decoded = {};
  var asked = 0;

  function script(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.async = true;
      tag.onload = function () { resolve(); };
      tag.onerror = function () { reject(new Error(src)); };
      document.head.appendChild(tag);
    });
  }

  window.CyberSafeSearch = {
    manifest: function (data) { manifest = data; },
    shard: function (number, terms) { shards[number] = terms; }
  };

  function loadManifest() {
    if (!manifestLoad) manifestLoad = script(folder + "manifest.js");
    return manifestLoad;
  }

  function loadShard(number) {
    if (!shardLoads[number]) shardLoads[number] = script(folder + "shard-" + number + ".js");
    return shardLoads[number];
  }

  function clean(value) {
    return value.replace(/[\u200b\u200c\u200d\u2060\ufeff\u00ad]/g, "")
      .replace(/[\u00a0\u202f\u2007]/g, " ").normalize("NFC").toLowerCase();
  }

  function fold(word) {
    return word.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
  }

  function stem(word) {
    manifest.stem.forEach(function (step) {
      for (var i = 0; i < step.length; i++) {
        var suffix = step[i][0];
        if (word.length - suffix.length >= step[i][2] && word.slice(word.length - suffix.length) === suffix) {
          word = word.slice(0, word.length - suffix.length) + step[i][1];
          return;
        }
      }
    });
    return word;
  }

  function shardOf(term) {
    var value = 0;
    for (var i = 0; i < Math.min(2, term.length); i++) value = (Math.imul(value, 31) + term.charCodeAt(i)) >>> 0;
    return value % manifest.shards;
  }

  /* The query's parts: Thai runs (character pairs at offsets that cover the run) and words,
   * each at the position it would have in a page, so that a phrase can be checked. */
  function parse(query) {
    var value = clean(query);
    var parts = [];
    var pos = 0;
    var match;
    UNITS.lastIndex = 0;
    while ((match = UNITS.exec(value))) {
      if (match[1]) {
        var run = match[1];
        var pairs = [];
        if (run.length === 1) pairs.push([run, 0]);
        for (var i = 0; i + 2 <= run.length; i += 2) pairs.push([run.substr(i, 2), i]);
        if (run.length > 2 && run.length % 2) pairs.push([run.substr(run.length - 2, 2), run.length - 2]);
        parts.push({ pairs: pairs, at: pos });
        pos += run.length + 1;
      } else {
        var folded = fold(match[2]);
        parts.push({ word: stem(folded), raw: folded, at: pos, end: match.index + match[0].length });
        pos += 2;
      }
    }
    var last = parts[parts.length - 1];
    if (last && last.word !== undefined && last.end === value.length && last.raw.length >= 2) last.prefix = true;
    return parts;
  }

  function termsOf(part) {
    return part.pairs ? part.pairs.map(function (p) { return p[0]; }) : [part.word, part.raw];
  }

  /* A term's postings as {page: [positions]}. */
  function postings(term) {
    if (decoded[term]) return decoded[term];
    var flat = shards[shardOf(term)][term] || [];
    var result = {};
    for (var i = 0; i < flat.length;) {
      var page = flat[i], count = flat[i + 1], pos = 0, positions = [];
      for (var k = 0; k < count; k++) { pos += flat[i + 2 + k]; positions.push(pos); }
      result[page] = positions;
      i += 2 + count;
    }
    decoded[term] = result;
    return result;
  }

  /* Where each page holds a part: {page: [start positions]}. */
  function locate(part) {
    var found = {};
    if (part.pairs) {
      var first = postings(part.pairs[0][0]);
      var others = part.pairs.slice(1).map(function (p) { return [postings(p[0]), p[1]]; });
      Object.keys(first).forEach(function (page) {
        var sets = others.map(function (o) { return o[0][page] ? [new Set(o[0][page]), o[1]] : null; });
        if (sets.some(function (s) { return !s; })) return;
        var starts = first[page].filter(function (p) {
          return sets.every(function (s) { return s[0].has(p + s[1]); });
        });
        if (starts.length) found[page] = starts;
      });
      return found;
    }
    var terms = [part.word];
    if (part.prefix) {
      Object.keys(shards[shardOf(part.raw)]).forEach(function (term) {
        if (term !== part.word && (term.indexOf(part.raw) === 0 || term.indexOf(part.word) === 0)) terms.push(term);
      });
    }
    terms.forEach(function (term) {
      var each = postings(term);
      Object.keys(each).forEach(function (page) { found[page] = (found[page] || []).concat(each[page]); });
    });
    return found;
  }

  function rank(parts) {
    var where = parts.map(locate);
    var pages = {};
    where.forEach(function (found) {
      Object.keys(found).forEach(function (page) { pages[page] = (pages[page] || 0) + 1; });
    });
    var all = Object.keys(pages).filter(function (page) { return pages[page] === parts.length; });
    var chosen = all.length ? all : Object.keys(pages);
    return chosen.map(function (page) {
      var score = pages[page] * 200;
      var body = manifest.docs[page][2];
      var hits = 0;
      where.forEach(function (found) {
        if (!found[page]) return;
        hits += found[page].length;
        if (found[page].some(function (p) { return p < body; })) score += 100;
      });
      if (parts.length > 1 && pages[page] === parts.length) {
        var rest = where.slice(1).map(function (found) { return new Set(found[page]); });
        var phrase = where[0][page].some(function (p) {
          return rest.every(function (set, i) { return set.has(p + parts[i + 1].at - parts[0].at); });
        });
        if (phrase) score += 1000;
      }
      return { page: Number(page), score: score + Math.min(hits, 50) };
    }).sort(function (a, b) { return b.score - a.score || a.page - b.page; });
  }

  function show(results, query) {
    list.textContent = "";
    results.forEach(function (result) {
      var doc = manifest.docs[result.page];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = home + doc[0];
      link.textContent = doc[1];
      item.appendChild(link);
      list.appendChild(item);
    });
    var n = results.length;
    status.textContent = n === 0 ? text.none : n === 1 ? text.one : text.other.replace("#", String(n));
    root.setAttribute("data-cs-shown", query);  // which query the list answers (tests wait for it)
  }

  function run() {
    var query = input.value;
    var ticket = ++asked;
    loadManifest().then(function () {
      var parts = parse(query);
      if (!parts.length) { show([], query); status.textContent = text.start; return null; }
      var needed = {};
      parts.forEach(function (part) {
        termsOf(part).forEach(function (term) { needed[shardOf(term)] = true; });
      });
      return Promise.all(Object.keys(needed).map(loadShard)).then(function () {
        if (ticket === asked) show(rank(parts), query);
      });
    }).catch(function () {
      if (ticket === asked) status.textContent = text.failed;
    });
  }

  function open() {
    if (!panel.hidden) return;
    panel.hidden = false;
    button.setAttribute("aria-expanded", "true");
    input.focus();
    loadManifest().catch(function () { status.textContent = text.failed; });
  }

  function close() {
    panel.hidden = true;
    button.setAttribute("aria-expanded", "false");
    button.focus();
  }

  var timer = null;
  button.addEventListener("click", function () { if (panel.hidden) open(); else close(); });
  input.addEventListener("focus", function () {
    loadManifest().catch(function () { status.textContent = text.failed; });
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) first.click();
    }
  });
  root.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) { event.preventDefault(); close(); }
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if ((event.key === "/" || event.key === "s" || event.key === "f") && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      open();
    }
  });
})();
