"""Time of a native-host check: the first (pays the spaCy load) and later ones.

Starts ``msglint native-host`` as a browser does and sends framed requests:
``python bench/native_host_speed.py [N]``.
"""

from __future__ import annotations

import json
import os
import statistics
import struct
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = [
    {"subject": "Quick question", "body": "URGENT!!! can you send the figures ASAP??"},
    {
        "subject": "Question rapide",
        "body": "Bonjour,\n\nPouvez-vous m'envoyer les chiffres au plus vite ? Merci !",
    },
]


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    host = subprocess.Popen(
        [sys.executable, "-m", "msglint", "native-host"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
    )
    assert host.stdin is not None and host.stdout is not None

    def ask(request: dict) -> float:
        data = json.dumps(request).encode()
        began = time.perf_counter()
        host.stdin.write(struct.pack("=I", len(data)) + data)
        host.stdin.flush()
        (size,) = struct.unpack("=I", host.stdout.read(4))
        reply = json.loads(host.stdout.read(size))
        assert "score" in reply or "pong" in reply, reply
        return time.perf_counter() - began

    ask({"ping": True})
    print(f"host started, first ping answered:  {time.perf_counter() - started:.2f} s")
    print(f"first check (loads English):        {ask(DRAFTS[0]):.2f} s")
    print(f"first French check (loads French): {ask(DRAFTS[1]):.2f} s")
    later = [ask(DRAFTS[i % 2]) for i in range(rounds)]
    print(
        f"later checks ({rounds}): median {statistics.median(later) * 1000:.0f} ms, "
        f"max {max(later) * 1000:.0f} ms"
    )
    host.stdin.close()
    host.wait()


if __name__ == "__main__":
    main()
