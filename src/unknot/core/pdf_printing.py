"""Printing the report to PDF with a browser the person already has (headless Chromium or Chrome).

No PDF library is bundled: a Chromium-family browser prints the same HTML, print CSS and all. When
none is found, or printing fails, `PdfUnavailable` says why in words: never a silent failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .routines.text import clean_text, shown_path

#: The browsers looked for, in this order (UNKNOT_BROWSER names one explicitly).
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PRINT_TIMEOUT_SECONDS = 60


class PdfUnavailable(Exception):
    """No PDF could be made; the message says why (and what to do instead)."""


def find_browser(environ: dict[str, str] | None = None) -> str | None:
    """Return the path of a Chromium-family browser (UNKNOT_BROWSER first), or None."""
    environ = dict(os.environ) if environ is None else environ
    explicit = environ.get("UNKNOT_BROWSER", "").strip()
    if explicit:
        return shutil.which(explicit) or (explicit if Path(explicit).is_file() else None)
    for name in BROWSER_NAMES:
        if found := shutil.which(name):
            return found
    return None


def print_pdf(html_file: Path, pdf_file: Path, browser: str | None = None) -> None:
    """Print `html_file` to `pdf_file` with headless Chromium; raise PdfUnavailable saying why it could not."""
    browser = browser or find_browser()
    if browser is None:
        raise PdfUnavailable(
            "no Chromium or Chrome was found (looked for " + ", ".join(BROWSER_NAMES) + "; UNKNOT_BROWSER names "
            "another); open the HTML report in a browser and print it to PDF there"
        )
    with tempfile.TemporaryDirectory(prefix="unknot-pdf-") as profile:
        command = [
            browser,
            "--headless",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            "--disable-background-networking",
            "--no-pdf-header-footer",
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf_file.resolve()}",
            html_file.resolve().as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        try:
            finished = subprocess.run(
                command, capture_output=True, timeout=PRINT_TIMEOUT_SECONDS, check=False, stdin=subprocess.DEVNULL
            )
        except subprocess.TimeoutExpired:
            raise PdfUnavailable(
                f"{shown_path(browser)} did not finish printing in {PRINT_TIMEOUT_SECONDS} s"
            ) from None
        except OSError as error:
            raise PdfUnavailable(f"{shown_path(browser)} could not be started ({clean_text(str(error))})") from None
    if finished.returncode != 0 or not pdf_file.is_file() or pdf_file.stat().st_size == 0:
        lines = finished.stderr.decode("utf-8", "replace").strip().splitlines()
        said = clean_text(lines[-1][:200]) if lines else ""
        raise PdfUnavailable(
            f"{shown_path(browser)} did not print the PDF (exit {finished.returncode}{': ' + said if said else ''})"
        )
