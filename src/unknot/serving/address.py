"""The address `unknot serve` prints, and the same address as a QR code for a phone's camera."""

from __future__ import annotations

import contextlib
import io
import ipaddress
import socket

#: Hosts that only this machine can reach.
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
_ANY_HOSTS = frozenset({"0.0.0.0", "::", ""})


def is_loopback(host: str) -> bool:
    """Whether a server bound to `host` can be reached only from this machine."""
    if host in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def lan_address() -> str | None:
    """Return this machine's address on the network it would reach others through (no packet is sent)."""
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: routed like any outside address, never contacted
        address = str(probe.getsockname()[0])
        if not address.startswith("127."):
            return address
    return None


def base_url(host: str, port: int, public_url: str | None, *, secure: bool = False) -> str:
    """Return the address to open, without the token: `--public-url`, else one made from host and port
    (https when the server itself speaks TLS)."""
    if public_url:
        return public_url.rstrip("/")
    if host in _ANY_HOSTS:
        host = lan_address() or socket.gethostname()
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"{'https' if secure else 'http'}://{host}:{port}"


def address_with_token(base: str, token: str) -> str:
    """Return the address that lets its holder in (the token is URL-safe as made)."""
    return f"{base}/?token={token}"


def qr_code_text(url: str) -> str:
    """Return `url` as a QR code drawn with block characters, two rows of modules per line."""
    import segno  # only `unknot serve` draws one

    # The lowest error level keeps the code small enough for an 80×24 terminal; segno raises the
    # level when the same size can carry more.
    code = segno.make(url, error="l")
    buffer = io.StringIO()
    code.terminal(out=buffer, compact=True, border=2)
    return buffer.getvalue()
