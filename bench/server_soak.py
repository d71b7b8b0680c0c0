"""Server memory over a long run: RSS of ``msglint serve`` (and its check worker).

Sends N checks, each with words never seen before (spaCy's string store keeps
every new string), to a server on a private socket, loopback only, one
request at a time, and prints the resident memory every ``--every`` requests:

    python bench/server_soak.py --requests 3000 --every 250

Run it with ``--recycle-requests 1000000`` to see the growth without recycling.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from msglint.client import check_remote  # noqa: E402
from msglint.server_worker import resident_bytes  # noqa: E402


def tree_rss(pid: int) -> int:
    """The server's resident memory plus its children's (the check worker)."""
    total = resident_bytes(pid)
    children = Path(f"/proc/{pid}/task/{pid}/children")
    for child in children.read_text().split() if children.exists() else []:
        total += resident_bytes(int(child))
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--every", type=int, default=250)
    parser.add_argument("--recycle-requests", type=int, default=1000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="msglint-soak-"))
    path = str(folder / "s.sock")
    server = subprocess.Popen(
        [sys.executable, "-m", "msglint", "serve", "--socket", path, "--quiet",
         "--recycle-requests", str(args.recycle_requests)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    try:
        while not os.path.exists(path):
            time.sleep(0.2)
        time.sleep(1)
        request = {"paths": ["-"], "kind": "email", "fmt": "json", "cwd": str(folder)}
        started = time.monotonic()
        print(f"requests  server+worker RSS (MB)   (recycle after {args.recycle_requests})")
        for n in range(1, args.requests + 1):
            words = " ".join(f"zq{n}x{k}word" for k in range(20))
            draft = f"Subject: Soak {n}\n\nHi Anna,\n\nCould you check {words} by Friday?\n\nBob\n"
            _, status, _ = check_remote(path, request, draft.encode())
            assert status in (0, 1), status
            if n == 1 or n % args.every == 0:
                print(f"{n:8d}  {tree_rss(server.pid) / 1e6:10.1f}", flush=True)
        elapsed = time.monotonic() - started
        print(f"{args.requests} requests in {elapsed:.0f} s")
    finally:
        server.terminate()
        server.wait(30)


if __name__ == "__main__":
    main()
