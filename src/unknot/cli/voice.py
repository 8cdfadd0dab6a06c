"""`unknot voice`: which engine speaks here, and `--test` to hear it say a sample sentence."""

from __future__ import annotations

import argparse
import subprocess

#: What `unknot voice --test` says: the kind of words a session speaks.
SAMPLE = "Switch sides: left side now. Next: cobra stretch, 30 seconds."


def command_voice(args: argparse.Namespace) -> int:
    """Print the engine the settings (or `--voice` before the command) choose; with `--test`, speak through it."""
    from ..core.settings import SettingsStore
    from ..core.speech.engines import choose_engine
    from ..core.speech.modes import VoiceMode

    settings = SettingsStore().load()
    mode = VoiceMode(args.voice) if getattr(args, "voice", None) else settings.voice
    choice = choose_engine(mode, command=settings.voice_command, rate=settings.voice_rate)
    if choice.engine is None:
        print(f"no voice: {choice.reason}")
        return 1
    if not args.test:
        print(choice.reason)
        return 0
    try:
        done = subprocess.run(
            choice.engine.argv(SAMPLE),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=30,
            check=False,
        )
    except subprocess.TimeoutExpired:
        print(f"{choice.engine.name} did not finish speaking within 30 s")
        return 1
    except OSError as error:
        print(f"{choice.engine.name} could not start: {error.strerror or error}")
        return 1
    if done.returncode != 0:
        from ..core.speech.words import speakable

        said = speakable(done.stderr.decode("utf-8", "replace"), 200)
        print(f"{choice.engine.name} failed (exit status {done.returncode}){': ' + said if said else ''}")
        return 1
    print(f"{choice.reason}: said {SAMPLE!r}")
    return 0
