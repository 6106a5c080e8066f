"""What the benchmark commands share: the machine's description and RESULTS.md."""

import os
import platform
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")


def machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    except (OSError, AttributeError):
        pass
    system = f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    return f"{os.cpu_count()} cores ({cpu}){memory}, {system}"


def git_revision():
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def verdict(ok):
    return "pass" if ok else "FAIL"


class Figures:
    """Each figure printed with its target and pass/fail as it comes, and kept for RESULTS.md."""

    def __init__(self, name_width, value_width, target_width):
        self.widths = (name_width, value_width, target_width)
        self.lines = ["| Figure | Measured | Target | |", "|---|---|---|---|"]
        self.failures = 0

    def row(self, name, value, target, ok):
        self.failures += not ok
        name_width, value_width, target_width = self.widths
        print(f"{name:<{name_width}} {value:>{value_width}}   target {target:<{target_width}} {verdict(ok)}")
        self.lines.append(f"| {name} | {value} | {target} | {verdict(ok)} |")

    def finish(self, section, notes):
        """Write this command's section of RESULTS.md with `notes` under the table; the exit status."""
        write_section(section, [*self.lines, "", *notes])
        print(f"\n{self.failures} target(s) missed; results in bench/RESULTS.md")
        return 1 if self.failures else 0


def write_section(name, lines):
    """Replace this command's section of RESULTS.md, keeping the other's."""
    header = f"## {name}"
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = [header, "", f"Run {stamp} at {git_revision()} on {machine()}.", "", *lines, ""]
    sections = {}
    if RESULTS.exists():
        current = None
        for line in RESULTS.read_text(encoding="utf-8").splitlines():
            if line.startswith("## "):
                current = line
                sections[current] = []
            elif current:
                sections[current].append(line)
    text = [
        "# Benchmark results",
        "",
        "Written by `bench/service` and `bench/extension`; each figure beside a",
        "baseline measured in the same run. Re-run them to refresh this page.",
        "",
    ]
    sections[header] = body[1:]
    for key in sorted(sections, key=lambda k: (k != "## Service", k)):
        text += [key, *sections[key]]
        if text[-1] != "":
            text.append("")
    RESULTS.write_text("\n".join(text).rstrip() + "\n", encoding="utf-8")
