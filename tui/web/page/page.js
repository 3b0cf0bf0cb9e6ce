// The page around the app: keys go to the app, not to the browser; the terminal
// has the keyboard from the start (no mouse needed); a file the app saves is
// downloaded in place; after the connection ends, Enter starts again.
(function () {
  "use strict";

  // Keys the browser would act on (reload, find, print, open, the address bar,
  // downloads, history...) that the app uses: the page keeps them from the
  // browser. The terminal still sees them. (Ctrl+N, Ctrl+T and Ctrl+W can't be
  // kept: the app has other keys for all it does.) F11 stays the browser's.
  var FUNCTION_KEYS = /^F([1-9]|10|12)$/;
  var CTRL_KEYS = "abdefghjklopqrsuy\\]";

  function terminalInput() {
    return document.querySelector(".xterm-helper-textarea");
  }

  function closed() {
    return document.body.classList.contains("-closed");
  }

  function focusTerminal() {
    var input = terminalInput();
    if (input && !closed() && document.activeElement !== input) {
      input.focus();
    }
  }

  function restart() {
    window.location.reload();
  }

  function browserWouldTake(event) {
    if (event.altKey || event.metaKey) {
      return false;
    }
    if (FUNCTION_KEYS.test(event.key)) {
      return true;
    }
    return event.ctrlKey && event.key.length === 1 && CTRL_KEYS.indexOf(event.key.toLowerCase()) >= 0;
  }

  window.addEventListener("keydown", function (event) {
    if (closed()) {
      if (event.key === "Enter" || event.key === "F5") {
        event.preventDefault();
        restart();
      }
      return;
    }
    if (browserWouldTake(event)) {
      event.preventDefault(); // the terminal's own handler still turns it into the app's key
    }
    if (event.target !== terminalInput()) {
      focusTerminal(); // a key that landed on the page: the next one goes to the app
    }
  }, true);

  // The app delivers a file (a pocket card, a check-in summary): download it here,
  // without a new tab (a kiosk has none) and without leaving the app.
  window.open = function (url) {
    var address = new URL(String(url), window.location.href);
    if (address.origin === window.location.origin && address.pathname.indexOf("/download/") === 0) {
      var link = document.createElement("a");
      link.href = address.href;
      link.download = "";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(focusTerminal, 0);
    }
    return null; // the app opens no other pages
  };

  window.addEventListener("load", function () {
    document.getElementById("restart").addEventListener("click", restart);
    setTimeout(focusTerminal, 0); // after the terminal is made (textual.js, on load too)
    // The connection ended: the button has the keyboard.
    new MutationObserver(function () {
      if (closed()) {
        document.getElementById("restart").focus();
      } else {
        focusTerminal();
      }
    }).observe(document.body, { attributes: true, attributeFilter: ["class"] });
  });
  window.addEventListener("focus", focusTerminal);
})();
