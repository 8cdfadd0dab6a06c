"""The manual page `unknot(1)`, made from the command table's parser by argparse-manpage.

Every command and flag comes from `build_parser()`; the sections a parser cannot know (files,
environment, exit status, the safety note) are written here. The page is made at build time by
`hatch_build.py` (argparse-manpage is a build requirement, never one of Unknot's) and shipped in the
wheel as `share/man/man1/unknot.1`; `man/unknot.1` in the checkout is the same page, for `man -l`,
and a test fails when it differs from what the table makes. Rewrite it with
`python -m unknot.cli.manual > man/unknot.1`.
"""

from __future__ import annotations

from .. import __version__
from .commands import build_parser

SUMMARY = "a terminal guide through back-pain-relief routines"

SECTIONS = {
    "FILES": r"""
.TP
.I ~/.config/unknot/settings.json
Settings: the bell, voice, theme, mouse, pain questions, floor view, notifications, break reminder, routine order.
.TP
.I ~/.config/unknot/routines/
Your own routines (YAML); one with the id of a shipped routine replaces it.
.B unknot new
and
.B unknot edit
write here.
.TP
.I ~/.config/unknot/plans/
Your own plans (YAML); one with the id of a shipped plan replaces it. A
.I plans/
folder inside a
.B \-\-routines
folder is read too.
.TP
.I ~/.local/share/unknot/history.sqlite3
History: every session, pain before and after, notes, how a plan session felt, and the plan you
follow (private to you, 0600).
Damaged copies are kept beside it as
.IR history.sqlite3.damaged\-DATE ;
sessions that could not be stored wait in
.IR unsaved\-sessions.jsonl .
.TP
.I ~/.cache/unknot/
The compiled copy of the routines (library.msgpack, its key, and the small file of ids and
frequencies the fast paths read); remade whenever a routine file changes, always safe to delete.
.PP
The folders follow XDG_CONFIG_HOME, XDG_DATA_HOME and XDG_CACHE_HOME on Linux, and the platform's
own places elsewhere.
""",
    "ENVIRONMENT": r"""
.TP
.B UNKNOT_ROUTINES
More routine folders, separated by
.BR : ,
searched after your own folder and before
.BR \-\-routines .
.TP
.B UNKNOT_DATA_DIR
Where history is kept (as
.BR \-\-data\-dir ).
.TP
.B UNKNOT_GLYPHS
.B console
or
.BR unicode :
the symbols drawn, instead of the choice made from
.BR TERM .
.TP
.B UNKNOT_BROWSER
The Chromium or Chrome that
.B unknot report \-\-pdf
prints with.
.TP
.BR VISUAL ", " EDITOR
The editor
.B unknot edit
opens.
.TP
.BR TERM ", " COLORTERM ", " NO_COLOR ", " TMUX ", " TERM_PROGRAM ", " KITTY_WINDOW_ID ", " VTE_VERSION
What the terminal is: the symbols, the colours, and the desktop notifications chosen by
.B \-\-notify auto
(see
.BR "unknot doctor" ).
.TP
.BR SSH_CONNECTION ", " SPEECHD_ADDRESS ", " XDG_RUNTIME_DIR
Whether the spoken guide can reach your speakers: over SSH it speaks only through a forwarded
speech\-dispatcher socket (see
.BR "unknot voice" ).
.TP
.BR XDG_CONFIG_HOME ", " XDG_DATA_HOME ", " XDG_CACHE_HOME
Where the files above live.
""",
    "EXIT STATUS": r"""
.TP
.B 0
Done; for
.BR "unknot doctor" ,
nothing is a problem (warnings allowed).
.TP
.B 1
.B unknot validate
found a problem in a routine file, or
.B unknot doctor
found something that stops a feature working.
.TP
.B 2
A mistake on the command line (an unknown command or flag, a bad value, a routine id that does not exist).
.TP
.B 130
Interrupted with Ctrl+C.
""",
    "SAFETY": r"""
Unknot is not medical advice. Move gently and stop at once if you feel sharp or sudden pain.
See a doctor for severe pain, pain that lasts, or pain with numbness or weakness.
""",
    "SEE ALSO": r"""
.BR "unknot doctor" ,
.BR "unknot completion bash|zsh|fish" ,
and in the source: README.md, docs/troubleshooting.md, docs/routine\-format.md.
""",
}
"""The sections a parser cannot know, in roff, in the order they follow the commands."""


def manual_page() -> str:
    """Return the manual page, in roff, made from the command table (needs argparse-manpage)."""
    from argparse_manpage.manpage import Manpage

    page = Manpage(build_parser())
    page.description = SUMMARY
    page.date = f"unknot {__version__}"  # not the day it was built: the sdist must build the same wheel
    page.source = f"unknot {__version__}"
    page.manual = "Unknot manual"
    for heading, content in SECTIONS.items():
        page.add_section(heading, ">", content.strip())
    return str(page)


if __name__ == "__main__":
    print(manual_page(), end="")
