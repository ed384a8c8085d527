/* Remember ticked steps per page, so a reload at 3 a.m. does not lose progress. */
(function () {
  "use strict";
  function setup() {
    var boxes = document.querySelectorAll(".md-content .task-list-item input[type=checkbox]");
    if (!boxes.length) return;
    var key = "playbook-ticks:" + location.pathname;
    var saved = {};
    try { saved = JSON.parse(localStorage.getItem(key) || "{}"); } catch (e) { saved = {}; }
    boxes.forEach(function (box, index) {
      box.checked = !!saved[index];
      box.addEventListener("change", function () {
        saved[index] = box.checked;
        try { localStorage.setItem(key, JSON.stringify(saved)); } catch (e) { /* private mode */ }
      });
    });
    if (document.querySelector(".pb-reset")) return;
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "md-button pb-reset";
    reset.textContent = "Clear ticked steps";
    reset.addEventListener("click", function () {
      saved = {};
      try { localStorage.removeItem(key); } catch (e) { /* ignore */ }
      boxes.forEach(function (box) { box.checked = false; });
    });
    var first = document.querySelector(".md-content h2");
    if (first) first.parentNode.insertBefore(reset, first);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
