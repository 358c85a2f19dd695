"""Benchmark: results with their targets, the machine they came from, and their section of docs/performance.md."""

from __future__ import annotations

import math
import os
import platform
import re
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"
PASS, FAIL, NOT_MEASURED, INFO = "PASS", "FAIL", "NOT MEASURED", "info"


@dataclass(frozen=True)
class Result:
    """One measured figure: a ratio (×) or seconds/MiB, with its target when it has one."""

    group: str
    item: str
    value: float
    unit: str = "×"
    limit: float | None = None
    strict: bool = False  # the target is "<" rather than "≤"
    detail: str = ""

    @property
    def target(self) -> str:
        if self.limit is None:
            return ""
        return f"{'<' if self.strict else '≤'} {self.limit:g}{self.unit if self.unit == '×' else ' ' + self.unit}"

    @property
    def status(self) -> str:
        if self.value is None or math.isnan(self.value):
            return NOT_MEASURED
        if self.limit is None:
            return INFO
        ok = self.value < self.limit if self.strict else self.value <= self.limit
        return PASS if ok else FAIL

    @property
    def shown(self) -> str:
        if self.value is None or math.isnan(self.value):
            return "—"
        if self.unit == "×":
            return f"{self.value:.2f}×"
        return f"{self.value:.3g} {self.unit}" if self.unit == "s" else f"{self.value:.1f} {self.unit}"


def machine(load_before: tuple[float, float, float]) -> dict[str, str]:
    """What the run ran on: CPU, cores, memory, software versions and the load average around the run."""
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor() or "unknown",
    )
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    mem = next(line.split()[1] for line in meminfo if line.startswith("MemTotal"))
    load_after = os.getloadavg()
    return {
        "date": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "memory": f"{int(mem) / 1024 / 1024:.1f} GiB",
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "Streamlit": version("streamlit"),
        "pandas": version("pandas"),
        "plotly": version("plotly"),
        "load average (1/5/15 min) at start": " / ".join(f"{x:.2f}" for x in load_before),
        "load average (1/5/15 min) at end": " / ".join(f"{x:.2f}" for x in load_after),
    }


def table(results: list[Result]) -> str:
    """The results as a Markdown table (also what `make bench` prints)."""
    lines = ["| measure | item | value | target | result | detail |", "|---|---|---|---|---|---|"]
    for r in results:
        lines.append(f"| {r.group} | {r.item} | {r.shown} | {r.target} | {r.status} | {r.detail} |")
    return "\n".join(lines)


def summary(results: list[Result]) -> str:
    """One line: how many targets passed, failed or could not be measured."""
    counts = {s: sum(r.status == s for r in results) for s in (PASS, FAIL, NOT_MEASURED)}
    return f"{counts[PASS]} passed, {counts[FAIL]} failed, {counts[NOT_MEASURED]} not measured"


def section(name: str, body: str, doc: Path = DOC) -> None:
    """Replace the `name` section of docs/performance.md (between its markers), adding it when missing."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{body.strip()}\n{end}"
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Performance\n"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(text, encoding="utf-8")


def machine_lines(info: dict[str, str]) -> str:
    return "\n".join(f"- {k}: {v}" for k, v in info.items())
