"""What the reply splitter leaves as the author's text, for the splitter's tests."""

from __future__ import annotations

from msglint.inputs.reply import split_reply


def parts(text: str) -> tuple[str, str, str]:
    """(body, signature, quoted) of ``text``, each with blank lines dropped.

    Where the author's message ends is what most tests here check: the closing
    ("Best, / Bob", own text in ``own_lines``) is counted with the signature
    below it, as before it was kept in the own text (see the closing tests).
    """
    split = split_reply(text)
    lines = text.split("\n")
    closing = set(split.closing_lines)
    body = [lines[i][: split.own_line_ends.get(i)] for i in split.own_lines if i not in closing]
    signature = [lines[i] for i in sorted(closing | set(split.signature_lines))]

    def squeeze(chunk: list[str] | str) -> str:
        items = chunk.split("\n") if isinstance(chunk, str) else chunk
        return "\n".join(line.rstrip() for line in items if line.strip())

    return squeeze(body), squeeze(signature), squeeze(split.quoted)


def body_of(text: str) -> str:
    return parts(text)[0]
