"""``sharehub edit``: the local backend and a live preview of the hub, together.

The backend (:mod:`sharehub.admin.backend`) answers on 127.0.0.1; the hub
is served by ``mkdocs serve`` with its /admin/ page configured to use that
backend. Both stop when the command ends (Ctrl-C or SIGTERM).
"""

from __future__ import annotations

import ipaddress
import os
import signal
from pathlib import Path

from sharehub.admin.backend import start_backend
from sharehub.admin.page import LOCAL_BACKEND_ENV
from sharehub.config import load_hub
from sharehub.errors import SharehubError


def loopback_address(dev_addr: str) -> tuple[str, int]:
    """``host:port`` of the preview, which must stay on this machine."""
    host, _, port = dev_addr.rpartition(":")
    try:
        number = int(port)
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        raise SharehubError(f"--dev-addr {dev_addr!r} is not IP:PORT such as 127.0.0.1:8000") from None
    if not loopback or not 0 < number < 65536:
        raise SharehubError(f"--dev-addr {dev_addr!r}: the editor writes files, so it only "
                            f"listens on this machine (127.0.0.1)")
    return host, number


def run_editor(config_file: str | Path = "mkdocs.yml", *, dev_addr: str = "127.0.0.1:8000",
               backend_port: int = 8081, as_of: str | None = None, announce=print) -> None:
    """Serve the hub with its editor on the local working tree until interrupted."""
    from sharehub.site.build import serve_site

    host, port = loopback_address(dev_addr)
    hub = load_hub(config_file)
    origins = [f"http://{name}:{port}" for name in ("127.0.0.1", "localhost", host)]
    try:
        backend = start_backend(hub, port=backend_port, allowed_origins=origins)
    except OSError as exc:
        raise SharehubError(f"cannot listen on 127.0.0.1:{backend_port} for the editor's "
                            f"backend ({exc.strerror}); pick another with --backend-port") from None
    url = f"http://127.0.0.1:{backend.server_address[1]}/api/v1"
    previous_env = os.environ.get(LOCAL_BACKEND_ENV)
    os.environ[LOCAL_BACKEND_ENV] = url
    previous_term = signal.signal(signal.SIGTERM, _interrupt)
    announce(f"Editor: http://{host}:{port}/admin/ (local backend {url}; "
             f"new items go to {hub.suggestions_dir.name}/, edits to the working tree)")
    try:
        serve_site(config_file, dev_addr=dev_addr, as_of=as_of)
    finally:
        signal.signal(signal.SIGTERM, previous_term)
        backend.shutdown()
        backend.server_close()
        if previous_env is None:
            os.environ.pop(LOCAL_BACKEND_ENV, None)
        else:
            os.environ[LOCAL_BACKEND_ENV] = previous_env


def _interrupt(signum, frame):
    raise KeyboardInterrupt
