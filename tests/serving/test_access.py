"""The token, its file, the Origin rule and the bounds on what a browser may ask for."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from unknot.serving.access import (
    MIN_TOKEN_CHARS,
    TokenFileError,
    new_token,
    origin_allowed,
    token_from_file,
    token_matches,
)
from unknot.serving.address import address_with_token, base_url, is_loopback, qr_code_text
from unknot.serving.server import font_size
from unknot.serving.sessions import MAX_COLUMNS, MAX_ROWS, clamp_size


def test_a_fresh_token_carries_at_least_128_bits_and_is_new_each_time() -> None:
    tokens = {new_token() for _ in range(50)}
    assert len(tokens) == 50
    assert all(len(token) >= MIN_TOKEN_CHARS and len(token) * 6 >= 128 for token in tokens)


def test_the_token_file_is_made_for_the_owner_only_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "token"
    first = token_from_file(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert token_from_file(path) == first


def test_a_token_file_others_can_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "token"
    token_from_file(path)
    os.chmod(path, 0o644)
    with pytest.raises(TokenFileError, match="chmod 600"):
        token_from_file(path)


@pytest.mark.parametrize("content", ["", "short", "a" * 30 + " with spaces", "ü" * 40])
def test_a_token_file_without_a_token_is_refused_not_overwritten(tmp_path: Path, content: str) -> None:
    path = tmp_path / "token"
    path.write_text(content)
    os.chmod(path, 0o600)
    with pytest.raises(TokenFileError, match="does not hold a token"):
        token_from_file(path)
    assert path.read_text() == content


def test_a_token_file_in_a_missing_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(TokenFileError, match="cannot create"):
        token_from_file(tmp_path / "missing" / "token")


def test_tokens_match_exactly() -> None:
    token = new_token()
    assert token_matches(token, token)
    assert not token_matches(token, token[:-1])
    assert not token_matches(token, token + "x")
    assert not token_matches(token, None)
    assert not token_matches(token, "")
    assert not token_matches(token, "é" * 43)


@pytest.mark.parametrize(
    ("origin", "host", "public_url", "allowed"),
    [
        ("http://127.0.0.1:8765", "127.0.0.1:8765", None, True),
        ("http://localhost:8765", "localhost:8765", None, True),
        ("http://192.168.1.5:8765", "192.168.1.5:8765", None, True),
        ("http://evil.example", "127.0.0.1:8765", None, False),
        ("http://127.0.0.1:9999", "127.0.0.1:8765", None, False),
        ("null", "127.0.0.1:8765", None, False),
        (None, "127.0.0.1:8765", None, False),
        ("file://", "127.0.0.1:8765", None, False),
        ("https://mat.example.org", "127.0.0.1:8765", "https://mat.example.org", True),
        ("http://mat.example.org", "mat.example.org", "https://mat.example.org", False),
        ("https://127.0.0.1:8765", "127.0.0.1:8765", "https://mat.example.org", False),
    ],
)
def test_origin_rule(origin: str | None, host: str, public_url: str | None, allowed: bool) -> None:
    assert origin_allowed(origin, host, public_url) is allowed


def test_sizes_and_fonts_stay_within_bounds() -> None:
    assert clamp_size("100", "30") == (100, 30)
    assert clamp_size(10**9, -5) == (MAX_COLUMNS, 1)
    assert clamp_size("x", None) == (80, 24)
    assert clamp_size(80, 10**9) == (80, MAX_ROWS)
    assert font_size(None) == 16 and font_size("100") == 48 and font_size("-3") == 8 and font_size("big") == 16


def test_the_address_and_its_qr_code() -> None:
    assert base_url("127.0.0.1", 8765, None) == "http://127.0.0.1:8765"
    assert base_url("::1", 8765, None) == "http://[::1]:8765"
    assert base_url("0.0.0.0", 8765, "https://mat.example.org/") == "https://mat.example.org"
    assert is_loopback("127.0.0.1") and is_loopback("::1") and not is_loopback("0.0.0.0")
    address = address_with_token("http://127.0.0.1:8765", "T" * 43)
    assert address == "http://127.0.0.1:8765/?token=" + "T" * 43
    code = qr_code_text(address).splitlines()
    assert len(code) <= 21 and all(len(line) == len(code[0]) <= 45 for line in code)  # fits 80×24 with the address
    assert set("".join(code)) <= {"█", "▀", "▄", " "}


@pytest.mark.parametrize("weak", ["A" * 43, "ab" * 20, "abcdefgh" * 5 + "abc", "0123456789"[:9] * 5])
def test_a_token_file_with_an_easy_token_is_refused(tmp_path: Path, weak: str) -> None:
    path = tmp_path / "token"
    path.write_text(weak + "\n")
    path.chmod(0o600)
    with pytest.raises(TokenFileError, match="easy to guess"):
        token_from_file(path)


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root (CI runs as root)")
def test_a_token_file_of_another_user_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "token"
    token_from_file(path)
    os.chown(path, 65534, 65534)
    with pytest.raises(TokenFileError, match="belongs to another user"):
        token_from_file(path)


def test_only_this_machines_names_and_addresses_are_answered() -> None:
    from unknot.serving.access import host_allowed, served_names

    names = served_names("https://back.example.org/unknot")
    for host in ("127.0.0.1:8765", "localhost:8765", "[::1]:8765", "192.168.1.20:8765", "back.example.org"):
        assert host_allowed(host, names), host
    refused: tuple[str | None, ...] = ("evil.example:8765", "127.0.0.1.evil.example", "", None, "[bad")
    for other in refused:
        assert not host_allowed(other, names), other


def test_the_key_budget_passes_a_burst_then_a_steady_rate() -> None:
    from unknot.serving.inbound import KeyBudget

    now = 0.0
    budget = KeyBudget(lambda: now, burst=100, per_second=10)
    assert budget.take(60) and budget.take(40)
    assert not budget.take(1)  # the burst is spent
    now = 1.0
    assert budget.take(10) and not budget.take(1)  # ten bytes a second
    now = 1000.0
    assert budget.take(100) and not budget.take(1)  # never more than the burst, however long it rested


def test_only_the_last_mouse_motion_of_a_message_is_kept() -> None:
    from unknot.serving.inbound import thin_motion

    moves = "".join(f"\x1b[<35;{x};5M" for x in range(1, 30))
    assert thin_motion("a" + moves + "\x1b[<0;29;5M\x1b[<0;29;5mb") == "a\x1b[<35;29;5M\x1b[<0;29;5M\x1b[<0;29;5mb"
    assert thin_motion("j\x1b[<35;3;4M") == "j\x1b[<35;3;4M"


def test_a_qr_code_only_for_an_address_a_phone_can_reach() -> None:
    from unknot.serving.run import ServeOptions, banner
    from unknot.serving.server import ServeConfig

    config = ServeConfig(token=new_token(), argv=["unknot"])
    local = banner(ServeOptions(config=config, host="127.0.0.1"))
    assert "No QR code" in local and "█" not in local and "▀" not in local
    lan = banner(ServeOptions(config=config, host="0.0.0.0"))
    assert "No QR code" not in lan and ("█" in lan or "▀" in lan)
    proxied = ServeConfig(token=new_token(), argv=["unknot"], public_url="https://back.example.org")
    assert "No QR code" not in banner(ServeOptions(config=proxied, host="127.0.0.1"))
