// Rekindle's small script. Everything works without it; it only adds comfort.
(function () {
  "use strict";

  // Quick exit: go to a neutral site at once, replacing this page in history so that
  // Back does not return here. Esc triggers it anywhere (twice inside a text field,
  // where Esc can mean "close the suggestions").
  // On the way out it also signs this browser out (keepalive: the request outlives the
  // page), so Back finds nothing private.
  var exit = document.getElementById("quick-exit");
  var lastEsc = 0;
  function leave(event) {
    if (event) { event.preventDefault(); }
    var url = exit.getAttribute("href");
    document.title = "";
    document.body.hidden = true;
    try {
      fetch("/quick-exit", { method: "POST", keepalive: true, credentials: "same-origin" });
    } catch (ignored) { /* leaving matters more */ }
    window.location.replace(url);
  }
  // A page brought back from the back/forward cache shows what it showed before;
  // reload it so the server decides again (after a quick exit: signed out).
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.body.hidden = true;
      window.location.reload();
    }
  });
  if (exit) {
    exit.addEventListener("click", leave);
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement && document.activeElement.tagName);
      var now = Date.now();
      if (!typing || now - lastEsc < 1500) { leave(event); }
      lastEsc = now;
    });
  }

  // Typing into a field that belongs to a choice ticks that choice (the server picks
  // typed words anyway; this only shows it).
  Array.prototype.forEach.call(document.querySelectorAll("[data-chooses]"), function (field) {
    field.addEventListener("input", function () {
      var choice = document.getElementById(field.getAttribute("data-chooses"));
      if (choice && field.value.trim() !== "") { choice.checked = true; }
    });
  });

  // Sign-up: start the time zone field at the browser's own zone.
  var zone = document.querySelector("input[data-detect-timezone]");
  if (zone && zone.value === "UTC") {
    try {
      var detected = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (detected) { zone.value = detected; }
    } catch (ignored) { /* keep UTC */ }
  }

  // Copy buttons (hidden without JavaScript, where selecting the text works instead).
  Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), function (button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    if (!target || !navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.value || target.textContent).then(function () {
        button.textContent = "Copied";
      });
    });
  });

  // The offline page's "Try again": reload the address that could not be reached (the
  // link itself goes home, for when scripts are off).
  Array.prototype.forEach.call(document.querySelectorAll("[data-reload]"), function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      window.location.reload();
    });
  });

  // Installable: a small service worker that shows a calm page when the network is
  // gone. It stores nothing private (see /sw.js); without it everything still works.
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").catch(function () { /* online only, as before */ });
  }

  // The listening exercise's calm timer: counts up quietly from the time the server
  // gave. One interval looks the timers up each tick, so parts htmx swaps in keep
  // counting too.
  setInterval(function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-timer]"), function (el) {
      if (!el.hasAttribute("data-timer-from")) {
        el.setAttribute("data-timer-from", String(Date.now() - 1000 * Number(el.getAttribute("data-timer"))));
      }
      var seconds = Math.max(0, Math.floor((Date.now() - Number(el.getAttribute("data-timer-from"))) / 1000));
      var text = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
      if (el.textContent !== text) { el.textContent = text; }
    });
  }, 1000);
})();
