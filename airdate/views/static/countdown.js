// Keeps the board's countdowns current in the reader's own time zone.
// The server already rendered every countdown as text; this only refreshes it:
// windows by whole days ("in 8–17 days"), exact confirmed days ticking to the second.
(function () {
  "use strict";
  var DAY = 86400000;
  // `airdate serve --today` pins the day the page counts from: the clock starts on that day at
  // the reader's time of day when the page loads, and runs on from there.
  var pinned = document.currentScript && document.currentScript.getAttribute("data-today");
  var shift = 0;

  function localDay(iso) {
    var p = iso.split("-");
    return new Date(+p[0], +p[1] - 1, +p[2]);
  }
  function daysFrom(today, iso) {
    return Math.round((localDay(iso) - today) / DAY);
  }
  function plural(n) {
    return n === 1 ? "1 day" : n + " days";
  }
  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }
  function words(start, end, now) {
    var today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    var a = start ? daysFrom(today, start) : null;
    var b = end ? daysFrom(today, end) : null;
    if (a === null && b === null) return "TBA";
    if (start && start === end) {
      if (a < 0) return "passed";
      if (a === 0) return "today";
      return a === 1 ? "tomorrow" : "in " + a + " days";
    }
    if (b !== null && b < 0) return "passed";
    if (a === null || a <= 0) {
      if (b === null) return "any day now";
      return b === 0 ? "today at the latest" : "within " + plural(b);
    }
    if (b === null) return "in " + a + "+ days";
    return "in " + a + "\u2013" + b + " days";
  }
  function ticker(start, now) {
    var left = localDay(start) - now;
    if (left <= 0) return "";
    var s = Math.floor(left / 1000);
    var d = Math.floor(s / 86400);
    s -= d * 86400;
    var h = Math.floor(s / 3600);
    s -= h * 3600;
    var m = Math.floor(s / 60);
    s -= m * 60;
    return d + "d " + pad(h) + ":" + pad(m) + ":" + pad(s) + " to go";
  }
  function update() {
    var now = new Date(Date.now() + shift);
    var nodes = document.querySelectorAll(".countdown[data-start], .countdown[data-end]");
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      var start = el.getAttribute("data-start") || null;
      var end = el.getAttribute("data-end") || null;
      if (!start && !end) continue;
      if (el.hasAttribute("data-overdue")) continue;
      var main = words(start, end, now);
      var exact = start && start === end && el.getAttribute("data-certainty") === "confirmed";
      var tick = exact ? ticker(start, now) : "";
      var text = el.firstChild;
      if (!text || text.nodeType !== 3) {
        text = document.createTextNode("");
        el.insertBefore(text, el.firstChild);
      }
      text.nodeValue = main;
      var span = el.querySelector(".ticker");
      if (tick) {
        if (!span) {
          span = document.createElement("span");
          span.className = "ticker";
          el.appendChild(span);
        }
        span.textContent = tick;
      } else if (span) {
        span.remove();
      }
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (pinned) {
      var now = new Date();
      shift = localDay(pinned) - new Date(now.getFullYear(), now.getMonth(), now.getDate());
    }
    update();
    setInterval(update, 1000);
  });
})();
