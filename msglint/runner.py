"""One check run, from paths to report text and exit status.

Kept apart from the CLI so the server and the tests run exactly the same
code as ``msglint check``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from msglint.api import check_loaded, config_lang
from msglint.config import Config, load_config
from msglint.errors import MsglintError
from msglint.message import Message

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
_DEFAULT_MAX_BYTES = 5_000_000
_SPACY_MAX_LENGTH = 1_000_000  # spaCy's Language.max_length: no text may be longer


@dataclass
class CheckRequest:
    """Everything ``msglint check`` was asked to do."""

    paths: list[str]
    lang: str | None = None
    lang_given: bool = False
    kind: str | None = None
    now: datetime | None = None
    config_path: str | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    fail_on: str | None = None
    min_score: float | None = None
    fmt: str = "text"
    color: bool = False
    cwd: str | None = None
    stdin: bytes | None = None
    jobs: int = 1
    baseline: str | None = None
    write_baseline: str | None = None

    def to_wire(self) -> dict[str, Any]:
        """A JSON-ready form for the server (stdin travels separately)."""
        data = {k: v for k, v in self.__dict__.items() if k != "stdin"}
        data["now"] = self.now.isoformat() if self.now else None
        return data

    @classmethod
    def from_wire(cls, data: dict[str, Any], stdin: bytes | None) -> CheckRequest:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__ and k != "stdin"}
        if known.get("now"):
            known["now"] = datetime.fromisoformat(known["now"])
        return cls(**known, stdin=stdin)


def _resolve(path: str, cwd: str | None) -> str:
    return str(Path(cwd, path)) if cwd else path


def _anchor(path: str, cwd: str | None) -> Path:
    base = Path(cwd) if cwd else Path.cwd()
    if path == "-":
        return base
    candidate = base / path
    return candidate if candidate.is_dir() else candidate.parent


class _ConfigCache:
    """One Config per directory of checked files (or one for ``--config``)."""

    def __init__(
        self,
        request_config: str | None,
        select: list[str] | None,
        ignore: list[str],
        cwd: str | None = None,
    ):
        self.explicit = str(Path(cwd, request_config)) if cwd and request_config else request_config
        self.select = select
        self.ignore = ignore
        self.cwd = cwd
        self._by_dir: dict[Path, Config | MsglintError] = {}

    def for_path(self, path: str) -> Config | MsglintError:
        """The configuration for ``path``, or the error that makes it unusable.

        A broken ``--config`` stops the run (every result would be wrong); a broken
        ``msglint.toml`` found in one folder only costs the files under it.
        """
        anchor = _anchor(path, self.cwd).resolve() if not self.explicit else Path("/")
        if anchor not in self._by_dir:
            try:
                self._by_dir[anchor] = load_config(self.explicit, anchor, self.select, self.ignore)
            except MsglintError as error:
                if self.explicit:
                    raise
                self._by_dir[anchor] = error
        return self._by_dir[anchor]


def check_size(message: Message, limits: dict[str, Any]) -> None:
    """Refuse a text too long to analyse, naming the limit it hits."""
    from msglint.text import count_words

    max_chars = int(limits.get("max_chars", 1_000_000))
    if len(message.body) > max_chars:
        raise MsglintError(
            message.path,
            f"text of {len(message.body)} characters exceeds limits.max_chars ({max_chars})",
        )
    if len(message.body) > _SPACY_MAX_LENGTH:  # spaCy refuses longer texts (its error E088)
        raise MsglintError(
            message.path,
            f"text of {len(message.body)} characters exceeds the pipelines' ceiling of "
            f"{_SPACY_MAX_LENGTH} characters (limits.max_chars is set higher)",
        )
    max_words = int(limits.get("max_words", 100_000))
    words = count_words(message.body)
    if words > max_words:
        raise MsglintError(
            message.path, f"text of {words} words exceeds limits.max_words ({max_words})"
        )


def load_inputs(
    paths: list[str],
    kind: str | None,
    configs: _ConfigCache,
    stdin: bytes | None = None,
) -> tuple[list[tuple[Message, Config]], list[MsglintError]]:
    """Read every input with its configuration; unreadable ones become errors."""
    from msglint.inputs import COLLECTIONS, discover, read_bytes

    loaded: list[tuple[Message, Config]] = []
    errors: list[MsglintError] = []
    for item in discover(paths, configs.cwd):
        if isinstance(item, MsglintError):
            errors.append(item)
            continue
        config = configs.for_path(item.path if item.path == "-" else item.file or item.path)
        if isinstance(config, MsglintError):
            if config not in errors:  # one line per broken config, not one per file
                errors.append(config)
            continue
        try:
            limit_key = "max_archive_bytes" if item.format in COLLECTIONS else "max_bytes"
            max_bytes = int(config.limits.get(limit_key, _DEFAULT_MAX_BYTES))
            data = read_bytes(item, max_bytes, stdin, limit_key)
            messages = _parse_within_budget(data, item, kind, config)
            for message in messages:
                if isinstance(message, MsglintError):
                    errors.append(message)
                    continue
                try:
                    check_size(message, config.limits)
                except MsglintError as error:
                    errors.append(error)
                    continue
                loaded.append((message, config))
        except MsglintError as error:
            errors.append(error)
    return loaded, errors


def _parse_within_budget(data: bytes, item: Any, kind: str | None, config: Config) -> list[Any]:
    """The messages of one input; a single draft's parsing counts against its budget.

    Mailboxes and chat exports hold many messages: their readers are linear
    and bounded by ``max_archive_bytes``, each message then gets its own budget.
    """
    from msglint.guard import TimeBudgetExceeded, budget_error, budget_of, deadline, internal_error
    from msglint.inputs import COLLECTIONS, parse_all

    depth = int(config.limits.get("max_mime_depth", 50))
    budget = None if item.format in COLLECTIONS else budget_of(config)
    try:
        with deadline(budget, item.path) as mine:
            return parse_all(data, item, kind, max_mime_depth=depth)
    except TimeBudgetExceeded as exceeded:
        if exceeded is not mine:
            raise
        return [budget_error(item.path, budget or 0)]
    except MsglintError:
        raise
    except Exception as error:  # a reader bug costs this input, not the run
        return [internal_error(item.path, error)]


def _analyze(loaded: list[tuple[Message, Config]], lang: str | None, now: datetime | None):  # type: ignore[no-untyped-def]
    from msglint.analysis import analyze_many

    messages = [message for message, _ in loaded]
    langs = [lang or config_lang(config) for _, config in loaded]
    return analyze_many(messages, langs, now)


def exit_status(results, errors: list, request: CheckRequest, configs: list[Config]) -> int:  # type: ignore[no-untyped-def]
    """2 when an input could not be read, 1 when a result fails its gate, else 0."""
    if errors:
        return 2
    for result, config in zip(results, configs):
        fail_on = request.fail_on or config.data.get("fail_on", "warning")
        min_score = (
            request.min_score if request.min_score is not None else config.data.get("min_score", 0)
        )
        if fail_on != "never" and any(
            SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on] for f in result.findings
        ):
            return 1
        if min_score and result.score < min_score:
            return 1
    return 0


def run_check(request: CheckRequest) -> tuple[str, int, list[str]]:
    """Report text, exit status and error lines for one ``check`` request."""
    from msglint.report import InputError, ReportOptions, renderer

    configs = _ConfigCache(request.config_path, request.select, request.ignore, request.cwd)
    loaded, errors = load_inputs(request.paths, request.kind, configs, request.stdin)
    if request.jobs > 1 and len(loaded) > 1:
        from msglint.analysis import choose_language
        from msglint.parallel import check_parallel

        languages = [
            choose_language(message, request.lang or config_lang(config))
            for message, config in loaded
        ]
        outcomes = check_parallel(loaded, languages, request.now, request.jobs)
        results = [r for r in outcomes if not isinstance(r, MsglintError)]
        errors.extend(r for r in outcomes if isinstance(r, MsglintError))
        loaded = [item for item, r in zip(loaded, outcomes) if not isinstance(r, MsglintError)]
    else:
        langs = [request.lang or config_lang(config) for _, config in loaded]
        outcomes = check_loaded(loaded, langs, request.now)
        results = [r for r in outcomes if not isinstance(r, MsglintError)]
        errors.extend(r for r in outcomes if isinstance(r, MsglintError))
        loaded = [item for item, r in zip(loaded, outcomes) if not isinstance(r, MsglintError)]
    if request.write_baseline:
        from msglint.baseline import write_baseline

        write_baseline(_resolve(request.write_baseline, request.cwd), results)
    if request.baseline:
        from msglint.baseline import apply_baseline, read_baseline

        known = read_baseline(_resolve(request.baseline, request.cwd))
        for (_, config), result in zip(loaded, results):
            apply_baseline([result], known, config.scoring)
    input_errors = [InputError(e.where, e.problem) for e in errors]
    rule_errors = [line for result in results for line in result.errors]
    report = renderer(request.fmt)(results, input_errors, ReportOptions(color=request.color))
    status = exit_status(results, errors, request, [config for _, config in loaded])
    if rule_errors:
        status = 2
    return report, status, [str(e) for e in errors] + rule_errors


def inspect_inputs(
    paths: list[str],
    lang: str | None,
    kind: str | None,
    now: datetime | None,
    config_path: str | None,
    fmt: str,
) -> tuple[str, int, list[str]]:
    """The extracted facts of each input as JSON or text."""
    from msglint.report.inspect_format import render_inspect

    configs = _ConfigCache(config_path, None, [])
    loaded, errors = load_inputs(paths, kind, configs)
    analyses = _analyze(loaded, lang, now) if loaded else []
    return render_inspect(analyses, fmt), 2 if errors else 0, [str(e) for e in errors]
