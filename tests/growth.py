"""Linear growth, measured by ratios: the input doubles, the time must not quadruple.

No absolute time is asserted (the machine is shared): each size is timed in
CPU time of this process (other processes do not count)
(best of a few runs), and the time of the largest size over the smallest
must stay near the ratio of their sizes. A quadratic step fails by a wide
margin (the ratio squared), a linear one passes with room for noise.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any


def best_time(call: Callable[[], Any], repeat: int = 3) -> float:
    """The fastest of ``repeat`` measures of ``call``, in seconds per call.

    A call quicker than 20 ms is run in a loop long enough to measure, so
    timer and scheduler noise do not swamp the smallest sizes. The cyclic
    garbage collector is paused while timing: a full collection landing in
    one size's only measure once made a linear reader look 10x slower (no
    collection before: with the pipelines loaded, each costs ~0.1 s).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        start = time.process_time()
        call()
        first = time.process_time() - start
        loops = 1 if first >= 0.02 else min(1000, int(0.02 / max(first, 1e-6)) + 1)
        best = first if loops == 1 else float("inf")
        for _ in range(repeat if loops > 1 else repeat - 1):
            start = time.process_time()
            for _ in range(loops):
                call()
            best = min(best, (time.process_time() - start) / loops)
    finally:
        if paused:
            gc.enable()
    return best


def assert_linear(
    make: Callable[[int], Any],
    run: Callable[[Any], Any],
    sizes: tuple[int, ...],
    *,
    slack: float = 3.0,
    repeat: int = 3,
) -> list[float]:
    """Time ``run(make(n))`` for each n; fail if growth is clearly worse than linear.

    The allowed ratio between the largest and the smallest size is
    ``slack`` times the ratio of the sizes (24 for three doublings): a
    quadratic step would be 64, a cubic one 512.
    """
    times = []
    for n in sizes:
        data = make(n)
        times.append(max(best_time(lambda data=data: run(data), repeat), 1e-4))
    allowed = slack * sizes[-1] / sizes[0]
    ratio = times[-1] / times[0]
    assert ratio <= allowed, (
        f"time grows faster than linearly: sizes {sizes}, times "
        f"{[round(t, 4) for t in times]} (ratio {ratio:.1f}, allowed {allowed:.1f})"
    )
    return times
