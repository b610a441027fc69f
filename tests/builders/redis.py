"""Debian's redis-server, started on a free port for a test, keeping nothing on disk."""

import shutil
import socket
import subprocess
import time

import pytest


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A redis-server of the test's own, which it may stop and start again (an outage)."""

    def __init__(self, directory):
        self.port, self.dir, self.process = free_port(), directory, None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.dir)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.1).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def redis_server(directory):
    """A started RedisServer, or the test skipped where redis-server is not installed."""
    if not shutil.which("redis-server"):
        pytest.skip("needs Debian's redis-server (apt-get install redis-server)")
    return RedisServer(directory).start()
