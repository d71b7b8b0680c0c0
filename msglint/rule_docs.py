"""The rule catalogue and each rule's documentation, for ``msglint rules``.

English documentation is the rule's docstring; a translation, when a pack
has one, lives in ``msglint/lang/<code>/docs/<CODE>.md``.
"""

from __future__ import annotations

import json

from msglint.config import packaged_defaults, resolve_rule
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


def rule_documentation(selector: str, lang: str, fmt: str = "text") -> str:
    rule = resolve_rule(selector)
    if rule is None:
        raise MsglintError(selector, "unknown rule (see `msglint rules`)")
    doc = documentation(rule, lang)
    if fmt == "json":
        return (
            json.dumps(_rule_record(rule) | {"documentation": doc}, ensure_ascii=False, indent=2)
            + "\n"
        )
    header = (
        f"# {rule.code} {rule.name}\n\n"
        f"family: {rule.family} · default severity: {rule.severity} · "
        f"languages: {', '.join(rule.languages)} · kinds: {', '.join(rule.kinds)}"
        f"{'' if rule.enabled else ' · off by default'}\n\n"
    )
    return header + doc + _options_text(rule) + "\n"


def _rule_record(rule: Rule) -> dict[str, object]:
    return {
        "code": rule.code,
        "name": rule.name,
        "family": rule.family,
        "severity": rule.severity,
        "languages": list(rule.languages),
        "kinds": list(rule.kinds),
        "enabled": rule.enabled,
        "summary": rule.summary,
        "options": dict(rule.options),
    }


def rule_catalogue(fmt: str = "text") -> str:
    rules = all_rules()
    if fmt == "json":
        return json.dumps([_rule_record(r) for r in rules], ensure_ascii=False, indent=2) + "\n"
    lines = [f"{'CODE':<6} {'NAME':<28} {'FAMILY':<10} {'SEVERITY':<8} {'LANGS':<6} SUMMARY"]
    for r in rules:
        lines.append(
            f"{r.code:<6} {r.name:<28} {r.family:<10} {r.severity:<8} "
            f"{','.join(r.languages):<6} {r.summary}"
        )
    lines.append(f"\n{len(rules)} rules. `msglint rules CODE` prints one rule's documentation.")
    return "\n".join(lines) + "\n"
