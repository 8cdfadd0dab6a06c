"""The HTML the server sends: the page that holds the terminal, and the pages that say no.

Every address in them is relative, so the page works the same behind a reverse proxy with a path.
Nothing from the request is written into them except the font size, which is a number.
"""

from __future__ import annotations

import html

_STYLE = """
      @font-face { font-family: "Roboto Mono"; src: url("static/fonts/RobotoMono-VariableFont_wght.ttf"); }
      html, body { margin: 0; height: 100%; background: #0c181f; color: #f2f2f2; }
      body { font-family: "Roboto Mono", Menlo, monospace; }
      #terminal { position: absolute; inset: 0; opacity: 0; transition: opacity 0.3s ease-out; }
      body.-first-byte #terminal { opacity: 1; }
      .dialog { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
                z-index: 10; text-align: center; }
      .dialog > div { background: #12232d; padding: 2em; margin: 1em; max-width: 36em; font-size: 18px; }
      body.-first-byte .intro, .closed { display: none; }
      body.-closed .closed { display: flex; }
      button { font: inherit; padding: 0.8em 2em; margin-top: 1em; border: none; color: #fff; background: #5e0ba7; }
      #start { display: none; }
      #voice { position: fixed; right: 0.5em; bottom: 0.5em; z-index: 20; max-width: 22em; font-size: 14px;
               text-align: right; }
      #voice button { margin: 0; padding: 0.6em 1em; }
      #voice-note { background: #12232d; padding: 0.4em 0.6em; margin-top: 0.3em; }
      #voice-note:empty, #voice.-on #voice-on { display: none; }
"""


def app_page(font_size: int) -> str:
    """Return the page that connects to a new session and shows it."""
    return f"""<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Unknot</title>
    <link rel="stylesheet" href="static/css/xterm.css">
    <style>{_STYLE}</style>
    <script src="static/js/textual.js"></script>
  </head>
  <body>
    <div class="dialog intro"><div>Unknot: starting your session…
      <button type="button" id="start">Start</button></div></div>
    <div class="dialog closed"><div><div id="closed-message">The session has ended.</div>
      <button type="button" id="restart">Start again</button></div></div>
    <div id="voice"><button type="button" id="voice-on">Tap to turn the voice on</button>
      <div id="voice-note"></div></div>
    <div id="terminal" class="textual-terminal" data-font-size="{int(font_size)}"></div>
    <script src="static/unknot.js"></script>
  </body>
</html>
"""


def message_page(title: str, text: str) -> str:
    """Return a small page that says one thing (a refusal, or that every session is in use)."""
    return f"""<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{html.escape(title)} · Unknot</title>
    <style>{_STYLE}</style>
  </head>
  <body>
    <div class="dialog"><div><h1>{html.escape(title)}</h1><p>{html.escape(text)}</p></div></div>
  </body>
</html>
"""


NO_TOKEN = (
    "Open the address `unknot serve` printed, with its token, or scan its QR code. "
    "This page cannot be opened without it."
)
WRONG_TOKEN = (
    "This address's token is not the server's. If the server was restarted, it printed a new address; "
    "open that one (or start it with --token-file to keep one address)."
)


def sessions_full_text(limit: int) -> str:
    """Say that every session is in use, and what to do about it."""
    sessions = "session is" if limit == 1 else f"{limit} sessions are"
    return (
        f"All {sessions} in use (the server allows {limit} at once, --max-sessions). "
        "Close a tab that plays one, then reload this page."
    )
