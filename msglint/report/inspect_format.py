"""``msglint inspect``: the facts extracted from each input, as JSON or text."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from msglint import __version__
from msglint.analysis import complete_metrics
from msglint.analysis.model import Analysis
from msglint.report.facts import asdict, asks


def facts(analysis: Analysis) -> dict[str, Any]:
    """Every fact of one analysed message; offsets point into ``body``."""
    message = analysis.message
    return {
        "path": message.path,
        "kind": message.kind,
        "language": analysis.language,
        "now": analysis.now.isoformat(),
        "subject": message.subject,
        "body": message.body,
        "quoted": message.quoted,
        "signature": message.signature,
        "forward_without_note": message.forward_without_note,
        "quoted_sent": analysis.quoted_sent.isoformat() if analysis.quoted_sent else None,
        "attachments": [asdict(a) for a in message.attachments],
        "recipients": message.recipients,
        "fyi": analysis.fyi,
        "sentences": [asdict(s) for s in analysis.sentences],
        "paragraphs": [asdict(p) for p in analysis.paragraphs],
        "asks": asks(analysis),
        "commitments": [asdict(c) for c in analysis.commitments],
        "invitations": [
            {"text": i.text, "start": i.start, "end": i.end, "sentence": i.sentence}
            for i in analysis.invitations
        ],
        "times": [asdict(t) for t in analysis.times],
        "deadlines": [asdict(d) for d in analysis.deadlines],
        "urgency": [asdict(u) for u in analysis.urgency],
        "metrics": asdict(complete_metrics(analysis)),
    }


def _text(analysis: Analysis) -> str:
    f = facts(analysis)
    out = [f"== {f['path']} ({f['kind']}, {f['language']}, now {f['now']})"]
    out.append(f"subject: {f['subject']!r}")
    attachments = ", ".join(a["filename"] for a in f["attachments"]) or "none"
    out.append(f"attachments: {attachments}")
    out.append("body:")
    out.extend(f"  | {line}" for line in f["body"].splitlines())
    if f["quoted"]:
        sent = f", sent {f['quoted_sent']}" if f["quoted_sent"] else ""
        out.append(f"quoted: {len(f['quoted'].splitlines())} line(s){sent}")
    if f["forward_without_note"]:
        out.append("forward without note: nothing written above the forwarded message")
    if f["signature"]:
        out.append("signature:")
        out.extend(f"  | {line}" for line in f["signature"].splitlines())
    out.append(f"sentences: {len(f['sentences'])}, fyi: {f['fyi']}")
    for ask in f["asks"]:
        flags = (
            [ask["form"]]
            + (["hedged"] if ask["hedged"] else [])
            + ([f"owner={ask['owner']}"] if ask["owner"] != "reader" else [])
        )
        out.append(
            f"ask [{', '.join(flags)}] {ask['text']!r} -> {ask['deadline'] or 'no deadline'}"
        )
    for commitment in f["commitments"]:
        out.append(f"commitment {commitment['text']!r}")
    for time in f["times"]:
        marks = [k for k in ("vague", "has_time", "has_timezone", "ambiguous") if time[k]]
        out.append(
            f"time {time['text']!r} = {time['value']} ({time['kind']}; {', '.join(marks) or '-'})"
        )
    for deadline in f["deadlines"]:
        out.append(f"deadline {deadline['text']!r} = {deadline['value']}")
    for marker in f["urgency"]:
        out.append(f"urgency {marker['text']!r} ({marker['kind']}, {marker['field']})")
    m = f["metrics"]
    out.append(
        f"metrics: {m['words']} words, {m['sentences']} sentences, {m['paragraphs']} paragraphs, "
        f"{m['readability_formula']} {m['readability']}"
    )
    return "\n".join(out)


def render_inspect(analyses: Sequence[Analysis], fmt: str) -> str:
    if fmt == "json":
        document = {"msglint_version": __version__, "inputs": [facts(a) for a in analyses]}
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return "\n\n".join(_text(a) for a in analyses) + "\n"
