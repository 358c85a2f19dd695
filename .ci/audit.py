"""CI: pip-audit over the pins of constraints.txt; fails on a known vulnerability, says what it could not check.

Exit 0: no known vulnerability among the packages audited (a package the vulnerability service could not look up is
listed, and the run says the audit is incomplete; set AUDIT_STRICT=1 to fail on that too). Exit 1: a vulnerability
was found, or (AUDIT_STRICT=1) the audit was incomplete. A service that cannot be reached never fails the run
unless AUDIT_STRICT=1, because that is a network problem, not a finding.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CONSTRAINTS = Path(__file__).resolve().parent.parent / "constraints.txt"
COMMAND = [
    sys.executable, "-m", "pip_audit",
    "--requirement", str(CONSTRAINTS),
    "--no-deps", "--disable-pip",  # audit exactly the pinned versions; install nothing
    "--format", "json", "--progress-spinner", "off",
]


def main() -> int:
    strict = os.environ.get("AUDIT_STRICT", "") not in ("", "0")
    try:
        run = subprocess.run(COMMAND, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        print(f"pip-audit: NOT RUN ({exc}); the dependencies were not audited.")
        return 1 if strict else 0
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        last = (run.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"pip-audit: NOT DONE — the vulnerability service could not be reached ({last}).")
        return 1 if strict else 0

    deps = report.get("dependencies", [])
    vulnerable = [d for d in deps if d.get("vulns")]
    skipped = [d for d in deps if d.get("skip_reason")]
    audited = len(deps) - len(skipped)
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            print(f"VULNERABLE {dep['name']} {dep['version']}: {vuln['id']} (fixed in: {fixes})")
    if skipped:
        reasons = sorted({d["skip_reason"].split(":")[0] for d in skipped})
        print(f"pip-audit: {len(skipped)} of {len(deps)} pinned packages not looked up ({'; '.join(reasons)}):")
        print("  " + ", ".join(f"{d['name']}" for d in skipped))
    if vulnerable:
        print(f"pip-audit: FAILED — {len(vulnerable)} pinned package(s) with known vulnerabilities (see above).")
        return 1
    if not audited:
        print(f"pip-audit: NOT DONE — none of the {len(deps)} pinned packages could be audited; nothing was checked.")
    elif skipped:
        print(f"pip-audit: INCOMPLETE — no known vulnerability in the {audited} of {len(deps)} packages audited.")
    else:
        print(f"pip-audit: OK — no known vulnerability in the {len(deps)} pinned packages.")
    return 1 if strict and skipped else 0


if __name__ == "__main__":
    sys.exit(main())
