"""Configuration: the packaged ``rules.toml``, overridden by the user's file.

The user's file is ``--config PATH``, else the nearest ``msglint.toml``,
``.msglint.toml`` or ``pyproject.toml`` with a ``[tool.msglint]`` table,
walking up from the checked file (or the working directory for stdin).
Every key is checked: an unknown key or a value of the wrong type is an
error naming the file, the key and what was expected.
"""

from __future__ import annotations

import copy
import difflib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from msglint.config_io import load_toml
from msglint.errors import MsglintError
from msglint.lang import available_languages
from msglint.message import KINDS
from msglint.rules import FAMILIES, REGISTRY, SEVERITIES, Rule

DEFAULTS_PATH = Path(__file__).resolve().parent / "rules.toml"
USER_FILES = ("msglint.toml", ".msglint.toml", "pyproject.toml")
FAIL_ON = ("info", "warning", "error", "never")
RULE_KEYS = {
    "severity": str,
    "strong": str,
    "penalty": (int, float),
    "strong_penalty": (int, float),
    "paired_penalty": dict,
    "enabled": bool,
}
_TOP_LEVEL = {
    "lang": str,
    "fail_on": str,
    "min_score": (int, float),
    "select": list,
    "ignore": list,
    "limits": dict,
    "scoring": dict,
    "rules": dict,
    "kinds": dict,
    "timezone": str,
    "server": str,
}
_LIMITS = {
    "max_bytes": int,
    "max_archive_bytes": int,
    "max_words": int,
    "max_chars": int,
    "max_mime_depth": int,
    "time_budget_seconds": (int, float),
}
_SCORING = {
    "penalty": dict,
    "max_rule_penalty": (int, float),
    "family_scale": (int, float),
    "weights": dict,
    "grades": dict,
}
_TYPE_NAMES = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "true or false",
    list: "a list",
    dict: "a table",
}


def _type_name(expected: Any) -> str:
    if isinstance(expected, tuple):
        return "a number" if float in expected else " or ".join(_TYPE_NAMES[t] for t in expected)
    return _TYPE_NAMES.get(expected, expected.__name__)


def _check_type(where: str, key: str, value: Any, expected: Any) -> None:
    types = expected if isinstance(expected, tuple) else (expected,)
    if (isinstance(value, bool) and bool not in types) or not isinstance(value, types):
        raise MsglintError(where, f"{key}: expected {_type_name(expected)}, got {value!r}")


# Bounds for every number a user can set: beyond them a value is a typo, and
# some (2**63) would overflow the C integers underneath.
_MAX_SETTING = 1_000_000_000
_MAX_LIMIT = 1 << 48


def _check_number(
    where: str, key: str, value: float, minimum: float = 0, maximum: float = _MAX_SETTING
) -> None:
    """Refuse NaN, infinities and numbers outside ``[minimum, maximum]``."""
    if not (minimum <= value <= maximum):  # also false for NaN
        low, high = (int(n) if float(n).is_integer() else n for n in (minimum, maximum))
        raise MsglintError(where, f"{key}: expected a number from {low} to {high}, got {value!r}")


def _unknown(where: str, key: str, known: list[str]) -> MsglintError:
    close = difflib.get_close_matches(key.split(".")[-1], known, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return MsglintError(where, f"unknown key {key!r}{hint}")


def resolve_rule(selector: str) -> Rule | None:
    """The rule a config key designates: a code (``AK02``) or a name (``ask.multiple``)."""
    upper = selector.upper()
    if upper in REGISTRY:
        return REGISTRY[upper]
    for rule in REGISTRY.values():
        if rule.name.upper() == upper:
            return rule
    return None


def validate_selectors(where: str, key: str, values: list[Any]) -> list[str]:
    """Upper-cased selectors, each a code, a name, a family code or name, or ``ALL``."""
    known = {"ALL"}
    for rule in REGISTRY.values():
        known |= rule.aliases()
    cleaned = []
    prefix = "" if key == where else f"{key}: "  # "--select: unknown…", not "--select: --select:"
    for value in values:
        if not isinstance(value, str):
            raise MsglintError(where, f"{prefix}expected rule codes or names, got {value!r}")
        upper = value.strip().upper()
        if upper not in known:
            raise MsglintError(
                where, f"{prefix}unknown rule or family {value!r} (see `msglint rules`)"
            )
        cleaned.append(upper)
    return cleaned


def _validate_rule_table(where: str, prefix: str, table: Any) -> dict[str, dict[str, Any]]:
    _check_type(where, prefix, table, dict)
    normalised: dict[str, dict[str, Any]] = {}
    for selector, settings in table.items():
        rule = resolve_rule(selector)
        key = f"{prefix}.{selector}"
        if rule is None:
            raise MsglintError(where, f"{key}: unknown rule (see `msglint rules`)")
        _check_type(where, key, settings, dict)
        for option, value in settings.items():
            option_key = f"{key}.{option}"
            if option in RULE_KEYS:
                _check_type(where, option_key, value, RULE_KEYS[option])
                if option == "strong" and value not in SEVERITIES:
                    raise MsglintError(
                        where, f"{option_key}: expected one of info, warning, error, got {value!r}"
                    )
                if option == "severity" and value not in (*SEVERITIES, "off"):
                    raise MsglintError(
                        where,
                        f"{option_key}: expected one of info, warning, error, off, got {value!r}",
                    )
                if option in ("penalty", "strong_penalty"):
                    _check_number(where, option_key, value)
                if option == "paired_penalty":
                    _check_paired(where, option_key, value)
            elif option in rule.options:
                default = rule.options[option]
                expected = (int, float) if isinstance(default, float) else type(default)
                _check_type(where, option_key, value, expected)
                if isinstance(value, int | float):
                    _check_number(where, option_key, value)
                if isinstance(default, list) and not all(isinstance(v, str) for v in value):
                    raise MsglintError(where, f"{option_key}: expected a list of strings")
            else:
                raise _unknown(where, option_key, [*RULE_KEYS, *rule.options])
        normalised.setdefault(rule.code, {}).update(settings)
    return normalised


def _check_paired(where: str, key: str, value: dict[str, Any]) -> None:
    """``paired_penalty``: a rule (code or name) to the penalty when both hit the same words."""
    for other, number in value.items():
        if resolve_rule(other) is None:
            raise MsglintError(where, f"{key}.{other}: unknown rule (see `msglint rules`)")
        _check_type(where, f"{key}.{other}", number, (int, float))
        _check_number(where, f"{key}.{other}", number)


def validate(data: dict[str, Any], where: str) -> dict[str, Any]:
    """Check every key of a configuration table; return it with rule keys as codes."""
    result: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _TOP_LEVEL:
            raise _unknown(where, key, list(_TOP_LEVEL))
        _check_type(where, key, value, _TOP_LEVEL[key])
        if key == "lang" and value not in ("auto", *available_languages()):
            choices = ", ".join(("auto", *available_languages()))
            raise MsglintError(where, f"lang: expected one of {choices}, got {value!r}")
        if key == "fail_on" and value not in FAIL_ON:
            raise MsglintError(
                where, f"fail_on: expected one of {', '.join(FAIL_ON)}, got {value!r}"
            )
        if key == "timezone" and value:
            _check_zone(where, value)
        if key == "server" and value not in ("off", "auto"):
            raise MsglintError(where, f"server: expected off or auto, got {value!r}")
        if key == "min_score" and not 0 <= value <= 100:
            raise MsglintError(where, f"min_score: expected a number from 0 to 100, got {value!r}")
        if key in ("select", "ignore"):
            value = validate_selectors(where, key, value)
        elif key == "limits":
            for name, item in value.items():
                if name not in _LIMITS:
                    raise _unknown(where, f"limits.{name}", list(_LIMITS))
                _check_type(where, f"limits.{name}", item, _LIMITS[name])
                smallest = 1 if _LIMITS[name] is int else 0.001
                _check_number(where, f"limits.{name}", item, smallest, _MAX_LIMIT)
        elif key == "scoring":
            _validate_scoring(where, value)
        elif key == "rules":
            value = _validate_rule_table(where, "rules", value)
        elif key == "kinds":
            value = _validate_kinds(where, value)
        result[key] = value
    return result


def _check_zone(where: str, value: str) -> None:
    """A ``timezone`` must be an IANA zone name the system knows."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise MsglintError(
            where, f"timezone: expected an IANA zone such as Europe/Paris, got {value!r}"
        ) from None


def _validate_scoring(where: str, value: dict[str, Any]) -> None:
    for name, item in value.items():
        if name not in _SCORING:
            raise _unknown(where, f"scoring.{name}", list(_SCORING))
        _check_type(where, f"scoring.{name}", item, _SCORING[name])
        if isinstance(item, int | float):
            _check_number(where, f"scoring.{name}", item)
    allowed = {
        "penalty": SEVERITIES,
        "weights": tuple(FAMILIES.values()),
        "grades": ("A", "B", "C", "D"),
    }
    for table, keys in allowed.items():
        for name, number in value.get(table, {}).items():
            if name not in keys:
                raise _unknown(where, f"scoring.{table}.{name}", list(keys))
            _check_type(where, f"scoring.{table}.{name}", number, (int, float))
            _check_number(where, f"scoring.{table}.{name}", number)


def _validate_kinds(where: str, value: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for kind, table in value.items():
        if kind not in KINDS:
            raise _unknown(where, f"kinds.{kind}", list(KINDS))
        _check_type(where, f"kinds.{kind}", table, dict)
        cleaned: dict[str, Any] = {}
        for key, item in table.items():
            if key in ("select", "ignore"):
                _check_type(where, f"kinds.{kind}.{key}", item, list)
                cleaned[key] = validate_selectors(where, f"kinds.{kind}.{key}", item)
            elif key == "rules":
                cleaned[key] = _validate_rule_table(where, f"kinds.{kind}.rules", item)
            else:
                raise _unknown(where, f"kinds.{kind}.{key}", ["select", "ignore", "rules"])
        result[kind] = cleaned
    return result


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Deep merge of tables; lists and scalars in ``override`` replace."""
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


@cache
def packaged_defaults() -> dict[str, Any]:
    """The validated packaged ``rules.toml``."""
    return validate(load_toml(DEFAULTS_PATH), str(DEFAULTS_PATH))


def read_user_file(path: Path) -> dict[str, Any]:
    """A user's config file, validated (``[tool.msglint]`` for pyproject.toml)."""
    data = load_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("msglint", {})
        if not isinstance(data, dict):
            raise MsglintError(str(path), "[tool.msglint]: expected a table")
    return validate(data, str(path))


@cache
def find_user_file(directory: Path) -> Path | None:
    """The nearest user config file at or above ``directory``."""
    for folder in (directory, *directory.parents):
        for name in USER_FILES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml" and not _has_tool_table(candidate):
                    continue
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        data = load_toml(path)
    except MsglintError:
        return True  # a broken pyproject.toml is reported when read
    return isinstance(data.get("tool"), dict) and "msglint" in data["tool"]


@dataclass
class RuleSettings:
    """How one rule runs for one kind of message."""

    severity: str
    penalty: float
    options: dict[str, Any]
    # Severity and penalty of the rule's strong hits (``Hit.strong``): the
    # narrow situation where a hint rule is precise enough to be a warning,
    # or (``strong_penalty`` alone) where it marks a message hard to act on.
    # None: strong hits are scored as the rule's other hits.
    strong_severity: str | None = None
    strong_penalty: float | None = None
    # A hit on the same words as a hit of another rule (its code) costs at least
    # this: an ask nobody owns that is also put off to no time (AK04 with DL02).
    paired_penalty: dict[str, float] = field(default_factory=dict)


@dataclass
class Config:
    """The effective configuration for a set of inputs."""

    data: dict[str, Any]
    source: str | None = None
    cli_select: list[str] | None = None
    cli_ignore: list[str] = field(default_factory=list)

    @property
    def limits(self) -> dict[str, Any]:
        return self.data.get("limits", {})

    @property
    def scoring(self) -> dict[str, Any]:
        return self.data.get("scoring", {})

    def _selected(self, rule: Rule, kind: str) -> bool:
        kind_table = self.data.get("kinds", {}).get(kind, {})
        select = (
            self.cli_select if self.cli_select is not None else self.data.get("select", ["ALL"])
        )
        ignore = [*self.data.get("ignore", []), *kind_table.get("ignore", []), *self.cli_ignore]
        aliases = rule.aliases()
        explicitly = bool(aliases & set(select)) or bool(
            aliases & set(kind_table.get("select", []))
        )
        chosen = explicitly or ("ALL" in select and rule.enabled)
        return chosen and not (aliases & set(ignore) or ("ALL" in ignore and not explicitly))

    def settings(self, rule: Rule, kind: str) -> RuleSettings | None:
        """The rule's settings for ``kind``, or None when it does not run."""
        if kind not in rule.kinds or not self._selected(rule, kind):
            return None
        table: dict[str, Any] = {}
        table.update(self.data.get("rules", {}).get(rule.code, {}))
        table.update(self.data.get("kinds", {}).get(kind, {}).get("rules", {}).get(rule.code, {}))
        if table.get("enabled") is False and not (set(self.cli_select or []) & rule.aliases()):
            return None
        severity = table.get("severity", rule.severity)
        if severity == "off":
            return None
        penalties = self.scoring.get("penalty", {})
        penalty = float(table.get("penalty", penalties.get(severity, 0)))
        options = {**rule.options, **{k: v for k, v in table.items() if k in rule.options}}
        strong = table.get("strong")
        if strong is not None and SEVERITIES.index(strong) <= SEVERITIES.index(severity):
            strong = None  # never weaker than the rule's own severity
        strong_penalty: float | None = float(penalties.get(strong, 0)) if strong else None
        if "strong_penalty" in table:
            strong_penalty = float(table["strong_penalty"])
        paired = {
            getattr(resolve_rule(other), "code", other): float(number)
            for other, number in table.get("paired_penalty", {}).items()
        }
        return RuleSettings(severity, penalty, options, strong, strong_penalty, paired)


def load_config(
    explicit: str | None,
    anchor: Path | None,
    cli_select: list[str] | None = None,
    cli_ignore: list[str] | None = None,
) -> Config:
    """Packaged defaults overridden by ``explicit`` or the nearest user file from ``anchor``."""
    data = merge(packaged_defaults(), {})  # a private copy: callers may adjust it
    source = None
    user_path: Path | None = None
    if explicit:
        user_path = Path(explicit)
        if not user_path.is_file():
            raise MsglintError(explicit, "config file not found")
    elif anchor is not None:
        user_path = find_user_file(anchor.resolve())
    if user_path is not None:
        data = merge(data, read_user_file(user_path))
        source = str(user_path)
    select = validate_selectors("--select", "--select", cli_select) if cli_select else None
    ignore = validate_selectors("--ignore", "--ignore", cli_ignore or [])
    return Config(data, source, select, ignore)
