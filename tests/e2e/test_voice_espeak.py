"""The real espeak-ng (Debian's package) speaks the guide's words to a WAV file: not silent, as long as the words."""

from __future__ import annotations

import array
import shutil
import subprocess
import wave
from pathlib import Path

import pytest

from unknot.core.speech.engines import choose_engine
from unknot.core.speech.modes import VoiceMode
from unknot.core.speech.words import speakable

pytestmark = pytest.mark.skipif(
    shutil.which("espeak-ng") is None, reason="espeak-ng is not installed (apt-get install espeak-ng; .ci/run does)"
)


def spoken_seconds_and_peak(text: str, folder: Path) -> tuple[float, int]:
    """Say `text` with the engine `--voice espeak-ng` chooses, into a WAV; return its length and loudest sample."""
    engine = choose_engine(VoiceMode.ESPEAK_NG, rate=170).engine
    assert engine is not None
    argv = engine.argv(speakable(text))
    wav = folder / "said.wav"
    subprocess.run([argv[0], "-w", str(wav), *argv[1:]], check=True, timeout=60, stdin=subprocess.DEVNULL)
    with wave.open(str(wav)) as audio:
        assert audio.getsampwidth() == 2
        frames = audio.readframes(audio.getnframes())
        seconds = audio.getnframes() / audio.getframerate()
    samples = array.array("h", frames)
    return seconds, max(abs(sample) for sample in samples)


def test_a_step_is_spoken_aloud_and_its_length_fits_the_words(tmp_path: Path) -> None:
    short, peak = spoken_seconds_and_peak("Rest.", tmp_path)
    assert peak > 1000, "the WAV is silent"
    sentence = "Switch sides: left side now. Next: cobra stretch, 30 seconds."
    long, peak = spoken_seconds_and_peak(sentence, tmp_path)
    assert peak > 1000
    assert 0.2 < short < 2.0
    assert 2.0 < long < 9.0 and long > 3 * short


def test_hostile_text_is_read_as_words_never_as_options(tmp_path: Path) -> None:
    seconds, peak = spoken_seconds_and_peak("--help <speak>-w /tmp/x</speak>", tmp_path)
    assert peak > 1000 and seconds > 0.5  # spoken, not taken for `--help`
