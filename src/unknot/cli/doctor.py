"""`unknot doctor`: the findings of `core.doctor` as plain lines with a mark each, or as JSON."""

from __future__ import annotations

import argparse
import json

from .. import __version__
from ..core.doctor import Finding, Mark, Surroundings, examine, exit_status

MARK_WIDTH = max(len(mark.value) for mark in Mark)


def command_doctor(args: argparse.Namespace) -> int:
    """Print what may stop notifications, sound or history working here; exit 1 when something is a problem."""
    around = Surroundings(
        extra_routine_folders=args.routines,
        data_dir=args.data_dir,
        notify_flag=getattr(args, "notify", None),  # given before the command: `unknot --notify osc9 doctor`
        voice_flag=getattr(args, "voice", None),
    )
    findings = examine(around)
    if args.json:
        report = {"unknot": __version__, "status": exit_status(findings), "findings": [f.as_json() for f in findings]}
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        for line in finding_lines(findings):
            print(line)
    return exit_status(findings)


def finding_lines(findings: list[Finding]) -> list[str]:
    """Each finding as a line (`ok       history  healthy: …`), its hint and link indented under it."""
    width = max(len(finding.area) for finding in findings)
    lines = []
    for finding in findings:
        lines.append(f"{finding.mark.value:<{MARK_WIDTH}}  {finding.area:<{width}}  {finding.text}")
        indent = " " * (MARK_WIDTH + width + 4)
        if finding.hint and finding.mark is not Mark.OK:
            lines.append(f"{indent}→ {finding.hint}")
        if finding.link and finding.mark is not Mark.OK:
            lines.append(f"{indent}  see {finding.link}")
    problems = sum(finding.mark is Mark.PROBLEM for finding in findings)
    warnings = sum(finding.mark is Mark.WARNING for finding in findings)
    lines.append(f"{problems} problem(s), {warnings} warning(s)")
    return lines
