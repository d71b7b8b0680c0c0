"""One message at a time, each under a deadline: no message can hang or sink a batch.

``time_budget_seconds`` bounds the whole check of one message (its analysis
and its rules): a watchdog timer interrupts the work when the budget is
spent, the message becomes one error line naming the limit, and the next
message is checked. Any other exception while checking one message becomes
an error entry naming that message (``file.mbox#3``) as an internal error:
the rest of the batch completes and the run ends with status 2, so an
internal error is never silent.

The watchdog is ``SIGALRM`` (POSIX, main thread): it interrupts Python code
and the regular-expression engine alike. Where it cannot run (another
thread, Windows) the rules' own between-rule check still applies.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from msglint.errors import MsglintError

if TYPE_CHECKING:
    from msglint.config import Config
    from msglint.engine import Result
    from msglint.message import Message

_DEFAULT_BUDGET = 60.0


class TimeBudgetExceeded(BaseException):
    """Raised inside the work when its deadline passes.

    A ``BaseException``, as ``KeyboardInterrupt`` is: the ``except Exception``
    that keeps one broken rule from sinking the others must not swallow it.
    """


# Told when a message's budget starts (path, budget) and ends (None, 0): the
# server's worker publishes it so the server can stop a check stuck where the
# signal cannot reach (inside compiled code that never returns to Python).
_monitor: Callable[[str | None, float], None] | None = None


def set_monitor(monitor: Callable[[str | None, float], None] | None) -> None:
    global _monitor
    _monitor = monitor


_TIMER_CAP = 86_400.0  # seconds: the longest single timer tick
_pending: list[tuple[float, TimeBudgetExceeded]] = []  # (deadline, what to raise), nested


def _arm() -> None:
    if not _pending:
        signal.setitimer(signal.ITIMER_REAL, 0)
        return
    remaining = min(at for at, _ in _pending) - time.monotonic()
    # A budget of 1e300 s is "no limit" in practice, but beyond what the timer
    # takes: tick at the cap, and an early tick re-arms (see _expired).
    signal.setitimer(signal.ITIMER_REAL, min(max(remaining, 0.001), _TIMER_CAP))


def _expired(*_: object) -> None:
    now = time.monotonic()
    due = [(at, exc) for at, exc in _pending if at <= now + 0.001]
    if not due:
        _arm()  # an early tick: wait for the nearest deadline
        return
    raise min(due, key=lambda item: item[0])[1]


def watchdog_available() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def deadline(seconds: float | None, what: str = "") -> Iterator[TimeBudgetExceeded]:
    """Interrupt the block with :class:`TimeBudgetExceeded` after ``seconds``.

    Deadlines nest (the sendmail wrapper's overall timeout around each
    message's budget): the nearest one fires first. Outside the main thread
    this does nothing. Yields the exception it would raise, so that a caller
    catching it can tell its own deadline from an outer one.
    """
    if not seconds or not seconds > 0 or not watchdog_available():  # NaN: no deadline
        yield TimeBudgetExceeded(what)
        return
    entry = (time.monotonic() + seconds, TimeBudgetExceeded(what))
    previous = signal.getsignal(signal.SIGALRM) if not _pending else None
    if not _pending:
        signal.signal(signal.SIGALRM, _expired)
    _pending.append(entry)
    try:
        _arm()
        yield entry[1]
    finally:
        _pending.remove(entry)
        _arm()
        if not _pending and previous is not None:
            signal.signal(signal.SIGALRM, previous)


_warmed: set[str] = set()


def warm(language: str) -> None:
    """Load a language's pipeline and lazy tables once, outside any deadline.

    Loading takes seconds and must not count against the first message's
    budget; nor may it be interrupted (a half-imported module stays broken).
    """
    if language in _warmed:
        return
    from msglint.analysis import analyze_many
    from msglint.config import load_config
    from msglint.engine import check
    from msglint.inputs import Source, parse
    from msglint.lang import available_languages, get_pack

    if language in available_languages():
        sample = get_pack(language).settings.get("warm_up", "Warm-up").encode("utf-8")
        message = parse(sample, Source(f"warm-{language}.txt", "text"), None)
        for analysis in analyze_many([message], [language], None):
            check(analysis, load_config(None, None))
    _warmed.add(language)


def budget_of(config: Config) -> float:
    return float(config.limits.get("time_budget_seconds", _DEFAULT_BUDGET))


def budget_error(path: str, budget: float) -> MsglintError:
    return MsglintError(
        path, f"took longer than limits.time_budget_seconds ({budget:g}); abandoned"
    )


def internal_error(path: str, error: BaseException) -> MsglintError:
    """An unexpected exception, shown as such (status 2), naming the message."""
    return MsglintError(path, f"internal error: {error.__class__.__name__}: {error}")


def check_one(
    message: Message, config: Config, lang: str | None, now: datetime | None
) -> Result | MsglintError:
    """Analyse and check one message within its budget; never raises for it."""
    from msglint.analysis import analyze_many, choose_language
    from msglint.engine import check

    budget = budget_of(config)
    mine: TimeBudgetExceeded | None = None  # an outer deadline may fire before ours is set
    try:
        language = choose_language(message, lang)
        warm(language)
        if _monitor is not None:
            _monitor(message.path, budget)
        with deadline(budget, message.path) as mine:
            (analysis,) = analyze_many([message], [language], now)
            return check(analysis, config)
    except TimeBudgetExceeded as exceeded:
        if exceeded is not mine:
            raise  # an outer deadline (the sendmail wrapper's): not this message's doing
        return budget_error(message.path, budget)
    except MsglintError as error:
        return error
    except Exception as error:  # one bad message never takes the batch down
        return internal_error(message.path, error)
    finally:
        if _monitor is not None:
            _monitor(None, 0.0)


def check_each(
    loaded: Sequence[tuple[Message, Config]],
    langs: Sequence[str | None],
    now: datetime | None,
    after: Any = None,
) -> list[Result | MsglintError]:
    """:func:`check_one` for each message, in order; ``after(result)`` runs on each result."""
    outcomes: list[Result | MsglintError] = []
    for (message, config), lang in zip(loaded, langs):
        outcome = check_one(message, config, lang, now)
        if after is not None and not isinstance(outcome, MsglintError):
            try:
                after(outcome)
            except Exception as error:
                outcome = internal_error(message.path, error)
        outcomes.append(outcome)
    return outcomes
