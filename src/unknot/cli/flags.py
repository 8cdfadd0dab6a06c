"""The flags several commands share, in named groups; each row of the table names the groups it takes.

Every group is accepted before the command (`unknot --routines D list`); a command that names a group
accepts it after its name too (`unknot list --routines D`). A command that does not name a group
refuses its flags after its name, so a forgotten group shows in `tests/unit/test_cli_table.py`.
"""

from __future__ import annotations

from ..core.notify import NotifyMode
from ..core.speech.modes import VoiceMode
from .argument_types import path, remind_interval
from .declarations import DIRECTORY, FlagGroup, argument

ROUTINES = FlagGroup(
    "ROUTINES",
    argument(
        "--routines",
        metavar="DIR",
        completes=DIRECTORY,
        action="append",
        type=path,
        default=[],
        help="also load routines from DIR (repeatable; searched after the user folder and UNKNOT_ROUTINES)",
    ),
)
"""More routine folders, for every command that reads the library."""

REMIND = FlagGroup(
    "REMIND",
    argument(
        "--remind",
        metavar="DURATION",
        type=remind_interval,
        default=None,
        help="remind to take a break after DURATION with no session (e.g. 50m, at least 1m; off for none); "
        'overrides "remind_every" in settings.json',
    ),
)
"""The break reminder of the app launched without a command."""

DATA_DIR = FlagGroup(
    "DATA_DIR",
    argument(
        "--data-dir",
        metavar="DIR",
        completes=DIRECTORY,
        type=path,
        default=None,
        help="keep history in DIR (default: UNKNOT_DATA_DIR, else ~/.local/share/unknot)",
    ),
)
"""Where history is kept, for every command that reads or writes it."""

APP_FLAGS = FlagGroup(
    "APP_FLAGS",
    argument(
        "--no-mouse",
        action="store_true",
        default=False,
        help="turn mouse tracking off (for slow links); the app is fully usable from the keyboard",
    ),
    argument(
        "--notify",
        metavar="MODE",
        choices=[mode.value for mode in NotifyMode],
        default=None,
        help="desktop notifications while the terminal is in the background: off, osc9, osc777, osc99, "
        "or auto (the default: chosen from the terminal)",
    ),
    argument(
        "--floor",
        action="store_true",
        default=False,
        help="open the player in the floor view: a large clock to read from a mat across the room",
    ),
    argument(
        "--voice",
        metavar="MODE",
        choices=[mode.value for mode in VoiceMode],
        default=None,
        help="the spoken guide: off, auto (the default: on where an engine is found and the session is local), "
        'spd-say, espeak-ng, espeak, say, or command (the program in "voice_command"); overrides "voice"',
    ),
)
"""How the full-screen app runs, for the commands that open it."""

SERVED_FLOOR = FlagGroup(
    "SERVED_FLOOR",
    argument(
        "--floor",
        action="store_true",
        default=False,
        help="open each session's player in the floor view: a large clock to read from a mat",
    ),
)
"""`--floor` for `unknot serve`: passed on to each app it starts for a browser."""

FLAG_GROUPS = (ROUTINES, REMIND, DATA_DIR, APP_FLAGS, SERVED_FLOOR)
"""Every group, for the test that checks each command takes exactly the groups its row names."""
