/* training-badge.js: a completion badge once every training lesson is done.
 *
 * Reads the progress sharehub.js keeps in this browser (localStorage key
 * `sharehub.training.done`, a JSON list of lesson pages) against the
 * lessons listed in the training progress box (`.sh-training li[data-page]`).
 * Nothing leaves the browser.
 */
(function () {
  "use strict";
  var KEY = "sharehub.training.done";

  function done() {
    try { return JSON.parse(window.localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }

  function update() {
    var finished = done();
    document.querySelectorAll(".sh-training").forEach(function (nav) {
      var steps = nav.querySelectorAll("li[data-page]");
      var all = steps.length > 0 && Array.prototype.every.call(steps, function (li) {
        return finished.indexOf(li.getAttribute("data-page")) !== -1;
      });
      var badge = nav.querySelector(".sh-training-badge");
      if (!badge) {
        badge = document.createElement("p");
        badge.className = "sh-training-badge";
        badge.setAttribute("role", "status");
        badge.hidden = true;
        nav.insertBefore(badge, nav.firstChild);
      }
      badge.textContent = all ? "Training complete: all " + steps.length + " lessons done" : "";
      badge.hidden = !all;
    });
  }

  function later() { setTimeout(update, 0); }

  function init() {
    update();
    document.addEventListener("click", later);
    document.addEventListener("submit", later);
    window.addEventListener("storage", function (e) { if (e.key === KEY) update(); });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(update);
    init();
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
