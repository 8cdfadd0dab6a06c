"""`unknot serve`: the app in a browser, one app process per session, until Ctrl+C."""

from __future__ import annotations

import argparse
import asyncio
import sys

from ..serving.access import TokenFileError, new_token, token_from_file
from ..serving.run import ServeError, ServeOptions, configure_logging, serve
from ..serving.server import ServeConfig
from . import UsageError


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
        token=token, argv=argv, port=args.port, public_url=args.public_url, max_sessions=args.max_sessions
    )
    configure_logging(sys.stderr)
    try:
        asyncio.run(serve(ServeOptions(config=config, host=args.host, show_qr=not args.no_qr)))
    except ServeError as error:
        raise UsageError(str(error)) from None
    return 0
