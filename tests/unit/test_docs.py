"""The format reference's complete example is a valid routine."""

import re
from pathlib import Path

from tests.conftest import REPO
from unknot.core.library.loader import load_library
from unknot.core.paths import shipped_routines_dir


def test_complete_example_in_the_format_reference_validates(tmp_path: Path) -> None:
    text = (REPO / "docs" / "routine-format.md").read_text(encoding="utf-8")
    example = re.search(r"## A complete example\n\n```yaml\n(.*?)```", text, re.DOTALL)
    assert example is not None
    (tmp_path / "example.yaml").write_text(example.group(1), encoding="utf-8")
    library = load_library([shipped_routines_dir(), tmp_path])
    assert [str(problem) for problem in library.problems] == []
    assert library.routines["morning-loosen"].total_seconds == 5 + 0 + 0 + 60 + 5 + 30 + 3 + 30


def test_the_architecture_map_names_every_core_module_and_folder() -> None:
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    core = REPO / "src" / "unknot" / "core"
    for path in sorted(core.rglob("*.py")):
        if path.name != "__init__.py":
            assert re.search(rf"\b{re.escape(path.name)}\b", text), f"docs/architecture.md does not mention {path}"
    for folder in (path for path in core.iterdir() if path.is_dir() and path.name != "__pycache__"):
        assert f"{folder.name}/" in text, folder


def test_every_hint_of_the_doctor_links_to_a_section_of_the_troubleshooting_page() -> None:
    from unknot.core.doctor import SYMPTOMS

    text = (REPO / "docs" / "troubleshooting.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    anchors = {re.sub(r"[^a-z0-9 -]", "", heading.lower()).replace(" ", "-") for heading in headings}
    assert set(SYMPTOMS) <= anchors, set(SYMPTOMS) - anchors
