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
    if (Object.prototype.hasOwnProperty.call(handlers, message[0])) handlers[message[0]](message[1]);
  }

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
