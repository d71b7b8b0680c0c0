"""The time vocabulary: one table of categories, the pack's times.toml checked against it.

Why one table: every category of time word is declared here once, with the
``times.toml`` key its phrases come from and the flags the grammar reads
("strong": only time words have it; "follow": may follow a loose clock time;
…). A pack whose ``times.toml`` has a key this table does not know, or lacks
one it declares, is refused with a message naming the file and the key, so a
misspelt section never fails silently.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msglint.errors import MsglintError

if TYPE_CHECKING:
    from msglint.lang import LanguagePack

TOKEN_RE = re.compile(r"\d+|[^\W\d_]+|\S")
END = ""  # trie key holding the categories of a phrase that ends at a node
CURRENCY_AFTER = frozenset({"%", "€", "$", "£", "°", "¥"})
CLAUSE_ENDS = frozenset({".", "!", "?", ";", ":", ")"})
SENTENCE_ENDS = frozenset({".", "!", "?"})

# category      times.toml key                  flags
# Flags: strong (only time expressions have these words, unlike "at", "the"),
# function (function words, never strong alone), follow (may follow a lone
# hour for it to be a clock time: "at 5 tomorrow"), near (makes a lone number
# next to it a clock time where times.toml [clock] bare_hour_needs_context),
# clock_after (after a number, makes it an hour or a count, not a day of the
# month: "Friday 5 pm"), opens (opens an open interval), due ("at the
# latest" after it makes a deadline), hour_cue (before a bare "15 heures", says
# it is a time), day_cue (may follow a lone day: "le 3 à 14h"), near_day (a
# day before "à six" makes it a time), lone_day (before a lone day, says it is a
# date: « avant le 12 »), periodic (starts a recurrence, a duration or a "now"
# word: "every", "for", "currently"). anaphor ("the next day", « la veille ») counts
# from the last day the text named before it (today when none). wdplural
# ("Mondays") is made from the weekdays and number_rules.plural_suffixes; vague
# from vague_deadlines.txt.
_TABLE = """
month         months                          strong follow near clock_after hour_cue near_day
weekday       weekdays                        strong follow near hour_cue day_cue near_day lone_day
num           numbers                         strong
tens          tens                            strong
ordinal       ordinals                        strong
joiner        number_rules.joiners            function
unit          units                           strong clock_after
qty           quantities                      function
duration      durations                       strong
relday        relative_days                   strong follow near hour_cue day_cue near_day
anaphor       anaphora                        strong follow near hour_cue day_cue near_day
this_period   this_periods                    strong
now           now.phrases                     strong
nowword       now.words                       strong follow near
now_after     now.after                       function
later         now.later
present       now.present                     strong periodic
mod           modifiers                       function follow
postmod       postfix_modifiers               strong
wdweek        weekday_week                    strong
am            clock.am                        strong follow near clock_after
pm            clock.pm                        strong follow near clock_after
am_letter     clock.am_letter
pm_letter     clock.pm_letter
oclock        clock.oclock                    strong follow near clock_after
hmark         clock.hour_marks                strong clock_after
minword       clock.minute_words
hourof        clock.duration_of               function
lead          clock.leads                     function hour_cue day_cue
approx        clock.approx                    function follow
past          clock.past                      function
minjoin       clock.minute_joiners            function
to            clock.to                        function
clockword     clock.words                     strong
minphrase     clock.minute_phrases            strong
minus         clock.minute_minus.words        function
tz            timezones                       strong follow near
tzprefix      timezone_rules.offset_prefixes
daypart       dayparts                        strong follow near day_cue
reldaypart    relative_dayparts               strong follow near day_cue
rfrom         range_from                      function hour_cue lone_day
position      positions                       strong
posword       position_words                  strong follow near
weekend       weekend.words                   strong
quarter       quarters.words                  strong
fiscal        year_rules.fiscal_prefixes      strong
century       year_rules.century_words        strong
decword       year_rules.decade_words         strong
qprefix       quarters.prefixes
season        seasons,season_rules.words      strong
season_prep   season_rules.preps              function
holiday       holidays                        strong follow near near_day
conj          vague_rules.conjunctions,vague_rules.idioms function
before        prepositions.before             function follow opens due hour_cue day_cue lone_day
until         prepositions.until              function follow opens due hour_cue lone_day
after         prepositions.after              function follow opens hour_cue day_cue lone_day
after_amount  prepositions.after_duration
within        prepositions.within             function
latest        prepositions.latest             function follow day_cue
rbetween      prepositions.range_between      function hour_cue lone_day
rto           prepositions.range_to           function follow hour_cue day_cue
rand          prepositions.range_and          function
conn          prepositions.connectors         function follow day_cue
in            prepositions.in                 function
ago           prepositions.ago                function
agopre        prepositions.ago_prefix         function
about         prepositions.about              function
hence         prepositions.hence              function
hence_today   prepositions.hence_today
dateprep      prepositions.date_preps         function lone_day
dayart        prepositions.day_articles       function follow
of            prepositions.of                 function
bareof        prepositions.noun_of            function
described     prepositions.described_by       function
article       prepositions.articles           function
durprep       prepositions.duration_preps     function periodic
notnum        prepositions.not_before_number  function
every         prepositions.every              function periodic
since         prepositions.since_duration     function periodic
recurword     recurrences.words               strong periodic
wdplural      -                               strong periodic
habitual      prepositions.habitual_articles  function periodic
dpplural      -
vague         -
"""
# Keys of times.toml that are settings, not phrase categories, and their types.
SETTINGS: dict[str, type | tuple[type, ...]] = {
    "date_order": str,
    "two_digit_year_window": int,
    "month_rules.weak": list,
    "month_rules.abbreviations": list,
    "weekday_rules.weak": list,
    "weekday_rules.weak_need_date": bool,
    "number_rules.lone_day_needs_context": bool,
    "number_rules.ordinal_suffixes": list,
    "number_rules.day_suffixes": list,
    "number_rules.day_needs_ordinal": bool,
    "number_rules.plural_suffixes": list,
    "number_rules.more": list,
    "clock.weak_leads": list,
    "clock.bare_hour_needs_context": bool,
    "clock.letter_hour_marks": list,
    "prepositions.day_number_leads": list,
    "prepositions.particles_before_lead": list,
    "position_spans": dict,
    "weekend.span": list,
    "past_cues.skip": list,
    "past_cues.suffixes": list,
    "past_cues.words": list,
    "past_cues.not_past": list,
    "past_cues.not_after": list,
    "past_cues.after_words": list,
    "year_rules.leads": list,
    "caps_only": list,
    "caps_names": list,
    "timezone_rules.caps_only": list,
    "year_rules.list_joiners": list,
    "year_rules.decade_leads": list,
    "year_rules.decade_suffixes": list,
    "year_rules.thousands": list,
    "year_rules.short_leads": list,
    "year_rules.glued_leads": list,
    "year_rules.measures": list,
    "year_rules.count_leads": list,
    "year_rules.old_leads": list,
    "name_rules.places": list,
    "name_rules.events": list,
}


def _read_table() -> tuple[tuple[str, tuple[str, ...], frozenset[str]], ...]:
    rows = []
    for line in _TABLE.strip().splitlines():
        name, keys, *flags = line.split()
        rows.append((name, tuple(k for k in keys.split(",") if k != "-"), frozenset(flags)))
    return tuple(rows)


CATEGORIES = _read_table()
FLAGS = {name: flags for name, _, flags in CATEGORIES}


def flagged(flag: str) -> frozenset[str]:
    """The categories carrying a flag of the table."""
    return frozenset(name for name, flags in FLAGS.items() if flag in flags)


STRONG = flagged("strong")
FUNCTION = flagged("function")
FOLLOW = flagged("follow")
NEAR_TIME = flagged("near")
CLOCK_AFTER = flagged("clock_after")
OPENERS = flagged("opens")
DEADLINE = flagged("due")
HOUR_CUES = flagged("hour_cue")
DAY_CUES = flagged("day_cue")
DAY_BEFORE = flagged("near_day")
DAY_CONTEXT = flagged("lone_day")
PERIODIC = flagged("periodic")
DECLARED = frozenset(key for _, keys, _ in CATEGORIES for key in keys) | frozenset(SETTINGS)


# Tables that hold declared keys ("clock" for "clock.am"), to walk into them.
_PARENTS = frozenset(
    key.rsplit(".", depth)[0] for key in DECLARED for depth in range(1, key.count(".") + 1)
)


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Dotted keys of a TOML table, descending only where the table declares deeper keys."""
    out: dict[str, Any] = {}
    for key, value in table.items():
        path = f"{prefix}{key}"
        deeper = path in _PARENTS
        if isinstance(value, dict) and deeper and path not in DECLARED:
            out.update(_flatten(value, path + "."))
        else:
            out[path] = value
    return out


def validate(raw: dict[str, Any], where: str) -> dict[str, Any]:
    """The dotted keys of a times.toml, after checking them against the table."""
    flat = _flatten(raw)
    unknown = sorted(set(flat) - DECLARED)
    if unknown:
        raise MsglintError(where, f"unknown key {unknown[0]!r} (not in the time vocabulary table)")
    missing = sorted(DECLARED - set(flat))
    if missing:
        raise MsglintError(where, f"missing key {missing[0]!r} of the time vocabulary table")
    for key, value in flat.items():
        expected = SETTINGS.get(key, (list, dict))
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise MsglintError(where, f"{key!r} has the wrong type {type(value).__name__}")
    return flat


@cache
def fold_table() -> dict[int, str]:
    """Lower case, accents off, one character for one (so offsets never move)."""
    import unicodedata

    table: dict[int, str] = {cp: chr(cp + 32) for cp in range(0x41, 0x5B)}
    for cp in range(0xC0, 0x250):
        base = unicodedata.normalize("NFKD", chr(cp))[:1].lower()
        if len(base) == 1 and base.isascii() and base.isalpha():
            table[cp] = base
    for char in "’‘`ʼ′":
        table[ord(char)] = "'"
    for char in "‐‑‒–—−":
        table[ord(char)] = "-"
    for char in "\u00a0\u202f\u2009":
        table[ord(char)] = " "
    return table


def phrase_keys(phrase: str) -> tuple[str, ...]:
    """Tokens of a data phrase, hyphens between words dropped (they are optional)."""
    folded = phrase.translate(fold_table()).strip()
    tokens = TOKEN_RE.findall(folded)
    if len(tokens) > 1:
        tokens = [t for t in tokens if t != "-"]
    return tuple(tokens)


def _first_keys(words: Any) -> set[str]:
    return {phrase_keys(w)[0] for w in words if phrase_keys(w)}


class Vocabulary:
    """The time vocabulary of one language, compiled once into a token trie."""

    def __init__(self, code: str, raw: dict[str, Any], vague: list[str]) -> None:
        from msglint.analysis.times.holidays import holiday_rule

        self.code = code
        flat = validate(raw, f"msglint/lang/{code}/times.toml")
        self.trie: dict[str, Any] = {}
        self.date_order = str(flat["date_order"])
        self.yy_window = int(flat["two_digit_year_window"])
        self.weak_months = _first_keys(flat["month_rules.weak"])
        self.month_abbrevs = _first_keys(flat["month_rules.abbreviations"])
        self.weak_weekdays = _first_keys(flat["weekday_rules.weak"])
        # « le jeu », « la mer. »: weak weekdays need a date or a time, a preposition is not enough
        self.weak_need_date = bool(flat["weekday_rules.weak_need_date"])
        # « le 12, avenue Foch »: a lone day needs date context (see Dates.day_in_context)
        self.lone_day_context = bool(flat["number_rules.lone_day_needs_context"])
        self.ord_suffixes = _first_keys(flat["number_rules.ordinal_suffixes"])
        # The ordinals a day of the month is written with: French « le 1er », never « le 3e ».
        self.day_suffixes = _first_keys(flat["number_rules.day_suffixes"])
        # English days need an ordinal ("the 15th"); French ones do not ("le 15").
        self.day_needs_ordinal = bool(flat["number_rules.day_needs_ordinal"])
        # "3 fridays from now"; "3 more days"
        self.plural_suffixes = tuple(str(w) for w in flat["number_rules.plural_suffixes"])
        self.more = _first_keys(flat["number_rules.more"])
        self.spans = flat["position_spans"]
        self.weekend_span = flat["weekend.span"]
        self.seasons = flat["seasons"]
        self.quarter_prefixes = _first_keys(flat["quarters.prefixes"])
        # "une table pour six": after these leads a lone hour is never a clock time.
        self.weak_leads = {phrase_keys(w) for w in flat["clock.weak_leads"]}
        # A lone hour after a lead needs a time word next to it ("à six" alone is not).
        self.bare_hour_context = bool(flat["clock.bare_hour_needs_context"])
        # One-letter hour marks ("15h"): never a year's or a day's suffix, a unit only after digits.
        self.letter_marks = _first_keys(flat["clock.letter_hour_marks"])
        # "jusqu'au 15", "la semaine du 7": words after which a lone number is a day.
        self.day_leads = _first_keys(flat["prepositions.day_number_leads"])
        # "stop by at 6:30": deadline words that are particles before a clock lead.
        self.particles = _first_keys(flat["prepositions.particles_before_lead"])
        self.past_skip = _first_keys(flat["past_cues.skip"])
        self.past_suffixes = tuple(str(w).lower() for w in flat["past_cues.suffixes"])
        self.past_words = _first_keys(flat["past_cues.words"])
        self.not_past = _first_keys(flat["past_cues.not_past"])
        self.past_not_after = _first_keys(flat["past_cues.not_after"])
        self.past_after_words = _first_keys(flat["past_cues.after_words"])
        # "the 2019 budget", « le plan 2024 »: a lone year after these words (or after
        # one of them and a noun) is a year; "1994, 1995 and 1997": joiners of a list.
        self.year_leads = _first_keys(flat["year_rules.leads"])
        # "BOY" is the beginning of the year, "boy" a boy: one-word phrases read only in capitals
        self.caps_only = frozenset("".join(phrase_keys(w)) for w in flat["caps_only"])
        # French "est" (is), "tu" (you): a zone only written in capitals ("9 h EST")
        # « le Midi », « la Nuit des musées »: with a capital inside a sentence, a name
        self.caps_names = frozenset("".join(phrase_keys(w)) for w in flat["caps_names"])
        self.zone_caps = frozenset(
            "".join(phrase_keys(w)) for w in flat["timezone_rules.caps_only"]
        )
        self.year_joiners = _first_keys(flat["year_rules.list_joiners"])
        # "the 1990s", « les années 90 »: a decade
        self.decade_leads = _first_keys(flat["year_rules.decade_leads"])
        self.decade_suffixes = _first_keys(flat["year_rules.decade_suffixes"])
        # "the year two thousand": the word for a thousand in a spelled-out year
        self.thousands = _first_keys(flat["year_rules.thousands"])
        # « en 98 », « depuis 97 »: words after which two digits above 31 are a year
        self.short_year_leads = _first_keys(flat["year_rules.short_leads"])
        # "post-1959", « l'après-1945 »: prefixes joined to a year by a hyphen
        self.year_glued_leads = _first_keys(flat["year_rules.glued_leads"])
        # « une amende de 2000 francs », "in 2000 metres": after a number, an amount
        self.measures = _first_keys(flat["year_rules.measures"])
        # « plus de 2000 personnes », "some 2000 troops": before a number, a count
        self.count_leads = frozenset(phrase_keys(w) for w in flat["year_rules.count_leads"])
        # "in 1648", « en 1789 »: the only words before which a year below 1800 is read
        self.old_year_leads = _first_keys(flat["year_rules.old_leads"])
        # « rue du 8-Mai », « l'accord du Vendredi saint », "the Good Friday agreement":
        # nouns that make the date or holiday beside them part of a name
        self.name_places = _first_keys(flat["name_rules.places"])
        self.name_events = _first_keys(flat["name_rules.events"])
        tables: list[tuple[str, Any]] = []
        for name, keys, _ in CATEGORIES:
            for key in keys:
                table = flat[key]
                if name == "holiday":
                    table = {k: holiday_rule(v) for k, v in table.items()}
                tables.append((name, table))
        # "Mondays", « les lundis »: full weekday names with a plural ending (recurrences).
        plurals = {
            key[0] + suffix: value
            for phrase, value in flat["weekdays"].items()
            for key in [phrase_keys(str(phrase))]
            if len(key) == 1 and len(key[0]) > 3 and key[0] not in self.weak_weekdays
            for suffix in self.plural_suffixes
            if suffix
        }
        tables.append(("wdplural", plurals))
        # « tous les matins », « tous les soirs »: one-word parts of the day with a plural
        # ending, read only after "every" (« les matins d'hiver » name no time)
        parts = {
            key[0] + suffix: value
            for phrase, value in flat["dayparts"].items()
            for key in [phrase_keys(str(phrase))]
            if len(key) == 1 and not key[0].endswith(tuple(s for s in self.plural_suffixes if s))
            for suffix in self.plural_suffixes
            if suffix
        }
        tables.append(("dpplural", parts))
        # Vague deadlines ("ASAP", "dès que possible") share the trie; "re:" lines of
        # the lexicon are regular expressions and keep their own matcher.
        self.vague_regex = None
        plain = [p for p in vague if not p.startswith("re:")]
        tables.append(("vague", plain))
        if len(plain) < len(vague):
            from msglint.lang.lexicon import Lexicon

            self.vague_regex = Lexicon([p for p in vague if p.startswith("re:")], f"{code}/vague")
        strong: set[str] = set()
        weak: set[str] = set()
        for cat, table in tables:
            items = table.items() if isinstance(table, dict) else ((w, True) for w in table)
            for phrase, value in items:
                keys = phrase_keys(str(phrase))
                if not keys:
                    continue
                node = self.trie
                for key in keys:
                    node = node.setdefault(key, {})
                node.setdefault(END, {})[cat] = value
                if cat in STRONG:
                    strong.update(keys)
                elif cat in FUNCTION and len(keys) == 1:
                    weak.update(keys)
        # A lone "-" token never starts an expression; the rest of the first keys do.
        self.starts = frozenset(k for k in self.trie if k not in {END, "-", ",", "'"})
        self.vague_first = frozenset(_first_keys(plain))
        self.later_first = frozenset(_first_keys(flat["now.later"]))
        # Conjunctions and idioms that hold time words but name no time: skipped whole.
        skipped = list(flat["vague_rules.conjunctions"]) + list(flat["vague_rules.idioms"])
        self.conj_first = frozenset(_first_keys(skipped))
        # Tokens that only time words contain: an expression has one within a few
        # tokens of its start, so the grammar is not even tried elsewhere.
        self.strong = frozenset(k for k in strong - weak if len(k) > 1 and k.isalnum())
        # Every token of every phrase: a function word starts an expression only
        # when the next token is one of these (or a number).
        self.vocabulary = frozenset(
            strong | weak | {k for keys in _all_keys(self.trie) for k in keys}
        )


def _all_keys(trie: dict[str, Any]) -> list[set[str]]:
    """The tokens of a trie, level by level (for the vocabulary of a language)."""
    levels: list[set[str]] = []
    nodes = [trie]
    while nodes:
        level = {key for node in nodes for key in node if key != END}
        if not level:
            break
        levels.append(level)
        nodes = [child for node in nodes for key, child in node.items() if key != END]
    return levels


@cache
def vocabulary(pack: LanguagePack) -> Vocabulary | None:
    """The compiled vocabulary of a language pack, or None when it has no time words."""
    if not (pack.folder / "times.toml").is_file():
        return None
    vague: list[str] = []
    if (pack.folder / "vague_deadlines.txt").is_file():
        vague = list(pack.lexicon("vague_deadlines").entries)
    return Vocabulary(pack.code, pack.data("times"), vague)


def check_pack(folder: Path, code: str) -> None:
    """Raise MsglintError when a pack folder's times.toml does not match the table."""
    from msglint.config_io import load_toml

    validate(load_toml(folder / "times.toml"), f"msglint/lang/{code}/times.toml")
