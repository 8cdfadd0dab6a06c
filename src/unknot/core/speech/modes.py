"""The voice settings' values and their words: small, so reading the settings loads nothing else."""

from __future__ import annotations

from enum import StrEnum


class VoiceMode(StrEnum):
    """The `voice` setting and `--voice MODE`."""

    OFF = "off"
    AUTO = "auto"
    """On where an engine was found and the session is local (the default)."""
    SPD_SAY = "spd-say"
    ESPEAK_NG = "espeak-ng"
    ESPEAK = "espeak"
    SAY = "say"
    COMMAND = "command"
    """The program and arguments of `voice_command`, the text appended last."""


VOICE_MODE_WORDS = {
    VoiceMode.OFF: "off",
    VoiceMode.AUTO: "auto: on where a speech engine is found and the session is local",
    VoiceMode.SPD_SAY: "spd-say: speech-dispatcher",
    VoiceMode.ESPEAK_NG: "espeak-ng",
    VoiceMode.ESPEAK: "espeak",
    VoiceMode.SAY: "say: macOS",
    VoiceMode.COMMAND: "command: the program in voice_command",
}


class VoiceDetail(StrEnum):
    """The `voice_detail` setting: how much is read out."""

    BRIEF = "brief"
    """Titles, lengths, cues and counts (the default)."""
    DETAILED = "detailed"
    """Also each step's instructions when it starts."""


VOICE_DETAIL_WORDS = {
    VoiceDetail.BRIEF: "brief: titles, lengths, cues and counts",
    VoiceDetail.DETAILED: "detailed: also each step's instructions",
}
