"""Build hook: make the manual page from the command table and ship it as share/man/man1/unknot.1.

Hatchling runs this for the wheel (from the checkout or from the sdist, which carries this file and
src/), so the page always matches the commands built; argparse-manpage is a build requirement only.
The command table imports nothing outside the standard library, so `src/` is importable here.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class ManualPageHook(BuildHookInterface):  # type: ignore[misc]
    """Writes unknot.1 into a temporary folder and adds it to the wheel's shared data."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Make the page before the wheel is assembled."""
        source = str(Path(self.root) / "src")
        sys.path.insert(0, source)
        try:
            from unknot.cli.manual import manual_page

            page = manual_page()
        finally:
            sys.path.remove(source)
        self._folder = tempfile.TemporaryDirectory(prefix="unknot-man-")
        written = Path(self._folder.name) / "unknot.1"
        written.write_text(page, encoding="utf-8")
        build_data["shared_data"][str(written)] = "share/man/man1/unknot.1"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """Remove the temporary folder once the wheel is written."""
        folder = getattr(self, "_folder", None)
        if folder is not None:
            folder.cleanup()
