"""Whether the reader is new to the team, and so cannot know its jargon.

A colleague of years reads « la PFR » or "the QBR" without a pause; someone
in their first week cannot. Judges of real mail call unexplained acronyms a
problem mostly then: when the message welcomes the reader (« Bienvenue au
groupement »), speaks of their first week, or answers a reader who wrote that
they have just arrived (« je suis arrivée lundi aux achats », in the quoted
thread). Read by CL02 (its strong hits).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from msglint.analysis.thread import unquoted

if TYPE_CHECKING:
    from msglint.analysis.model import Analysis


def newcomer_cue(a: Analysis) -> str | None:
    """The phrase showing that the reader is new (the pack's ``newcomer_cues.txt``), else None.

    Looked for in the sender's own text first, then in the subject (« Ton
    premier projet »), then in the quoted thread, where the reader may have
    said it.
    """
    lexicon = a.pack.lexicon("newcomer_cues")
    # The quoted thread wraps its lines under "> " marks: read it without them,
    # line by line and unwrapped, so that a phrase broken over two lines is one.
    unmarked = unquoted(a.message.quoted)
    for text in (a.body, a.subject or "", unmarked, " ".join(unmarked.split())):
        hit = lexicon.search(text) if text else None
        if hit is not None:
            return hit.text
    return None
