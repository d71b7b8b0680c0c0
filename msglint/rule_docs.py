"""The rule catalogue and each rule's documentation, for ``msglint rules``.

English documentation is the rule's docstring; a translation, when a pack
has one, lives in ``msglint/lang/<code>/docs/<CODE>.md``.
"""

from __future__ import annotations

import json

from msglint.config import Config, load_config, packaged_defaults, resolve_rule
from msglint.errors import MsglintError
from msglint.lang import SOURCE_LANGUAGE, get_pack
from msglint.rules import Rule, all_rules


def documentation(rule: Rule, lang: str) -> str:
    """The rule's documentation in ``lang`` when translated, else in English."""
    if lang != SOURCE_LANGUAGE:
        path = get_pack(lang).doc_path(rule.code)
        if path.is_file():
            return path.read_text(encoding="utf-8").strip()
    return rule.doc


def _options_text(rule: Rule) -> str:
    if not rule.options:
        return ""
    configured = packaged_defaults().get("rules", {}).get(rule.code, {})
    lines = ["", "## Options"]
    for name, default in rule.options.items():
        value = configured.get(name, default)
        lines.append(f"- `{name}` = {json.dumps(value, ensure_ascii=False)}")
    kinds = packaged_defaults().get("kinds", {})
    for kind, table in kinds.items():
        overrides = table.get("rules", {}).get(rule.code)
        if overrides:
            pairs = ", ".join(
                f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in overrides.items()
            )
            lines.append(f"- for `{kind}`: {pairs}")
    return "\n".join(lines)


def configured(rule: Rule, config: Config | None = None) -> tuple[str, str | None]:
    """The severity the configuration gives the rule, and that of its strong hits.

    What a user's findings will carry, not the severity coded in the rule:
    ``rules.toml`` demotes most rules to hints (issue 13), and a user's
    ``msglint.toml`` may change them again. "off" when the rule does not run.
    The e-mail profile speaks for the rule (or its first kind).
    """
    config = config or load_config(None, None)
    kind = "email" if "email" in rule.kinds else rule.kinds[0]
    settings = config.settings(rule, kind)
    if settings is None:
        return "off", None
    return settings.severity, settings.strong_severity


def _penalty_text(rule: Rule, config: Config | None) -> str:
    """The points a finding of the rule costs the score, as configured (e-mail profile)."""
    config = config or load_config(None, None)
    settings = config.settings(rule, "email" if "email" in rule.kinds else rule.kinds[0])
    if settings is None:
        return ""
    text = f"penalty: {settings.penalty:g}"
    if settings.strong_penalty is not None and settings.strong_penalty != settings.penalty:
        text += f" (strong hits: {settings.strong_penalty:g})"
    for code, paired in settings.paired_penalty.items():
        text += f" ({paired:g} on the same words as {code})"
    return text + " · "


def rule_documentation(
    selector: str, lang: str, fmt: str = "text", config: Config | None = None
) -> str:
    rule = resolve_rule(selector)
    if rule is None:
        raise MsglintError(selector, "unknown rule (see `msglint rules`)")
    doc = documentation(rule, lang)
    if fmt == "json":
        record = _rule_record(rule, config) | {"documentation": doc}
        return json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    severity, strong = configured(rule, config)
    shown = f"{severity} (strong hits: {strong})" if strong else severity
    coded = "" if severity == rule.severity else f" (coded default: {rule.severity})"
    header = (
        f"# {rule.code} {rule.name}\n\n"
        f"family: {rule.family} · severity: {shown}{coded} · {_penalty_text(rule, config)}"
        f"languages: {', '.join(rule.languages)} · kinds: {', '.join(rule.kinds)}"
        f"{'' if rule.enabled else ' · off by default'}\n\n"
    )
    return header + doc + _options_text(rule) + "\n"


def _rule_record(rule: Rule, config: Config | None = None) -> dict[str, object]:
    severity, strong = configured(rule, config)
    return {
        "code": rule.code,
        "name": rule.name,
        "family": rule.family,
        "severity": severity,
        "strong_severity": strong,
        "coded_severity": rule.severity,
        "languages": list(rule.languages),
        "kinds": list(rule.kinds),
        "enabled": rule.enabled,
        "summary": rule.summary,
        "options": dict(rule.options),
    }


def rule_catalogue(fmt: str = "text", config: Config | None = None) -> str:
    """Every rule with the severity the configuration gives it (``strong``: its strong hits)."""
    rules = all_rules()
    config = config or load_config(None, None)
    if fmt == "json":
        records = [_rule_record(r, config) for r in rules]
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    lines = [
        f"{'CODE':<6} {'NAME':<28} {'FAMILY':<10} {'SEVERITY':<8} {'STRONG':<8} {'LANGS':<6} "
        "SUMMARY"
    ]
    for r in rules:
        severity, strong = configured(r, config)
        lines.append(
            f"{r.code:<6} {r.name:<28} {r.family:<10} {severity:<8} {strong or '-':<8} "
            f"{','.join(r.languages):<6} {r.summary}"
        )
    lines.append(
        f"\n{len(rules)} rules; severities as configured ({config.source or 'packaged defaults'}),"
        " STRONG: the severity of a hint rule's strong hits."
        " `msglint rules CODE` prints one rule's documentation."
    )
    return "\n".join(lines) + "\n"
