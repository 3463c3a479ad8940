"""``sharehub edit`` run as a user runs it, and small helpers for the editor's tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[2] / "tools"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


class Editor:
    """``sharehub edit`` as a user starts it, in its own process."""

    def __init__(self, root: Path):
        self.root = root
        self.port, self.backend_port = free_port(), free_port()
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(TOOLS), os.environ.get("PYTHONPATH", "")]))
        self.log = open(root.parent / "edit.log", "w+")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sharehub", "edit", "-a", f"127.0.0.1:{self.port}",
             "--backend-port", str(self.backend_port)],
            cwd=root, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{self.port}/admin/"
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(self.url + "config.yml", timeout=5) as response:
                    if b"local_backend" in response.read():
                        break
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"sharehub edit did not start: {self.output()}")
            time.sleep(0.3)

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read()

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=30)
        self.log.close()
        return code


