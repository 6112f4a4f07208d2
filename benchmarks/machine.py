"""Describe the machine a benchmark runs on: CPU, cores, memory, load."""

from __future__ import annotations

import os
import platform


def machine_line() -> str:
    """Return one line naming the CPU, the cores, the memory and the load averages."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), cpu)
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            total_kb = int(next(line for line in handle if line.startswith("MemTotal")).split()[1])
        memory = f", {total_kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"machine: {cpu}, {os.cpu_count()} cores{memory}; load {load}; Python {platform.python_version()}"
