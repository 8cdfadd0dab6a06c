"""`unknot completion bash|zsh|fish`: a shell completion script made from the command table by shtab.

shtab writes each shell's script from the argparse parser, so commands, flags and `choices` (the
`--notify` modes, `--weeks`) need nothing here. What this module adds is what an argument's value
completes to where the table says (`completes=` in `declarations.py`): routine ids, asked of
`unknot list --ids` at each Tab (a fast path that reads one small file), plan ids (of `unknot plan list
--ids`), files and folders.
shtab is imported only here: every other command, and each Tab, runs without it.
"""

from __future__ import annotations

import argparse
from typing import Any

from .commands import build_parser
from .declarations import DIRECTORY, FILE, PLAN_ID, ROUTINE_ID

# Each shell asks `unknot list --ids` when Tab is pressed, never when the script is loaded, so a
# routine written a minute ago completes. Errors go nowhere: a completion must not print over the line.
_IDS = "unknot list --ids 2>/dev/null"
ROUTINE_IDS: dict[str, Any] = {
    "bash": "_unknot_routine_ids",
    "zsh": "_unknot_routine_ids",
    "fish": f"({_IDS})",
    "preamble": {
        "bash": f'_unknot_routine_ids() {{\n  compgen -W "$({_IDS})" -- "$1"\n}}',
        "zsh": f'_unknot_routine_ids() {{\n  local -a ids\n  ids=(${{(f)"$({_IDS})"}})\n  compadd -a ids\n}}',
    },
}
"""What shtab runs to complete a routine id, in each shell."""

_PLAN_IDS = "unknot plan list --ids 2>/dev/null"
PLAN_IDS: dict[str, Any] = {
    "bash": "_unknot_plan_ids",
    "zsh": "_unknot_plan_ids",
    "fish": f"({_PLAN_IDS})",
    "preamble": {
        "bash": f'_unknot_plan_ids() {{\n  compgen -W "$({_PLAN_IDS})" -- "$1"\n}}',
        "zsh": f'_unknot_plan_ids() {{\n  local -a ids\n  ids=(${{(f)"$({_PLAN_IDS})"}})\n  compadd -a ids\n}}',
    },
}
"""What shtab runs to complete a plan id, in each shell."""

RC_LINES = {
    "bash": 'eval "$(unknot completion bash)"  # in ~/.bashrc',
    "zsh": 'eval "$(unknot completion zsh)"  # in ~/.zshrc, after compinit',
    "fish": "unknot completion fish | source  # in ~/.config/fish/config.fish",
}
"""The one line to add to each shell's rc file (also in the README)."""


def completion_script(shell: str) -> str:
    """Return the completion script for `shell` (bash, zsh or fish), made from the parser."""
    import shtab  # only here: about 10 ms, paid by this command alone

    kinds = {ROUTINE_ID: ROUTINE_IDS, PLAN_ID: PLAN_IDS, FILE: shtab.FILE, DIRECTORY: shtab.DIRECTORY}
    parser = build_parser()
    for action in _every_action(parser):
        kind = getattr(action, "completes", None)
        if kind is not None:
            action.complete = kinds[kind]  # type: ignore[attr-defined]  # how shtab is told
    header = f"# Unknot's completion for {shell}, made by `unknot completion {shell}`. To load it, add:\n"
    return header + f"#   {RC_LINES[shell]}\n" + shtab.complete(parser, shell=shell)


def _every_action(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """Return the actions of `parser` and of every sub-command's parser below it."""
    found = []
    for action in parser._actions:
        found.append(action)
        if isinstance(action, argparse._SubParsersAction):
            for below in dict.fromkeys(action.choices.values()):
                found += _every_action(below)
    return found


def command_completion(args: argparse.Namespace) -> int:
    """Print the completion script for the shell named."""
    print(completion_script(args.shell), end="")
    return 0
