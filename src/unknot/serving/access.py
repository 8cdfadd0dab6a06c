"""Who gets in: the access token, its file, the cookie that carries it, and the Origin check.

No web framework here: the server asks these functions and answers with what they say.
"""

from __future__ import annotations

import contextlib
import hmac
import ipaddress
import os
import secrets
import stat
from pathlib import Path
from urllib.parse import urlsplit

#: Bytes of randomness in a fresh token (256 bits; the issue asks for at least 128).
TOKEN_BYTES = 32
#: The shortest token accepted from a token file: 22 URL-safe characters carry 132 bits.
MIN_TOKEN_CHARS = 22
#: Fewer different characters than this in a token file's token mark it as chosen by hand, not drawn at random.
MIN_DIFFERENT_CHARS = 10
#: How long the browser keeps the cookie; it stops working sooner if the token changes.
COOKIE_MAX_AGE = 30 * 24 * 3600
_TOKEN_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


class TokenFileError(Exception):
    """The token file cannot be used; the message says why and what to do."""


def new_token() -> str:
    """Return a fresh random token, safe to put in an address."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_from_file(path: Path) -> str:
    """Return the token kept in `path`, writing a fresh one (readable by the owner only) when there is none.

    A file that others may read, or that holds something other than a long URL-safe token, is
    refused rather than used or overwritten.
    """
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_token(path)
    except OSError as error:
        raise TokenFileError(f"cannot create the token file {path}: {error.strerror or error}") from None
    token = new_token()
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(token + "\n")
            file.flush()
            os.fsync(file.fileno())
    except OSError as error:
        path.unlink(missing_ok=True)
        raise TokenFileError(f"cannot write the token file {path}: {error.strerror or error}") from None
    return token


def _read_token(path: Path) -> str:
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            raise TokenFileError(f"the token file {path} is not a regular file")
        if path.stat().st_uid != os.geteuid():
            raise TokenFileError(f"the token file {path} belongs to another user; remove it or use your own")
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise TokenFileError(f"others can read the token file {path}; run `chmod 600 {path}` or remove it")
        with path.open("rb") as file:
            raw = file.read(1024)
    except OSError as error:
        raise TokenFileError(f"cannot read the token file {path}: {error.strerror or error}") from None
    token = raw.decode("ascii", "replace").strip()
    if len(token) < MIN_TOKEN_CHARS or not set(token) <= _TOKEN_ALPHABET:
        raise TokenFileError(
            f"the token file {path} does not hold a token (at least {MIN_TOKEN_CHARS} characters of "
            "A-Z a-z 0-9 - _); remove it and a new one is written"
        )
    if is_weak(token):
        raise TokenFileError(f"the token in {path} is easy to guess; remove the file and a random one is written")
    return token


def is_weak(token: str) -> bool:
    """Whether a token is plainly not random: few different characters, or one run repeated (`AAAA…`, `abab…`).

    A random token of 22 URL-safe characters has about 19 different ones; 43 `A`s have one.
    """
    if len(set(token)) < MIN_DIFFERENT_CHARS:
        return True
    return any(token == token[:size] * (len(token) // size) + token[: len(token) % size] for size in range(1, 9))


def token_matches(expected: str, candidate: str | None) -> bool:
    """Whether `candidate` is the token, compared in constant time."""
    if not candidate:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), candidate.encode("utf-8", "replace"))


def cookie_name(port: int) -> str:
    """The cookie's name: cookies are shared by every port of a host, so each server has its own."""
    return f"unknot_token_{port}"


def origin_allowed(origin: str | None, host: str | None, public_url: str | None) -> bool:
    """Whether a websocket opened by a page from `origin` may start a session.

    Behind `--public-url` the origin must be that address's; otherwise it must be the address the
    browser asked for (its `Host`), over http or https. Another site's page in the same browser
    sends its own origin and is refused.
    """
    if not origin:
        return False
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/"):
        return False
    if public_url is not None:
        served = urlsplit(public_url)
        return (parts.scheme, parts.netloc.lower()) == (served.scheme, served.netloc.lower())
    return bool(host) and parts.netloc.lower() == str(host).lower()


def served_names(public_url: str | None) -> frozenset[str]:
    """Return the host names a browser may ask this server for: this machine's names and `--public-url`'s.

    IP addresses are always accepted (a page at an address cannot be rebound to another); any other
    name is refused, so a site whose name an attacker points at this machine (DNS rebinding) gets
    nothing, with or without the token.
    """
    import socket

    names = {"localhost"}
    with contextlib.suppress(OSError):
        machine = socket.gethostname().lower()
        names |= {machine, f"{machine}.local", socket.getfqdn().lower()}
    if public_url:
        with contextlib.suppress(ValueError):
            served = urlsplit(public_url).hostname
            if served:
                names.add(served.lower())
    return frozenset(name for name in names if name)


def host_allowed(host: str | None, names: frozenset[str]) -> bool:
    """Whether a request's `Host` (name or address, with or without a port) is one this server answers to."""
    if not host:
        return False
    try:
        name = urlsplit(f"//{host}").hostname
    except ValueError:
        return False
    if not name:
        return False
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return name.lower().rstrip(".") in names
    return True
