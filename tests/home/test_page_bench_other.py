"""`manage.py bench_pages --other`: another site, already running, measured in the same rounds
(home/management/commands/bench_pages.py, home/page_bench.py's comparison)."""

import os
import signal
import socket
import subprocess
import sys
import time

from django.core.management import CommandError, call_command

import pytest

from home.management.commands.bench_pages import other_site
from home.page_bench import Sample, children_of, comparison


def test_each_of_our_pages_is_set_against_the_others_page_of_its_kind_round_by_round():
    rounds = [
        {
            ("this", "lesson"): Sample(10, 1.0, 0.20),
            ("this", "lesson, signed in"): Sample(10, 2.0, 0.30),
            ("this", "theme"): Sample(10, 1.0, 0.50),
            ("other", "lesson"): Sample(10, 0.5, 0.10),
        },
        {
            ("this", "lesson"): Sample(10, 1.0, 0.30),
            ("this", "lesson, signed in"): Sample(10, 2.0, 0.30),
            ("this", "theme"): Sample(10, 1.0, 0.50),
            ("other", "lesson"): Sample(10, 1.0, 0.30),
        },
        {
            ("this", "lesson"): Sample(10, 1.0, 0.40),
            ("this", "lesson, signed in"): Sample(10, 2.0, 0.60),
            ("this", "theme"): Sample(10, 1.0, 0.50),
            ("other", "lesson"): Sample(10, 1.0, 0.10),
        },
    ]
    kinds = {"lesson": "lesson", "lesson, signed in": "lesson", "theme": "theme"}
    lines = comparison(rounds, kinds, ["this"], "other").splitlines()
    assert "CPU ÷ other" in lines[0] and "rate ÷ other" in lines[0]
    anonymous, signed_in = lines[1].split(), lines[2].split()
    # CPU per round 2×, 1×, 4× and rate 0.5, 1.0, 1.0: medians of the rounds' ratios.
    assert anonymous[:2] == ["lesson", "this"]
    assert anonymous[-2:] == ["2.00×", "1.00×"]
    # Signed in against the same anonymous page of theirs: 3×, 1×, 6×; rate 0.25, 0.5, 0.5.
    assert signed_in[-2:] == ["3.00×", "0.50×"]
    assert signed_in[-4] == "10.00"  # their CPU ms, the median of 10, 30 and 10
    assert len(lines) == 3  # no theme of theirs, so no line for ours


@pytest.fixture
def served():
    """A stand-in for a gunicorn: a master process whose one worker answers HTTP on a port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    master = subprocess.Popen(
        [
            "sh",
            "-c",
            f'"{sys.executable}" -m http.server {port} --bind 127.0.0.1 >/dev/null 2>&1 & wait',
        ]
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    yield master.pid, port
    for worker in children_of(master.pid):
        os.kill(worker, signal.SIGTERM)
    master.wait(timeout=10)


def test_the_other_sites_pages_are_asked_anonymously_and_its_workers_cpu_read(served):
    pid, port = served
    other = other_site(
        f"elsewhere=http://127.0.0.1:{port}", str(pid), ["lesson=/", "search=/?q=a=b"]
    )
    assert other.pages == [("lesson", "/", None), ("search", "/?q=a=b", None)]
    assert other.path_of("lesson, signed in") is None
    sample = other.sample("/", None, 6, 2)
    assert sample.requests == 6
    assert sample.cpu_seconds > 0  # the worker's, from /proc


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"other_pid": "1"}, "need --other NAME=URL"),
        ({"other": "http://127.0.0.1:8001"}, "--other takes NAME=URL"),
        ({"other": "x=127.0.0.1:8001"}, "--other needs a URL such as"),
        ({"other": "x=https://127.0.0.1:8001"}, "--other needs a URL such as"),
        ({"other": "x=http://example.org:80"}, "--other must be served on this machine"),
        ({"other": "x=http://127.0.0.1:8001"}, "--other needs --other-pid"),
        ({"other": "x=http://127.0.0.1:8001", "other_pid": "-3"}, "--other-pid must be"),
        (
            {"other": "this=http://127.0.0.1:8001", "other_pid": "SELF", "other_page": ["home=/"]},
            "a name of its own",
        ),
        ({"other": "x=http://127.0.0.1:8001", "other_pid": "SELF"}, "at least one --other-page"),
        (
            {"other": "x=http://127.0.0.1:8001", "other_pid": "SELF", "other_page": ["blog=/b/"]},
            "KIND one of home, lessons, lesson, network, search, theme",
        ),
        (
            {"other": "x=http://127.0.0.1:8001", "other_pid": "SELF", "other_page": ["lesson=b"]},
            "--other-page lesson: the path must start with /",
        ),
    ],
)
def test_a_mistake_in_the_other_sites_options_names_the_option_before_anything_runs(
    arguments, message, served
):
    pid, _ = served
    if arguments.get("other_pid") == "SELF":
        arguments["other_pid"] = str(pid)
    with pytest.raises(CommandError, match=message):
        call_command("bench_pages", **arguments)


def test_a_process_without_workers_is_no_other_site():
    lonely = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        with pytest.raises(CommandError, match=f"--other-pid {lonely.pid}: no running process"):
            other_site("x=http://127.0.0.1:8001", str(lonely.pid), ["home=/"])
    finally:
        lonely.kill()
        lonely.wait()
