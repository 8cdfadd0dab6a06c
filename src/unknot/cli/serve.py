"""`unknot serve`: the app in a browser, one app process per session, until Ctrl+C."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.routines.text import shown_path
from ..serving.access import TokenFileError, new_token, token_from_file
from ..serving.run import ServeError, ServeOptions, configure_logging, serve
from ..serving.server import ReportUnavailable, ServeConfig
from . import UsageError

if TYPE_CHECKING:
    import ssl


def served_report(data_folder: Path | None) -> str:
    """Return the report for a physiotherapist over the last 12 weeks, as `unknot report` writes it."""
    import datetime as dt

    from ..core.history.store import HistoryStore
    from ..core.paths import data_dir
    from ..core.physio_report import build_physio_report, physio_html
    from .report import report_period

    store = HistoryStore(data_dir(data_folder))
    try:
        sessions = store.recent_sessions(limit=None)
        problem = store.problem
    finally:
        store.close()
    if problem:
        raise ReportUnavailable(problem)
    first, last = report_period(None, None, dt.date.today())
    return physio_html(build_physio_report(sessions, first, last, ()))


def tls_context(args: argparse.Namespace) -> ssl.SSLContext | None:
    """Return the TLS context of --tls-cert and --tls-key (both or neither), or None for plain HTTP."""
    cert, key = getattr(args, "tls_cert", None), getattr(args, "tls_key", None)
    if cert is None and key is None:
        return None
    if cert is None or key is None:
        raise UsageError("--tls-cert and --tls-key go together: the certificate and its private key")
    import ssl

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(cert, key)
    except (OSError, ssl.SSLError) as error:
        raise UsageError(f"cannot use {shown_path(cert)} and {shown_path(key)} for TLS: {error}") from None
    return context


def command_serve(args: argparse.Namespace) -> int:
    """Serve the app to browsers until Ctrl+C (`unknot serve`)."""
    try:
        token = token_from_file(args.token_file) if args.token_file else new_token()
    except TokenFileError as error:
        raise UsageError(str(error)) from None
    argv = [sys.executable, "-m", "unknot"]
    for folder in args.routines:
        argv += ["--routines", str(folder.resolve())]
    if getattr(args, "data_dir", None) is not None:
        argv += ["--data-dir", str(args.data_dir.resolve())]
    if getattr(args, "floor", False):
        argv.append("--floor")
    config = ServeConfig(
        token=token,
        argv=argv,
        port=args.port,
        public_url=args.public_url,
        max_sessions=args.max_sessions,
        report=lambda: served_report(args.data_dir),
    )
    configure_logging(sys.stderr)
    options = ServeOptions(config=config, host=args.host, show_qr=not args.no_qr, tls=tls_context(args))
    try:
        asyncio.run(serve(options))
    except ServeError as error:
        raise UsageError(str(error)) from None
    return 0
