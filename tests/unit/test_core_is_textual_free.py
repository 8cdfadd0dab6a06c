"""The core never imports Textual: it must run and be tested without a terminal."""

import subprocess
import sys
from pathlib import Path

import unknot.core

CORE = Path(unknot.core.__file__).parent


def test_no_core_module_imports_textual_or_rich() -> None:
    modules = sorted(f"unknot.core.{path.stem}" for path in CORE.glob("*.py") if path.stem != "__init__")
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in modules)
        + ("bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]\nprint(','.join(bad))")
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
