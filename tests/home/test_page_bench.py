"""The pure parts of `manage.py bench_pages` (home/page_bench.py); the command itself serves a
site for minutes, so it is run by hand (README, "Performance")."""

import os
import subprocess
import sys

import pytest

from home.page_bench import (
    Sample,
    children_of,
    cpu_seconds_from_schedstat,
    cpu_seconds_from_stat,
    cpu_used,
    median_ratio,
    summarise,
    table,
    workers_cpu,
)


def test_cpu_from_stat_counts_fields_after_a_name_with_spaces_and_brackets():
    ticks = os.sysconf("SC_CLK_TCK")
    line = (
        "4242 (gunicorn: worker) [x]) S 4000 4242 4242 0 -1 4194560 9 0 0 0 "
        f"{3 * ticks} {ticks} 0 0"
    )
    assert cpu_seconds_from_stat(line) == pytest.approx(4.0)


def test_cpu_from_schedstat_is_nanoseconds():
    assert cpu_seconds_from_schedstat("1500000000 20000 31\n") == pytest.approx(1.5)


def test_a_started_worker_counts_from_zero_and_others_by_difference():
    assert cpu_used({1: 2.0, 2: 1.0}, {1: 2.5, 2: 1.25, 3: 0.5}) == pytest.approx(1.25)


def test_children_and_their_cpu_are_read_from_proc():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert child.pid in children_of(os.getpid())
        assert workers_cpu(os.getpid())[child.pid] >= 0
    finally:
        child.kill()
        child.wait()


def test_ratios_are_medians_of_each_rounds_ratio():
    rounds = [
        {("a", "bare"): Sample(10, 1.0, 0.01), ("a", "page"): Sample(10, 2.0, 0.10)},
        {("a", "bare"): Sample(10, 0.5, 0.02), ("a", "page"): Sample(10, 2.5, 0.30)},
        {("a", "bare"): Sample(10, 1.0, 0.01), ("a", "page"): Sample(10, 4.0, 0.40)},
    ]
    figures = summarise(rounds, "page", "a", baseline_page="bare")
    assert figures["per_second"] == pytest.approx(4.0)
    assert figures["cpu_ms"] == pytest.approx(30.0)
    # Per round: CPU 10×, 15×, 40×; rate 0.5, 0.2, 0.25.
    assert figures["cpu_ratio"] == pytest.approx(15.0)
    assert figures["rate_ratio"] == pytest.approx(0.25)


def test_no_ratio_without_a_baseline_to_divide_by():
    assert median_ratio([(1.0, 0.0)]) is None


def test_the_table_compares_with_the_first_server_when_there_are_two():
    rounds = [
        {
            (server, page): Sample(10, 1.0, cpu)
            for server, factor in (("this", 1), ("HEAD~1", 2))
            for page, cpu in (("bare", 0.01), ("lesson", 0.2 * factor))
        }
    ]
    lines = table(rounds, ["bare", "lesson"], ["this", "HEAD~1"], bare="bare").splitlines()
    assert "CPU/this" in lines[0]
    lesson_before = next(line for line in lines if line.startswith("lesson") and "HEAD~1" in line)
    assert lesson_before.split()[-2:] == ["2.00×", "1.00×"]
    assert "40.00×" in lesson_before  # its CPU against the bare view of its own server
