"""CI: pip-audit over the pins of constraints.txt; fails on a known vulnerability, and when it could not check.

Exit 0: every pinned package was looked up and none has a known vulnerability (a package the service does not know,
such as one not on PyPI, is listed and the run says the audit is incomplete; AUDIT_STRICT=1 fails on that too).
Exit 1: a vulnerability was found; or the vulnerability service could not be reached (nothing was checked) — unless
AUDIT_SKIP_UNREACHABLE=1 says to skip in that case, which is printed as a loud SKIPPED banner, never silently.
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


def _flag(name: str) -> bool:
    return os.environ.get(name, "") not in ("", "0")


def unchecked(why: str) -> int:
    """Nothing was audited: exit 1, or — when AUDIT_SKIP_UNREACHABLE=1 — exit 0 under a banner no log reader misses."""
    if _flag("AUDIT_SKIP_UNREACHABLE"):
        bar = "!" * 78
        print(f"{bar}\npip-audit: SKIPPED — {why}\nThe dependencies were NOT audited (AUDIT_SKIP_UNREACHABLE=1). "
              f"Run `make audit` where the vulnerability service can be reached.\n{bar}")
        return 0
    print(f"pip-audit: FAILED — {why}\nThe dependencies were not audited. Set AUDIT_SKIP_UNREACHABLE=1 to skip "
          "when the service cannot be reached.")
    return 1


def main() -> int:
    strict = _flag("AUDIT_STRICT")
    try:
        run = subprocess.run(COMMAND, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return unchecked(f"pip-audit could not run ({exc})")
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        last = (run.stderr.strip().splitlines() or ["no output"])[-1]
        return unchecked(f"the vulnerability service could not be reached ({last[:300]})")

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
        return unchecked(f"none of the {len(deps)} pinned packages could be looked up")
    if skipped:
        print(f"pip-audit: INCOMPLETE — no known vulnerability in the {audited} of {len(deps)} packages audited.")
    else:
        print(f"pip-audit: OK — no known vulnerability in the {len(deps)} pinned packages.")
    return 1 if strict and skipped else 0


if __name__ == "__main__":
    sys.exit(main())
