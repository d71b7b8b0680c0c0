"""The public Python API: ``msglint.check``, ``msglint.fix`` and :class:`Linter`.

The command line, the server and the sendmail wrapper run the same steps:
read an input into a :class:`~msglint.message.Message`, analyse it with the
language's spaCy pipeline (loaded once per process), run the rules and score
the result. See ``docs/api.md`` for examples.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from msglint.errors import ConfigError, InputError, MsglintError
from msglint.lang import available_languages

if TYPE_CHECKING:
    from msglint.config import Config
    from msglint.engine import Result
    from msglint.message import Message

Source = Union[str, bytes, "os.PathLike[str]"]
ConfigLike = Union[str, "os.PathLike[str]", Mapping[str, Any], None]
_KINDS = ("email", "chat", "doc")
_TEXT_NAME = "<text>"
_BYTES_NAME = "<bytes>"


def _as_error(error: MsglintError, kind: type[MsglintError]) -> MsglintError:
    return error if type(error) is not MsglintError else kind(error.where, error.problem)


def parse_now(now: datetime | str | None) -> datetime | None:
    """``now`` as an aware datetime (an ISO 8601 string is accepted)."""
    if now is None or isinstance(now, datetime):
        return now if now is None or now.tzinfo else now.astimezone()
    try:
        moment = datetime.fromisoformat(str(now).replace("Z", "+00:00"))
    except ValueError:
        raise ConfigError("now", f"expected an ISO 8601 date-time, got {now!r}") from None
    return moment if moment.tzinfo else moment.astimezone()


def _check_choice(name: str, value: str | None, choices: Sequence[str]) -> str | None:
    if value in (None, "auto"):
        return None
    if value not in choices:
        raise ConfigError(name, f"expected one of {', '.join(choices)}, got {value!r}")
    return value


def load_api_config(config: ConfigLike, anchor: Path | None) -> Config:
    """A Config from a file path, a settings mapping, or the nearest user file."""
    from msglint.config import Config, load_config, merge, packaged_defaults, validate

    try:
        if isinstance(config, Mapping):
            settings = validate(dict(config), "config")
            return Config(merge(packaged_defaults(), settings), "config")
        if config is not None:
            return load_config(os.fspath(config), None)
        return load_config(None, anchor)
    except MsglintError as error:
        raise _as_error(error, ConfigError) from None


def _looks_like_path(text: str) -> bool:
    """An existing file, or a single word ending in a known extension ("draft.eml")."""
    from msglint.inputs import EXTENSIONS

    if "\n" in text or not 0 < len(text) < 4096:
        return False
    if os.path.exists(text):
        return True
    return not any(c.isspace() for c in text) and Path(text).suffix.lower() in EXTENSIONS


def read_messages(source: Source, kind: str | None, config: Config | None) -> list[Message]:
    """The messages of one source: a text, e-mail bytes, or a file path.

    A ``str`` is a path when it is one line naming an existing file or a
    single word ending in a known extension (``draft.eml``), else the
    draft's text. ``bytes`` are read as standard input is (an
    e-mail is recognised by its headers). A mailbox yields several messages.
    """
    from msglint.inputs import COLLECTIONS, EXTENSIONS, parse_all
    from msglint.inputs import Source as InputSource
    from msglint.runner import check_size

    limits = config.limits if config is not None else {}
    if isinstance(source, (bytes, bytearray)):
        item, data = InputSource(_BYTES_NAME), bytes(source)
    elif isinstance(source, str) and not _looks_like_path(source):
        item, data = InputSource(_TEXT_NAME, "text"), source.encode("utf-8")
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if path.is_dir():
            raise InputError(str(path), "is a directory: give files to check_many()")
        fmt = EXTENSIONS.get(path.suffix.lower(), "text")
        item = InputSource(os.fspath(source), fmt, str(path))
        data = _read_file(item, limits, fmt in COLLECTIONS)
    else:
        raise InputError(repr(source)[:60], "expected text (str), e-mail bytes or a path")
    max_bytes = int(limits.get("max_bytes", 5_000_000))
    if item.format not in COLLECTIONS and len(data) > max_bytes:
        raise InputError(
            item.path, f"larger than the input limit of {max_bytes} bytes (limits.max_bytes)"
        )
    messages = []
    try:
        for message in parse_all(data, item, kind, int(limits.get("max_mime_depth", 50))):
            if isinstance(message, MsglintError):
                raise message
            check_size(message, limits)
            messages.append(message)
    except MsglintError as error:
        raise _as_error(error, InputError) from None
    return messages


def _read_file(item: Any, limits: Mapping[str, Any], collection: bool) -> bytes:
    from msglint.inputs import read_bytes

    key = "max_archive_bytes" if collection else "max_bytes"
    try:
        return read_bytes(item, int(limits.get(key, 5_000_000)), None, key)
    except MsglintError as error:
        raise _as_error(error, InputError) from None


def check_loaded(
    loaded: Sequence[tuple[Message, Config]],
    langs: Sequence[str | None],
    now: datetime | None,
) -> list[Result | MsglintError]:
    """Analyse and check messages one by one, each within its time budget, errors in place.

    An exception while checking one message becomes an error naming it (see
    :mod:`msglint.guard`); the others are still checked.
    """
    from msglint.guard import check_each

    return [
        _as_error(o, InputError) if isinstance(o, MsglintError) else o
        for o in check_each(loaded, langs, now)
    ]


def config_lang(config: Config) -> str | None:
    """The configuration's ``lang``, None for auto-detection."""
    value = config.data.get("lang", "auto")
    return None if value == "auto" else str(value)


class Linter:
    """Checks many drafts with one configuration, reusing the loaded pipelines.

    ``config`` is a path to a TOML file, a mapping of the same settings as
    ``msglint.toml`` (``{"ignore": ["TN"], "timezone": "Europe/Paris"}``), or
    None: the nearest ``msglint.toml`` above each checked file, the packaged
    defaults for text and bytes. ``lang`` (``"en"``, ``"fr"``), ``kind``
    (``"email"``, ``"chat"``, ``"doc"``) and ``now`` (reference time for
    relative dates) apply to every check unless a call gives its own.
    """

    def __init__(
        self,
        *,
        config: ConfigLike = None,
        lang: str | None = None,
        kind: str | None = None,
        now: datetime | str | None = None,
    ) -> None:
        self.lang = _check_choice("lang", lang, available_languages())
        self.kind = _check_choice("kind", kind, _KINDS)
        self.now = parse_now(now)
        self._explicit = config
        self._configs: dict[Path | None, Config] = {}
        if config is not None:
            self._configs[None] = load_api_config(config, None)

    def _config_for(self, source: Source) -> Config:
        if self._explicit is not None:
            return self._configs[None]
        anchor: Path | None = None
        if isinstance(source, os.PathLike) or (
            isinstance(source, str) and _looks_like_path(source)
        ):
            anchor = Path(source).resolve().parent
        if anchor not in self._configs:
            if anchor is None:
                from msglint.config import Config, merge, packaged_defaults

                self._configs[None] = Config(merge(packaged_defaults(), {}))
            else:
                self._configs[anchor] = load_api_config(None, anchor)
        return self._configs[anchor]

    def _load(
        self, source: Source, kind: str | None
    ) -> tuple[list[tuple[Message, Config]], Config]:
        config = self._config_for(source)
        kind = _check_choice("kind", kind, _KINDS) or self.kind
        return [(m, config) for m in read_messages(source, kind, config)], config

    def check(
        self,
        source: Source,
        *,
        kind: str | None = None,
        lang: str | None = None,
        now: datetime | str | None = None,
    ) -> Result:
        """Check one draft: text (``str``), an e-mail (``bytes``) or a file path.

        Raises :class:`~msglint.MsglintError` (``InputError``, ``ConfigError``)
        when the input cannot be checked.
        """
        loaded, config = self._load(source, kind)
        if len(loaded) != 1:
            raise InputError(
                str(source)[:80], f"holds {len(loaded)} messages: use check_many() for mailboxes"
            )
        forced = (
            _check_choice("lang", lang, available_languages()) or self.lang or config_lang(config)
        )
        outcome = check_loaded(loaded, [forced], parse_now(now) or self.now)[0]
        if isinstance(outcome, MsglintError):
            raise outcome
        return outcome

    def check_many(self, sources: Iterable[Source]) -> list[Result | MsglintError]:
        """Check many drafts in one batch; a mailbox gives one result per message.

        One bad input never stops the batch: its place in the list holds the
        :class:`~msglint.MsglintError` that says what is wrong with it.
        """
        slots: list[list[tuple[Message, Config]] | MsglintError] = []
        for source in sources:
            try:
                slots.append(self._load(source, None)[0])
            except MsglintError as error:
                slots.append(error)
        loaded = [item for slot in slots if not isinstance(slot, MsglintError) for item in slot]
        langs = [self.lang or config_lang(config) for _, config in loaded]
        outcomes = iter(check_loaded(loaded, langs, self.now))
        results: list[Result | MsglintError] = []
        for slot in slots:
            if isinstance(slot, MsglintError):
                results.append(slot)
            else:
                results.extend(next(outcomes) for _ in slot)
        return results

    def fix(
        self,
        source: Source,
        *,
        unsafe: bool = False,
        kind: str | None = None,
        lang: str | None = None,
        now: datetime | str | None = None,
    ) -> str | bytes:
        """The draft with its fixes applied, checked again until nothing changes.

        Text in, text out; e-mail bytes (or an ``.eml`` path) in, bytes out.
        Safe fixes only unless ``unsafe``. Nothing is written: see
        ``msglint check --fix`` for that.
        """
        from msglint.fixes.apply import fix_source

        outcome = fix_source(self, source, unsafe=unsafe, kind=kind, lang=lang, now=now)
        return outcome.fixed


_DEFAULT: dict[tuple[Any, ...], Linter] = {}


def _linter(config: ConfigLike) -> Linter:
    if config is None or isinstance(config, (str, os.PathLike)):
        key: tuple[Any, ...] = (None if config is None else os.fspath(config),)
        if key not in _DEFAULT:
            _DEFAULT[key] = Linter(config=config)
        return _DEFAULT[key]
    return Linter(config=config)


def check(
    source: Source,
    *,
    kind: str | None = None,
    lang: str | None = None,
    now: datetime | str | None = None,
    config: ConfigLike = None,
) -> Result:
    """Check one draft and return its :class:`~msglint.Result`.

    ``source`` is the draft's text (``str``), a raw e-mail (``bytes``) or a
    path to an ``.eml``, ``.txt``, ``.md`` or ``.html`` file. ``lang`` forces
    the language (``"en"``/``"fr"``; default: the config's, else detected),
    ``kind`` the message kind, ``now`` the reference time of relative dates
    (default: the e-mail's Date header, else now). ``config`` as for
    :class:`Linter`.

    >>> r = check("Subject: Quick question\\n\\nCan you send it ASAP??", lang="en")
    >>> "DL02" in [f.code for f in r.findings]
    True
    """
    return _linter(config).check(source, kind=kind, lang=lang, now=now)


def fix(
    source: Source,
    *,
    unsafe: bool = False,
    kind: str | None = None,
    lang: str | None = None,
    now: datetime | str | None = None,
    config: ConfigLike = None,
) -> str | bytes:
    """The draft with its safe fixes (and the unsafe ones when ``unsafe``) applied.

    Takes the same arguments as :func:`check`; returns text for text and
    bytes for e-mail bytes or an ``.eml`` path. Applying it twice changes
    nothing the second time.
    """
    return _linter(config).fix(source, unsafe=unsafe, kind=kind, lang=lang, now=now)
