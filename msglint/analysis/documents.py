"""What a forward passes on: nothing at all, when the forwarded message held only headers.

A forward passes on a message; when that message held only its headers
(the sender forwarded an empty shell: "-----Original Message----- From: …
Subject: DWR Report"), the reader gets nothing to read. Read by CL04.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from msglint.lang import subject_prefix_pattern

if TYPE_CHECKING:
    from msglint.analysis.model import Analysis


def is_forward(a: Analysis) -> bool:
    """The message passes another one on: a Fwd:/TR: subject, or no own text above a quote."""
    if not a.message.quoted.strip():
        return False
    if subject_prefix_pattern(("forward",)).match(a.subject or ""):
        return True
    return not a.body.strip()


def forwarded_nothing(a: Analysis) -> bool:
    """A forward whose forwarded message holds no word below its headers."""
    if not is_forward(a):
        return False
    from msglint.inputs.reply import without_headers

    return not any(c.isalnum() for c in without_headers(a.message.quoted))
