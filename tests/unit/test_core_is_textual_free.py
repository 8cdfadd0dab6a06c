"""The core never imports Textual: it must run and be tested without a terminal."""

import subprocess
import sys
from pathlib import Path

import unknot.core

CORE = Path(unknot.core.__file__).parent


def core_modules() -> list[str]:
    """Every module of unknot.core, in subfolders too."""
    modules = []
    for path in sorted(CORE.rglob("*.py")):
        parts = path.relative_to(CORE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules.append(".".join(("unknot", "core", *parts)))
    return modules


def test_the_walk_reaches_the_subfolders() -> None:
    modules = core_modules()
    assert "unknot.core.session.player" in modules and "unknot.core.history.store" in modules
    assert len(modules) > 25


def test_no_core_module_imports_textual_or_rich() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in core_modules())
        + ("bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]\nprint(','.join(bad))")
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
