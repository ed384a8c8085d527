/* Ticked steps belong to one incident.
   Ticks are kept in localStorage by page and stable step key (data-step, from the step's id
   or its text), each with the time it was ticked and the incident it belongs to. "New incident"
   starts a new incident and clears every page's ticks; a tick older than the site's
   expire-hours (organization.yaml ticks.expire_hours) is not shown as done. */
(function () {
  "use strict";
  var INCIDENT = "playbook-incident";
  var PREFIX = "playbook-ticks:v2:";
  var HOUR = 3600 * 1000;

  function load(key) {
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }
  function store(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode */ }
  }
  function forget(key) {
    try { localStorage.removeItem(key); } catch (e) { /* ignore */ }
  }
  function storedKeys() {
    var keys = [];
    try {
      for (var i = 0; i < localStorage.length; i++) keys.push(localStorage.key(i));
    } catch (e) { /* ignore */ }
    return keys;
  }
  function incident(create) {
    var current = load(INCIDENT);
    if ((!current || !current.id) && create) {
      current = { id: String(Date.now()), started: Date.now() };
      store(INCIDENT, current);
    }
    return current;
  }
  function newIncident() {
    storedKeys().forEach(function (key) {
      if (key && (key.indexOf(PREFIX) === 0 || key.indexOf("playbook-ticks:/") === 0)) forget(key);
    });
    forget(INCIDENT);
    return incident(true);
  }
  function clock(ms) {
    var d = new Date(ms);
    return d.toLocaleDateString() + " " + d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function setupTicks() {
    var boxes = Array.prototype.slice.call(document.querySelectorAll(".md-content input.pb-tick"));
    if (!boxes.length) return;
    forget("playbook-ticks:" + location.pathname);  // ticks kept by position before v2
    var bar = document.querySelector(".pb-incident");
    var hours = parseFloat(bar && bar.getAttribute("data-expire-hours")) || 12;
    var key = PREFIX + location.pathname;
    var current = incident(false);
    var saved = load(key);
    if (!saved || !current || saved.incident !== current.id) saved = { incident: current && current.id, ticks: {} };
    var now = Date.now();
    boxes.forEach(function (box) {
      var at = saved.ticks[box.getAttribute("data-step")];
      box.checked = typeof at === "number" && now - at < hours * HOUR;
      box.addEventListener("change", function () {
        var inc = incident(true);
        if (saved.incident !== inc.id) saved = { incident: inc.id, ticks: {} };
        if (box.checked) saved.ticks[box.getAttribute("data-step")] = Date.now();
        else delete saved.ticks[box.getAttribute("data-step")];
        store(key, saved);
        status();
      });
    });
    if (!bar) return;
    var text = document.createElement("span");
    text.className = "pb-incident__status";
    text.setAttribute("aria-live", "polite");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button pb-new-incident";
    button.textContent = "New incident";
    button.title = "Clear ticked steps on every playbook and start a new incident";
    button.addEventListener("click", function () {
      var inc = newIncident();
      saved = { incident: inc.id, ticks: {} };
      boxes.forEach(function (box) { box.checked = false; });
      status();
    });
    function status() {
      var done = boxes.filter(function (box) { return box.checked; }).length;
      var inc = incident(false);
      text.textContent = done + " of " + boxes.length + " ticked" +
        (inc && done ? " · incident started " + clock(inc.started) : "");
    }
    bar.appendChild(text);
    bar.appendChild(button);
    status();
  }

  // Skip link: straight to the first step's checkbox, past header and navigation.
  function setupSkip() {
    var first = document.querySelector(".md-content ol.pb-steps input.pb-tick");
    var skip = document.querySelector("a.md-skip");
    if (!first || !skip) return;
    skip.setAttribute("href", "#" + first.closest("li").id);
    skip.textContent = "Skip to first step";
    skip.addEventListener("click", function (event) {
      event.preventDefault();
      first.closest("li").scrollIntoView();
      first.focus();
    });
  }

  // No search results: show the severity guide and who to call instead of an empty list.
  function setupSearchFallback() {
    var fallback = document.querySelector(".pb-search-fallback");
    var meta = document.querySelector(".md-search-result__meta");
    var input = document.querySelector("input.md-search__input");
    if (!fallback || !meta || !input) return;
    var none = fallback.getAttribute("data-none");
    function update() {
      var empty = input.value.trim() !== "" && meta.textContent.trim() === none;
      fallback.hidden = !empty;
    }
    new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true });
    input.addEventListener("input", update);
    update();
  }

  function setup() {
    setupTicks();
    setupSkip();
    setupSearchFallback();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();

/* Printing shows every section: open collapsed details (symptoms) while printing. */
window.addEventListener("beforeprint", function () {
  document.querySelectorAll(".md-content details:not([open])").forEach(function (d) {
    d.setAttribute("open", ""); d.setAttribute("data-pb-print-opened", "");
  });
});
window.addEventListener("afterprint", function () {
  document.querySelectorAll("details[data-pb-print-opened]").forEach(function (d) {
    d.removeAttribute("open"); d.removeAttribute("data-pb-print-opened");
  });
});

/* Commands wrap at spaces and after "/" and "=", never inside a word: each run of
   non-space characters is kept whole (white-space: nowrap), with a <wbr> after each
   "/" and "=" between the pieces. Copying copies the same text. */
(function () {
  "use strict";
  function split(node) {
    var text = node.nodeValue;
    if (!/\S/.test(text)) return;
    var frag = document.createDocumentFragment();
    text.split(/(\s+)/).forEach(function (part) {
      if (!part) return;
      if (/^\s+$/.test(part)) { frag.appendChild(document.createTextNode(part)); return; }
      part.split(/(?<=[\/=])(?=[^\/=])/).forEach(function (piece, i) {
        if (i) frag.appendChild(document.createElement("wbr"));
        var span = document.createElement("span");
        span.className = "pb-nw";
        span.textContent = piece;
        frag.appendChild(span);
      });
    });
    node.parentNode.replaceChild(frag, node);
  }
  function setup() {
    document.querySelectorAll(".md-content .pb-steps pre > code").forEach(function (code) {
      var walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
      var nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      nodes.forEach(split);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
