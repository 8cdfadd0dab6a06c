"""Run the server until Ctrl+C: print the address and its QR code, then stop every session cleanly."""

from __future__ import annotations

import asyncio
import logging
import signal
import ssl
import sys
from dataclasses import dataclass
from typing import TextIO

from aiohttp import web

from .address import address_with_token, base_url, is_loopback, qr_code_text
from .connections import ConnectionLimits, GuardedSite
from .server import STOPPED_NOTICE, ServeConfig, UnknotServer

log = logging.getLogger("unknot.serve")


class ServeError(Exception):
    """The server could not start; the message says why."""


@dataclass(frozen=True)
class ServeOptions:
    """The `unknot serve` command line."""

    config: ServeConfig
    host: str = "127.0.0.1"
    show_qr: bool = True
    tls: ssl.SSLContext | None = None
    """HTTPS (--tls-cert, --tls-key): a secure page may keep a phone's screen awake."""


def banner(options: ServeOptions) -> str:
    """Return what the terminal shows on start: who can reach it and how to stop, then the address and QR code.

    The address and the code come last, so on a short terminal what scrolls away is the notes.
    """
    config = options.config
    base = base_url(options.host, config.port, config.public_url, secure=options.tls is not None)
    address = address_with_token(base, config.token)
    if config.public_url:
        lines = [f"Unknot is served on {options.host}:{config.port}, reached through {config.public_url}."]
    elif is_loopback(options.host):
        lines = [
            "Unknot is served to this machine only. From another computer, forward the port first:",
            f"  ssh -L {config.port}:localhost:{config.port} THIS-MACHINE   (then open the address there)",
        ]
    else:
        lines = ["Unknot is served to anyone on this network who has the address (plain http: see docs/serve.md)."]
    lines += [
        f"At most {config.max_sessions} sessions at once. Ctrl+C stops the server; sessions save their place.",
        "",
        "Open this address (it holds the access token; keep it to yourself):",
        address,
    ]
    if config.report is not None:
        lines[-2:-2] = [
            "The report for your physiotherapist (the last 12 weeks) is at the same address, /report.",
            "",
        ]
    phone_can_reach = bool(config.public_url) or not is_loopback(options.host)
    if options.show_qr and phone_can_reach:
        lines += ["", qr_code_text(address).rstrip("\n")]
    elif options.show_qr:
        # A code for 127.0.0.1 would open the phone itself: there is no Unknot there.
        lines += [
            "No QR code: this address reaches this machine only. For a phone, serve with --host 0.0.0.0",
            "on a network you trust, or forward the port with ssh -L as above.",
        ]
    return "\n".join(lines)


def configure_logging(stream: TextIO) -> None:
    """One plain line per event on `stream`, with the time."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(asctime)s unknot serve: %(message)s", "%H:%M:%S"))
    for logger in (log, logging.getLogger("aiohttp.server")):  # aiohttp's, cleaned by inbound.CleanParserErrors
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


async def serve(options: ServeOptions, out: TextIO = sys.stdout) -> None:
    """Serve until SIGINT or SIGTERM; then stop every session (each saves its place) and return."""
    server = UnknotServer(options.config)
    runner = web.AppRunner(server.web_app(), handle_signals=False, shutdown_timeout=5, **server.runner_options)
    await runner.setup()
    try:
        site = GuardedSite(runner, options.host, options.config.port, ConnectionLimits(), options.tls)
        try:
            await site.start()
        except OSError as error:
            raise ServeError(
                f"cannot listen on {options.host}:{options.config.port}: {error.strerror or error}"
            ) from None
        print(banner(options), file=out, flush=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        # SIGHUP (the terminal closed) and SIGQUIT would otherwise kill the server alone and orphan its
        # sessions: each stops the server as Ctrl+C does, every session saving its place.
        stopping = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)
        for number in stopping:
            loop.add_signal_handler(number, stop.set)
        try:
            await stop.wait()
        finally:
            for number in stopping:
                loop.remove_signal_handler(number)
        count = server.pool.count
        print(f"\nStopping: {count} session{'' if count == 1 else 's'} saving their place…", file=out, flush=True)
        await server.stop_sessions(STOPPED_NOTICE)
    finally:
        await runner.cleanup()
    print("Stopped.", file=out, flush=True)
