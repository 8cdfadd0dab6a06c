"""The large members of the hostile corpus, written at test time rather than checked in."""

from __future__ import annotations

from pathlib import Path

from tests.unit.test_hostile_files import make_hostile_folder

CORPUS = Path(__file__).resolve().parent / "corpus"


def write_large(folder: Path) -> None:
    """Write the routines too big to keep in git: long instructions, many steps, a long session."""
    long_text = "\\n".join(f"line {number} of far too many" for number in range(10_000))
    (folder / "ten-thousand-lines.yaml").write_text(
        f'title: Long instructions\nsteps:\n  - {{title: Read, duration: 3s, instructions: "{long_text}"}}\n'
    )
    steps = "".join(f"  - {{title: 'Step {number}', duration: 1s}}\n" for number in range(1000))
    (folder / "thousand-steps.yaml").write_text(f"title: A thousand steps\nget_ready: 0\nrest: 0\nsteps:\n{steps}")
    (folder / "thousand-and-one-steps.yaml").write_text(
        f"title: Too many steps\nsteps:\n{steps}  - {{title: 'One more', duration: 1s}}\n"
    )


def build_corpus(folder: Path) -> Path:
    """Copy the checked-in corpus into `folder` and add the generated files; return `folder`."""
    for source in CORPUS.glob("*.yaml"):
        (folder / source.name).write_bytes(source.read_bytes())
    write_large(folder)
    make_hostile_folder(folder)
    return folder
