"""Which program speaks on this machine: the `voice` modes, the engines tried in order, and why none works.

`auto` takes the first engine found of speech-dispatcher (`spd-say`), `espeak-ng`, `espeak` and
macOS `say`, but only where the session is on this machine: over SSH nothing plays on the person's
speakers unless speech-dispatcher's socket was forwarded (`ssh -R`, see docs/voice.md) and answers;
in a served app the browser speaks instead. Each engine is a fixed list of arguments with the text
last, run without a shell.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .modes import VoiceMode

#: The engines `auto` tries, in this order.
ENGINE_ORDER = (VoiceMode.SPD_SAY, VoiceMode.ESPEAK_NG, VoiceMode.ESPEAK, VoiceMode.SAY)
#: Where to point a person for whom nothing here can reach their speakers.
ELSEWHERE = "`unknot serve` speaks on a phone or tablet beside the mat"


@dataclass(frozen=True)
class Engine:
    """A speaking program: its path, the fixed arguments before the text, and how to silence it."""

    name: str
    program: str
    options: tuple[str, ...] = ()
    stop_options: tuple[str, ...] | None = None
    """Arguments of a second run that silences it (speech-dispatcher keeps speaking when its client dies)."""

    def argv(self, text: str) -> list[str]:
        """Return the command line that says `text` (one argument, last)."""
        return [self.program, *self.options, text]

    def stop_argv(self) -> list[str] | None:
        """Return the command line that silences this engine, or None when killing the process is enough."""
        return None if self.stop_options is None else [self.program, *self.stop_options]


@dataclass(frozen=True)
class EngineChoice:
    """The engine chosen (None: silent) and the sentence that says which, or why none."""

    engine: Engine | None
    reason: str


def _rate_options(mode: VoiceMode, rate: int | None) -> tuple[str, ...]:
    if rate is None:
        return ()
    if mode is VoiceMode.SPD_SAY:  # -100..100 around its default of about 180 words a minute
        return ("-r", str(max(-100, min(100, round((rate - 180) / 2)))))
    if mode in (VoiceMode.ESPEAK_NG, VoiceMode.ESPEAK):
        return ("-s", str(rate))
    if mode is VoiceMode.SAY:
        return ("-r", str(rate))
    return ()


def engine_for(mode: VoiceMode, program: str, rate: int | None = None) -> Engine:
    """Return the engine of a named `mode` found at `program` (not `command`, `auto` or `off`)."""
    if mode is VoiceMode.SPD_SAY:
        # -w: wait until it is spoken, so the process lives as long as the speech and can be replaced.
        return Engine(mode.value, program, ("-w", *_rate_options(mode, rate)), stop_options=("-C",))
    return Engine(mode.value, program, _rate_options(mode, rate))


def speechd_socket(env: Mapping[str, str]) -> Path | None:
    """Return the Unix socket speech-dispatcher's clients use here (`SPEECHD_ADDRESS`, else the usual place)."""
    address = env.get("SPEECHD_ADDRESS", "")
    if address.startswith("unix_socket:"):
        return Path(address.removeprefix("unix_socket:"))
    runtime = env.get("XDG_RUNTIME_DIR")
    return Path(runtime) / "speech-dispatcher" / "speechd.sock" if runtime else None


def socket_answers(path: Path, timeout: float = 0.3) -> bool:
    """Whether something listens on the Unix socket `path` (a forwarded speech-dispatcher, say)."""
    with contextlib.closing(socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)) as probe:
        probe.settimeout(timeout)
        try:
            probe.connect(str(path))
        except OSError:
            return False
    return True


def over_ssh(env: Mapping[str, str]) -> bool:
    """Whether this session came in over SSH (its sound would play on the far machine)."""
    return any(env.get(name) for name in ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"))


def choose_engine(
    mode: VoiceMode,
    *,
    command: Sequence[str] = (),
    rate: int | None = None,
    env: Mapping[str, str] | None = None,
    which: Callable[[str], str | None] = shutil.which,
    answers: Callable[[Path], bool] = socket_answers,
) -> EngineChoice:
    """Return the engine `mode` asks for here, or None with the reason nothing will be said."""
    env = os.environ if env is None else env
    if mode is VoiceMode.OFF:
        return EngineChoice(None, "the voice is off")
    if mode is VoiceMode.COMMAND:
        if not command:
            return EngineChoice(
                None, 'voice "command" needs "voice_command" in settings.json: a program and its arguments'
            )
        found = which(command[0])
        if found is None:
            return EngineChoice(None, f"the voice command {command[0]!r} was not found")
        return EngineChoice(Engine("command", found, tuple(command[1:])), f"speaking with {command[0]}")
    if mode is not VoiceMode.AUTO:
        found = which(mode.value)
        if found is None:
            return EngineChoice(None, f"{mode.value} is not installed; {ELSEWHERE}")
        return EngineChoice(engine_for(mode, found, rate), f"speaking with {mode.value} ({found})")
    if env.get("TEXTUAL_DRIVER", "").endswith(":WebDriver"):
        return EngineChoice(None, "served to a browser: the page speaks")
    if over_ssh(env):
        where = speechd_socket(env)
        found = which(VoiceMode.SPD_SAY.value)
        if where is not None and found is not None and answers(where):
            return EngineChoice(engine_for(VoiceMode.SPD_SAY, found, rate), f"speaking with spd-say through {where}")
        return EngineChoice(
            None,
            "over SSH nothing here reaches your speakers: forward speech-dispatcher's socket "
            f"(ssh -R, see docs/voice.md), or {ELSEWHERE}",
        )
    for candidate in ENGINE_ORDER:
        found = which(candidate.value)
        if found is not None:
            return EngineChoice(engine_for(candidate, found, rate), f"speaking with {candidate.value} ({found})")
    return EngineChoice(None, f"no speech engine found (install espeak-ng or speech-dispatcher); {ELSEWHERE}")
