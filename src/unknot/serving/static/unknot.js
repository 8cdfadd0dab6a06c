// Unknot's additions to textual-serve's page: keep the token out of the address bar, connect to
// the websocket beside the page, name the tab after the routine, and say why a session closed.
(function () {
  "use strict";
  var here = new URL(window.location.href);
  if (here.searchParams.has("token")) {
    // The server has set its cookie; the token need not stay in history or on screen.
    here.searchParams.delete("token");
    window.history.replaceState(null, "", here.pathname + here.search + here.hash);
  }

  var socketUrl = new URL("ws", window.location.href);
  socketUrl.protocol = socketUrl.protocol === "https:" ? "wss:" : "ws:";
  socketUrl.search = "";
  socketUrl.hash = "";
  document.getElementById("terminal").dataset.sessionWebsocketUrl = socketUrl.href;

  // What the app and the server tell the page, as [kind, text], by kind. The kinds are named once,
  // in src/unknot/core/page_messages.py; a test checks that this table handles those and no other.
  // The notice says why the session ended; after it, nothing renames the tab or replaces the notice.
  var ended = false;
  var handlers = {
    "unknot_title": function (text) {
      document.title = text;  // text, never markup
    },
    "unknot_speak": function (text, priority) {
      speak(text, typeof priority === "number" ? priority : 0);
    },
    "unknot_notice": function (text) {
      document.getElementById("closed-message").textContent = text;
      ended = true;
    }
  };

  function onMessage(event) {
    if (ended || typeof event.data !== "string") return;
    var message;
    try { message = JSON.parse(event.data); } catch (error) { return; }
    if (!Array.isArray(message) || typeof message[1] !== "string") return;
    if (Object.prototype.hasOwnProperty.call(handlers, message[0])) handlers[message[0]](message[1], message[2]);
  }

  // The voice: browsers play sound only after a tap, so nothing is said until the person taps
  // "Tap to turn the voice on". One utterance at a time; a more important one cuts in, a less
  // important one is dropped while another is speaking. Empty text: stop speaking.
  var voiceOn = false;
  var speakingPriority = -1;
  var voiceBox = document.getElementById("voice");
  var voiceNote = document.getElementById("voice-note");
  function speak(text, priority) {
    if (!voiceOn || !window.speechSynthesis) return;
    var synth = window.speechSynthesis;
    if (synth.speaking && priority < speakingPriority) return;
    synth.cancel();
    speakingPriority = -1;
    if (!text) return;
    var utterance = new SpeechSynthesisUtterance(text);  // plain text: the app sends no markup
    utterance.onend = function () { speakingPriority = -1; };
    speakingPriority = priority;
    synth.speak(utterance);
  }

  // A phone beside the mat must not dim and lock during a long hold: hold a screen wake lock
  // while the page is shown. The API needs a secure page (HTTPS, or localhost).
  var wakeLock = null;
  function keepAwake() {
    if (!("wakeLock" in navigator) || !window.isSecureContext) {
      voiceNote.textContent = "This page cannot keep the screen awake: it needs HTTPS. Serve Unknot " +
        "behind a TLS proxy (see docs/serve.md), or turn off the screen lock during a session.";
      return;
    }
    if (wakeLock !== null || document.visibilityState !== "visible") return;
    navigator.wakeLock.request("screen").then(function (lock) {
      wakeLock = lock;
      voiceNote.textContent = "";
      lock.addEventListener("release", function () { wakeLock = null; });
    }).catch(function (error) {
      voiceNote.textContent = "The screen may dim and lock: " + String(error && error.message || error);
    });
  }
  document.addEventListener("visibilitychange", keepAwake);
  document.getElementById("voice-on").addEventListener("click", function () {
    voiceOn = true;
    voiceBox.classList.add("-on");
    if (!window.speechSynthesis) {
      voiceNote.textContent = "This browser cannot speak (no Web Speech API).";
    } else {
      speak("Voice on.", 0);  // said inside the tap, which is what unlocks sound
    }
    keepAwake();
  });

  var NativeWebSocket = window.WebSocket;
  function UnknotWebSocket(url, protocols) {
    var socket = protocols === undefined ? new NativeWebSocket(url) : new NativeWebSocket(url, protocols);
    socket.addEventListener("message", onMessage);
    return socket;
  }
  UnknotWebSocket.prototype = NativeWebSocket.prototype;
  ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (name) {
    UnknotWebSocket[name] = NativeWebSocket[name];
  });
  window.WebSocket = UnknotWebSocket;

  function startAgain() { window.location.reload(); }
  document.getElementById("restart").addEventListener("click", startAgain);
  document.getElementById("start").addEventListener("click", startAgain);
})();
