"""Choosing the engine: the order `auto` tries, SSH and a forwarded speech-dispatcher socket, commands."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from unknot.core.speech.engines import Engine, choose_engine, socket_answers, speechd_socket
from unknot.core.speech.modes import VoiceMode


def which_of(*installed: str) -> Callable[[str], str | None]:
    return lambda name: f"/usr/bin/{name}" if name in installed else None


def test_auto_takes_the_first_engine_found() -> None:
    choice = choose_engine(VoiceMode.AUTO, env={}, which=which_of("espeak", "espeak-ng"))
    assert choice.engine == Engine("espeak-ng", "/usr/bin/espeak-ng")
    assert choice.reason == "speaking with espeak-ng (/usr/bin/espeak-ng)"
    spd = choose_engine(VoiceMode.AUTO, env={}, which=which_of("spd-say", "espeak-ng"), rate=200).engine
    assert spd is not None and spd.argv("Rest.") == ["/usr/bin/spd-say", "-w", "-r", "10", "Rest."]
    assert spd.stop_argv() == ["/usr/bin/spd-say", "-C"]


def test_auto_with_nothing_installed_says_where_to_turn() -> None:
    choice = choose_engine(VoiceMode.AUTO, env={}, which=which_of())
    assert choice.engine is None and "unknot serve" in choice.reason and "espeak-ng" in choice.reason


def test_rates_in_words_per_minute() -> None:
    assert choose_engine(VoiceMode.ESPEAK_NG, rate=150, which=which_of("espeak-ng")).engine == Engine(
        "espeak-ng", "/usr/bin/espeak-ng", ("-s", "150")
    )
    say = choose_engine(VoiceMode.SAY, rate=150, which=which_of("say")).engine
    assert say is not None and say.argv("x") == ["/usr/bin/say", "-r", "150", "x"]


def test_a_named_engine_that_is_missing() -> None:
    choice = choose_engine(VoiceMode.ESPEAK, which=which_of())
    assert choice.engine is None and choice.reason.startswith("espeak is not installed")


def test_a_command_gets_the_text_last() -> None:
    choice = choose_engine(VoiceMode.COMMAND, command=["piper-say", "--voice", "en"], which=which_of("piper-say"))
    assert choice.engine is not None
    assert choice.engine.argv("Rest.") == ["/usr/bin/piper-say", "--voice", "en", "Rest."]
    assert choose_engine(VoiceMode.COMMAND, command=[], which=which_of()).engine is None


def test_off_and_served() -> None:
    assert choose_engine(VoiceMode.OFF, which=which_of("espeak-ng")).engine is None
    served = choose_engine(VoiceMode.AUTO, env={"TEXTUAL_DRIVER": "x:WebDriver"}, which=which_of("espeak-ng"))
    assert served.engine is None and "browser" in served.reason


def test_over_ssh_auto_is_off_unless_a_forwarded_socket_answers(tmp_path: Path) -> None:
    where = tmp_path / "speechd.sock"
    env = {"SSH_CONNECTION": "10.0.0.2 5555 10.0.0.1 22", "SPEECHD_ADDRESS": f"unix_socket:{where}"}
    silent = choose_engine(VoiceMode.AUTO, env=env, which=which_of("spd-say", "espeak-ng"))
    assert silent.engine is None and "ssh -R" in silent.reason
    # What `ssh -R` leaves on this machine: a Unix socket that accepts connections.
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        listener.bind(str(where))
        listener.listen(1)
        assert socket_answers(where)
        choice = choose_engine(VoiceMode.AUTO, env=env, which=which_of("spd-say", "espeak-ng"))
    assert choice.engine is not None and choice.engine.name == "spd-say"
    assert str(where) in choice.reason


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"SPEECHD_ADDRESS": "unix_socket:/tmp/s.sock"}, Path("/tmp/s.sock")),
        ({"XDG_RUNTIME_DIR": "/run/user/7"}, Path("/run/user/7/speech-dispatcher/speechd.sock")),
        ({}, None),
    ],
)
def test_where_speech_dispatcher_listens(env: dict[str, str], expected: Path | None) -> None:
    assert speechd_socket(env) == expected
