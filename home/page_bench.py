"""The arithmetic and process reading of `manage.py bench_pages`, kept apart from the serving.

A round measures every (server, page) pair once, one after another; the figures of a pair are
the medians over the rounds, and a ratio is the median of its per-round ratios, so a slow
moment of the machine falls on both sides of a ratio rather than on one.
"""

import os
import statistics
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")


@dataclass(frozen=True)
class Sample:
    """One page measured once: requests answered, their wall time and the workers' CPU time."""

    requests: int
    seconds: float
    cpu_seconds: float

    @property
    def per_second(self):
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def cpu_ms(self):
        return self.cpu_seconds * 1000 / self.requests if self.requests else 0.0


def cpu_seconds_from_stat(line):
    """User plus system CPU seconds from a /proc/<pid>/stat line. The process's name, in
    brackets, may hold spaces, so fields are counted after its closing bracket."""
    fields = line.rsplit(")", 1)[1].split()
    # fields[0] is field 3 of proc(5) (state): utime is field 14, stime field 15.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_seconds_from_schedstat(line):
    """CPU seconds from /proc/<pid>/schedstat: its first number is nanoseconds on a CPU, to the
    nanosecond rather than the 10 ms ticks of stat."""
    return int(line.split()[0]) / 1e9


def parent_of(stat_line):
    return int(stat_line.rsplit(")", 1)[1].split()[1])


def children_of(master_pid, proc=PROC):
    """The worker processes of a gunicorn master: the processes whose parent it is."""
    children = []
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if parent_of((entry / "stat").read_text()) == master_pid:
                children.append(int(entry.name))
        except (OSError, IndexError, ValueError):  # gone between listing and reading
            continue
    return sorted(children)


def process_cpu_seconds(pid, proc=PROC):
    """The CPU seconds of a process and all its threads so far."""
    try:
        return cpu_seconds_from_schedstat((proc / str(pid) / "schedstat").read_text())
    except OSError:
        return cpu_seconds_from_stat((proc / str(pid) / "stat").read_text())


def workers_cpu(master_pid, proc=PROC):
    """{worker pid: CPU seconds} for every worker of a gunicorn master."""
    readings = {}
    for pid in children_of(master_pid, proc):
        try:
            readings[pid] = process_cpu_seconds(pid, proc)
        except (OSError, IndexError, ValueError):
            continue
    return readings


def cpu_used(before, after):
    """CPU seconds spent between two workers_cpu() readings. A worker that started in between
    counts from zero; one that ended is lost, which is why the bench turns off recycling."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def median_ratio(pairs):
    """The median of per-round ratios a / b; None if there are none to take."""
    ratios = [a / b for a, b in pairs if b]
    return statistics.median(ratios) if ratios else None


def summarise(rounds, page, server, baseline_page=None, baseline_server=None):
    """Median req/s and CPU ms per request of (server, page) over rounds, and its ratios to a
    baseline (another page on the same server, or the same page on another server): throughput
    as baseline's share, CPU as this over baseline. rounds is a list of {(server, page): Sample}.
    """
    own = [r[(server, page)] for r in rounds if (server, page) in r]
    result = {
        "per_second": statistics.median(s.per_second for s in own) if own else 0.0,
        "cpu_ms": statistics.median(s.cpu_ms for s in own) if own else 0.0,
    }
    if baseline_page or baseline_server:
        key = (baseline_server or server, baseline_page or page)
        paired = [(r[(server, page)], r[key]) for r in rounds if (server, page) in r and key in r]
        result["rate_ratio"] = median_ratio((a.per_second, b.per_second) for a, b in paired)
        result["cpu_ratio"] = median_ratio((a.cpu_ms, b.cpu_ms) for a, b in paired)
    return result


def ratio_text(value):
    return "—" if value is None else f"{value:.2f}×"


def table(rounds, pages, servers, bare="bare Django view"):
    """The report: one line per page and server, its rate and CPU, against the bare view on
    the same server and (with a second server) against the first server's same page."""
    first = servers[0]
    heading = (
        f"{'page':<28}{'server':<14}{'req/s':>8}{'CPU ms':>9}{'rate/bare':>11}{'CPU/bare':>10}"
    )
    if len(servers) > 1:
        heading += f"{'CPU/' + first:>16}{'rate/' + first:>16}"
    lines = [heading]
    for page in pages:
        for server in servers:
            figures = summarise(rounds, page, server, baseline_page=bare)
            line = (
                f"{page:<28}{server:<14}{figures['per_second']:>8.1f}{figures['cpu_ms']:>9.2f}"
                f"{ratio_text(figures['rate_ratio']):>11}{ratio_text(figures['cpu_ratio']):>10}"
            )
            if len(servers) > 1:
                against = summarise(rounds, page, server, baseline_server=first)
                line += (
                    f"{ratio_text(against['cpu_ratio']):>16}{ratio_text(against['rate_ratio']):>16}"
                )
            lines.append(line)
    return "\n".join(lines)


def comparison(rounds, kinds, servers, other):
    """Each of our pages against the other site's page of its kind (kinds: {our page: kind}),
    paired within each round: CPU as ours over theirs, rate as ours over theirs. Pages whose
    kind the other site was not asked for are left out."""
    wide = len(other) + 9
    heading = f"{'page':<28}{'server':<14}{'CPU ms':>9}{'req/s':>8}" + "".join(
        f"{title:>{wide}}"
        for title in (f"{other} CPU ms", f"{other} req/s", f"CPU ÷ {other}", f"rate ÷ {other}")
    )
    lines = [heading]
    for page, kind in kinds.items():
        if not any((other, kind) in measured for measured in rounds):
            continue
        theirs = summarise(rounds, kind, other)
        for server in servers:
            ours = summarise(rounds, page, server, baseline_page=kind, baseline_server=other)
            lines.append(
                f"{page:<28}{server:<14}{ours['cpu_ms']:>9.2f}{ours['per_second']:>8.1f}"
                f"{theirs['cpu_ms']:>{wide}.2f}{theirs['per_second']:>{wide}.1f}"
                f"{ratio_text(ours['cpu_ratio']):>{wide}}{ratio_text(ours['rate_ratio']):>{wide}}"
            )
    return "\n".join(lines)
