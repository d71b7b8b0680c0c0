"""``--jobs N``: check many messages in N processes, with the same output as one.

Loading a pipeline costs seconds (French about 5 s), so work is split by
language first: each worker gets messages of one language and loads only
that pipeline; a language with much more text gets more workers. Within a
worker, messages are checked one by one, each within its time budget (see
``guard``); a worker that dies costs its messages an error line each, not the
run. Results come back without
their spaCy ``Doc`` and are put back in input order, so every report format
prints exactly what ``--jobs 1`` prints.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from typing import TYPE_CHECKING

from msglint.errors import MsglintError

if TYPE_CHECKING:
    from msglint.config import Config
    from msglint.engine import Result
    from msglint.message import Message


def _check_chunk(
    items: list[tuple[Message, Config]], lang: str, now: datetime | None
) -> list[Result | MsglintError]:
    """Worker: check one language's messages, each within its budget (see ``guard``)."""
    from msglint.analysis import complete_metrics
    from msglint.guard import check_each

    def finish(result: Result) -> None:
        complete_metrics(result.analysis)  # in the worker, in parallel, not in the parent later
        result.analysis.doc = None  # a Doc does not cross processes; reports never read it

    return check_each(items, [lang] * len(items), now, after=finish)


def plan_chunks(
    languages: Sequence[str], sizes: Sequence[int], jobs: int
) -> list[tuple[str, list[int]]]:
    """Split message indices into at most ``jobs`` chunks of one language each.

    Each language gets a share of the workers proportional to its text (at
    least one); its messages are then cut into that many contiguous chunks
    of about equal size.
    """
    by_lang: dict[str, list[int]] = {}
    for index, lang in enumerate(languages):
        by_lang.setdefault(lang, []).append(index)
    total = sum(sizes) or 1
    shares = {
        lang: max(1, round(jobs * sum(sizes[i] for i in idx) / total))
        for lang, idx in by_lang.items()
    }
    while sum(shares.values()) > max(jobs, len(by_lang)):
        largest = max(shares, key=lambda k: shares[k])
        shares[largest] -= 1
    chunks: list[tuple[str, list[int]]] = []
    for lang, indices in sorted(by_lang.items()):
        count = min(shares[lang], len(indices))
        chunks.extend((lang, part) for part in _split_evenly(indices, sizes, count))
    return chunks


def _split_evenly(indices: list[int], sizes: Sequence[int], count: int) -> list[list[int]]:
    """``count`` contiguous runs of ``indices`` with about the same total size."""
    total = sum(sizes[i] for i in indices)
    parts: list[list[int]] = [[]]
    seen = 0
    for index in indices:
        if parts[-1] and len(parts) < count and seen >= total * len(parts) / count:
            parts.append([])
        parts[-1].append(index)
        seen += sizes[index]
    return parts


def check_parallel(
    loaded: Sequence[tuple[Message, Config]],
    languages: Sequence[str],
    now: datetime | None,
    jobs: int,
) -> list[Result | MsglintError]:
    """Results (or errors) for ``loaded``, in order, from up to ``jobs`` worker processes."""
    sizes = [len(message.body) + 1 for message, _ in loaded]
    chunks = plan_chunks(languages, sizes, jobs)
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    results: list[Result | MsglintError | None] = [None] * len(loaded)
    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=context) as pool:
        futures = [
            (indices, pool.submit(_check_chunk, [loaded[i] for i in indices], lang, now))
            for lang, indices in chunks
        ]
        for indices, future in futures:
            try:
                outcomes = future.result()
            except Exception as error:  # a worker died: its messages are errors, not the run
                outcomes = [
                    MsglintError(loaded[i][0].path, f"internal error: worker failed: {error!r}")
                    for i in indices
                ]
            for index, result in zip(indices, outcomes):
                results[index] = result
    return [r for r in results if r is not None]


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
