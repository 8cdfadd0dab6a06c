"""`unknot completion bash|zsh|fish` loaded into the real shell: a command, a flag, a flag's value and a routine id complete.

Each shell runs the script as a person's rc file would load it, with the installed `unknot` first on
PATH and a routine of the person's own (`my-lunch-stretch`), so the ids are seen to come from the
library through `unknot list --ids` at the Tab. Skipped, saying why, where a shell is missing
(`.ci/run` installs Debian's bash, zsh and fish).
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time
from pathlib import Path

import ptyprocess
import pytest

from tests.conftest import REPO
from tests.e2e.terminal import unknot_command

pytestmark = pytest.mark.e2e

#: (what is typed before Tab, what the line becomes): a command, a flag, a flag's value, routine ids.
CASES = [
    ("unknot doc", "unknot doctor"),
    ("unknot list --j", "unknot list --json"),
    ("unknot play --notify osc7", "unknot play --notify osc777"),
    ("unknot history --weeks 5", "unknot history --weeks 52"),
    ("unknot show floor-s", "unknot show floor-stretches"),
    ("unknot --routines /tmp play my-l", "unknot --routines /tmp play my-lunch-stretch"),
    ("unknot history imp", "unknot history import"),
    ("unknot plan start desk-", "unknot plan start desk-back"),
]


def needs(shell: str) -> pytest.MarkDecorator:
    """Skip a test, saying why, where `shell` is not installed."""
    return pytest.mark.skipif(
        shutil.which(shell) is None, reason=f"needs {shell} (Debian's {shell} package; .ci/run installs it)"
    )


@pytest.fixture
def shell_env(isolated_user_dirs: Path) -> dict[str, str]:
    """The environment a shell runs in: the installed `unknot` first on PATH, and a routine of one's own."""
    own = isolated_user_dirs / "xdg_config_home" / "unknot" / "routines"
    own.mkdir(parents=True)
    shutil.copy(REPO / "routines" / "desk-break.yaml", own / "my-lunch-stretch.yaml")
    bin_folder = str(Path(unknot_command()).parent)
    return {**os.environ, "PATH": bin_folder + os.pathsep + os.environ.get("PATH", ""), "HOME": str(isolated_user_dirs)}


def script(shell: str, env: dict[str, str]) -> str:
    """Return `unknot completion SHELL`, as the rc line would load it."""
    return subprocess.run(["unknot", "completion", shell], env=env, capture_output=True, text=True, check=True).stdout


@needs("bash")
def test_bash_completes_commands_flags_values_and_routine_ids(shell_env: dict[str, str], tmp_path: Path) -> None:
    # Bash's programmable completion, called as Readline calls it: the words so far, and the word's index.
    lines = ['eval "$(unknot completion bash)"']
    for typed, _ in CASES:
        words = " ".join(f"'{word}'" for word in typed.split(" "))
        lines.append(
            f"COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); COMPREPLY=(); _shtab_unknot; "
            'echo "${COMPREPLY[*]}"'
        )
    (tmp_path / "run.bash").write_text("\n".join(lines) + "\n")
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", str(tmp_path / "run.bash")],
        env=shell_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stderr == ""
    assert done.stdout.splitlines() == [wanted.rsplit(" ", 1)[1] for _, wanted in CASES]


@needs("fish")
def test_fish_completes_commands_flags_values_and_routine_ids(shell_env: dict[str, str]) -> None:
    # `complete -C` prints what fish would offer for a command line, one `candidate<TAB>description` a line.
    commands = ["unknot completion fish | source"]
    commands += [f"complete -C '{typed}'; echo ---" for typed, _ in CASES]
    done = subprocess.run(
        ["fish", "--no-config", "-c", "; ".join(commands)],
        env=shell_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stderr == ""
    offered = [
        [line.split("\t")[0] for line in block.strip().splitlines()] for block in done.stdout.split("---\n")[:-1]
    ]
    assert offered == [[wanted.rsplit(" ", 1)[1]] for _, wanted in CASES]


@needs("zsh")
def test_zsh_completes_commands_flags_values_and_routine_ids(shell_env: dict[str, str], tmp_path: Path) -> None:
    # An interactive zsh in a pty, the script loaded after compinit as a .zshrc would; Tab completes the
    # line, and Ctrl+X (bound to a widget) appends the line as it then reads to a file and clears it.
    lines_file = tmp_path / "lines"
    lines_file.write_text("")
    (tmp_path / ".zshrc").write_text(
        f"autoload -Uz compinit && compinit -u -d {tmp_path}/zcompdump\n"
        'eval "$(unknot completion zsh)"\n'
        f'_unknot_test_dump() {{ print -r -- "$BUFFER" >> {lines_file}; BUFFER=; }}\n'
        "zle -N _unknot_test_dump\n"
        "bindkey '^X' _unknot_test_dump\n"
        f"print ready >> {lines_file}\n"
    )
    shell = ptyprocess.PtyProcess.spawn(
        ["zsh", "-i"], env={**shell_env, "ZDOTDIR": str(tmp_path), "TERM": "xterm"}, dimensions=(24, 200)
    )
    try:
        seen = _lines_when(lines_file, 1, shell)
        for typed, _ in CASES:  # one at a time: zsh drops what is typed ahead of a completion
            shell.write(f"{typed}\t\x18".encode())
            seen = _lines_when(lines_file, len(seen) + 1, shell)
    finally:
        shell.terminate(force=True)
    assert seen == ["ready", *(f"{wanted} " for _, wanted in CASES)]


def _lines_when(path: Path, count: int, shell: ptyprocess.PtyProcess, timeout: float = 30) -> list[str]:
    """Return the file's lines once it has `count` of them, reading the pty meanwhile so the shell never blocks."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lines = path.read_text().splitlines()
        if len(lines) >= count:
            return lines
        readable, _, _ = select.select([shell.fd], [], [], 0.05)
        if readable:
            try:
                os.read(shell.fd, 65536)  # the echo of what was typed, and the prompt
            except OSError:  # the shell has gone
                break
    return path.read_text().splitlines()
