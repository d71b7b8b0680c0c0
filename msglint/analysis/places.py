"""Places named in a message whose clock differs from the sender's.

"The call is at 9 am" is one moment between colleagues of one office and
several moments when one of them is in Singapore: a message that names a
place whose time zone differs from the sender's (« notre collègue de
Singapour », "the Dakar workshop") shows readers in other zones (DL03). The
places are data, the pack's ``places.tsv`` (name and IANA zones, generated
by tools/generate_places.py from tzdata and iso-codes); the sender's zone is
the UTC offset of the message's time (its ``Date`` header).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

from msglint.analysis.model import Analysis

_DOMAIN_ZONES = Path(__file__).resolve().parent.parent / "lang" / "domain_zones.tsv"


@cache
def _domain_zones() -> dict[str, str]:
    """Country-code domain -> its zones (``lang/domain_zones.tsv``), read once."""
    from msglint.lang.lexicon import read_pairs

    return dict(read_pairs(_DOMAIN_ZONES)) if _DOMAIN_ZONES.is_file() else {}


@cache
def _offsets(zones: str, day: str) -> frozenset[timedelta]:
    """The UTC offsets of ``zones`` (space-separated IANA names) at noon on ``day``."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    moment = datetime.fromisoformat(f"{day}T12:00:00")
    found = set()
    for zone in zones.split():
        try:
            offset = moment.replace(tzinfo=ZoneInfo(zone)).utcoffset()
        except (ZoneInfoNotFoundError, ValueError):
            continue
        if offset is not None:
            found.add(offset)
    return frozenset(found)


def _named(a: Analysis, text: str) -> list[tuple[int, int, str, frozenset[timedelta]]]:
    """Places written as names in ``text``, each with the UTC offsets of its zones."""
    day = a.now.date().isoformat()
    found = []
    for hit, zones in a.pack.phrase_replacements("places", text):
        # Written as a name: "Chad" and "Jordan" are not in the data, and
        # « La réunion de lundi » is not La Réunion.
        if any(ec.isupper() and not tc.isupper() for ec, tc in zip(hit.entry, hit.text)):
            continue
        offsets = _offsets(zones, day)
        if offsets:
            found.append((hit.start, hit.end, hit.text, offsets))
    return found


def _readers_apart(a: Analysis) -> list[tuple[int, int, str]]:
    """Recipients at country domains of different zones (« …@nus.edu.sg » and « ….fr »).

    Read among the recipients only: a sender travelling abroad who writes
    "before 11" to the office at home means the office's 11.
    """
    day = a.now.date().isoformat()
    seen: list[tuple[str, frozenset[timedelta]]] = []
    for address in a.message.recipients:
        zones = _domain_zones().get(address.rsplit(".", 1)[-1].lower())
        offsets = _offsets(zones, day) if zones else frozenset()
        if not offsets:
            continue
        for other, known in seen:
            if not offsets & known:
                return [(0, 0, other), (0, 0, address)]
        seen.append((address, offsets))
    return []


def _branch(domain: str) -> tuple[str, str]:
    """(country label, the organisation's domain) of "sg.groupe-nexo.com"; ("", domain) else."""
    first, _, rest = domain.lower().partition(".")
    if rest.count(".") >= 1 and len(first) == 2 and first in _domain_zones():
        return first, rest
    return "", domain.lower()


def _branch_abroad(a: Analysis) -> list[tuple[int, int, str]]:
    """A recipient at the sender's organisation's branch in a country of another zone.

    « olivier@groupe-nexo.com » writing to « meilin@sg.groupe-nexo.com »: the
    country label in front of the sender's own domain names where the reader
    works; its clock is compared with the ``Date`` header's (or with the
    sender's own branch, "fr.groupe-nexo.com"). A domain of another
    organisation says nothing of where its people sit.
    """
    sent = a.message.sent
    if not a.message.sender or "@" not in a.message.sender:
        return []
    day = a.now.date().isoformat()
    own_label, own_org = _branch(a.message.sender.rsplit("@", 1)[1])
    if own_label:
        own = _offsets(_domain_zones()[own_label], day)
    elif sent is not None and sent.utcoffset() is not None:
        own = frozenset({sent.utcoffset()})
    else:
        return []
    for address in a.message.recipients:
        label, org = _branch(address.rsplit("@", 1)[-1])
        if not label or org != own_org:
            continue
        offsets = _offsets(_domain_zones()[label], day)
        if offsets and own and not offsets & own:
            return [(0, 0, address)]
    return []


def places_abroad(a: Analysis) -> list[tuple[int, int, str]]:
    """(start, end, name) of each place in the body whose clock differs from the sender's.

    The sender's clock is the UTC offset of the message's ``Date``; a place in
    the signature ("Bureau de Dakar") says where the writer is and counts
    too. Recipients at country domains of different zones ("…@nus.edu.sg"
    and "….fr"; ``lang/domain_zones.tsv``) are readers in several zones.
    With no date (a chat), two places of different zones (« 16 h à Paris,
    10 h à Montréal ») span zones. A place of the sender's own zone
    (« nos collègues de Bruxelles » from Paris) spans none.
    """
    if not (a.pack.folder / "places.tsv").is_file():
        return []
    sent = a.message.sent
    own = sent.utcoffset() if sent is not None and sent.tzinfo is not None else None
    body = _named(a, a.body)
    signed = _named(a, a.message.signature) if a.message.signature else []
    readers = _readers_apart(a) or _branch_abroad(a)
    if readers:
        return readers
    everywhere = [offsets for *_, offsets in body + signed]
    if own is None:
        if len(everywhere) < 2 or frozenset.intersection(*everywhere):
            return []
        return [(start, end, name) for start, end, name, _ in body]
    if not any(own not in offsets for offsets in everywhere):
        return []
    return [(start, end, name) for start, end, name, offsets in body + signed if own not in offsets]


def people_apart(a: Analysis) -> list[tuple[int, int, str]]:
    """Where the people of the message, not the places it talks about, sit in other zones.

    The recipients at country domains of different zones ("…@nus.edu.sg"
    and "….fr"), a recipient at the sender's organisation's branch abroad
    ("…@sg.groupe-nexo.com" from "…@groupe-nexo.com" sent at +01:00), or
    the writer's own place in the signature ("Bureau de
    Dakar") whose clock differs from the ``Date`` header's: the reader and
    the writer, or two readers, do not share one clock. A place named in the
    text (« l'expédition pour Osaka », "our dates in Montréal") is often
    only what the message is about (offsets into the signature for its places).
    """
    if not (a.pack.folder / "places.tsv").is_file():
        return []
    readers = _readers_apart(a) or _branch_abroad(a)
    if readers:
        return readers
    sent = a.message.sent
    own = sent.utcoffset() if sent is not None and sent.tzinfo is not None else None
    if own is None or not a.message.signature:
        return []
    return [
        (start, end, name)
        for start, end, name, offsets in _named(a, a.message.signature)
        if own not in offsets
    ]
