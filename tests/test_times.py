"""Time expressions and deadline words (msglint.analysis.times), English and French.

All cases are resolved against one reference time, Tuesday 10 March 2026,
09:15 at UTC+1, so every expected value is written out in full.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from msglint.analysis.model import TimeExpr
from msglint.analysis.times import find_times as find_datetimes
from msglint.lang import get_pack


def find_times(text: str, lang: str, now: datetime, field: str = "body") -> list[TimeExpr]:
    """find_times with values as the reports write them (ISO 8601), as these tests state them."""
    return [as_written(t) for t in find_datetimes(text, get_pack(lang), now, field)]


def as_written(expr: TimeExpr) -> TimeExpr:
    iso = {k: getattr(expr, k) for k in ("value", "end_value")}
    return replace(expr, **{k: v.isoformat() if v else v for k, v in iso.items()})


CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 3, 10, 9, 15, tzinfo=CET)  # a Tuesday


def one(text: str, lang: str = "en") -> TimeExpr:
    """The only time expression of ``text``."""
    found = find_times(text, lang, NOW)
    assert len(found) == 1, found
    return found[0]


def texts(text: str, lang: str = "en") -> list[str]:
    return [t.text for t in find_times(text, lang, NOW)]


# --------------------------------------------------------------- English values


def test_deadline_before_with_clock_time() -> None:
    expr = one("Please send the deck by Friday 5pm.")
    assert expr.kind == "open_interval"
    assert expr.direction == "before"
    assert expr.value == "2026-03-13T17:00:00+01:00"
    assert expr.has_time and not expr.has_timezone


def test_after_is_an_open_interval_after() -> None:
    expr = one("Call me after 2pm.")
    assert (expr.kind, expr.direction, expr.value) == (
        "open_interval",
        "after",
        "2026-03-10T14:00:00+01:00",
    )


def test_within_a_duration() -> None:
    expr = one("Reply within 48 hours.")
    assert (expr.kind, expr.direction) == ("open_interval", "before")
    assert expr.value == "2026-03-12T09:15:00+01:00"


def test_clock_interval_takes_pm_from_its_end() -> None:
    expr = one("I'm free from 2 to 4pm.")
    assert expr.kind == "interval"
    assert (expr.value, expr.end_value) == (
        "2026-03-10T14:00:00+01:00",
        "2026-03-10T16:00:00+01:00",
    )


def test_end_of_month_is_the_last_days() -> None:
    expr = one("by the end of the month")
    assert expr.direction == "before"
    assert expr.end_value == "2026-03-31T00:00:00+01:00"


def test_end_of_day_takes_its_day_from_elsewhere() -> None:
    expr = one("Please reply by COB tomorrow.")
    assert expr.direction == "before"
    assert expr.value.startswith("2026-03-11T17:00")
    assert not expr.has_time


def test_weekday_range_wraps_to_the_next_week() -> None:
    expr = one("Open Friday through Monday.")
    assert (expr.value, expr.end_value) == (
        "2026-03-13T00:00:00+01:00",
        "2026-03-16T00:00:00+01:00",
    )


# --------------------------------------------------------------- French values


def test_anaphora_count_from_the_last_day_named() -> None:
    """ "the day after", « la veille »: the day before or after the last date of the text."""
    found = find_times("The launch is on 3 April. The day after, we fly home.", "en", NOW)
    assert [(t.text, t.value[:10]) for t in found] == [
        ("3 April", "2026-04-03"),
        ("The day after", "2026-04-04"),
    ]
    found = find_times("La réunion est le 20 mars. La veille, on prépare tout.", "fr", NOW)
    assert [t.value[:10] for t in found] == ["2026-03-20", "2026-03-19"]
    # a whole period: the one holding the last date named
    found = find_times("He left in June 1998 and came back later that year.", "en", NOW)
    assert [t.value[:10] for t in found] == ["1998-06-01", "1998-01-01"]
    # with no date before it, today is the anchor
    assert one("Le lendemain, il est parti.", "fr").value.startswith("2026-03-11")


def test_news_years_decades_and_proper_names() -> None:
    """Years as modifiers and in lists, decades; an abbreviation that is a word is not one."""
    assert texts("Sales in 1994, 1995 and 1997 and the 2019 budget.") == [
        "1994",
        "1995",
        "1997",
        "2019",
    ]
    assert one("It was big in the '80s.").kind == "interval"
    assert texts("The boy was in his 30s.") == []
    # a day listed before a full date takes its month: « les 6 et 13 avril »
    found = find_times("Les élections ont lieu les 6 et 13 avril prochains.", "fr", NOW)
    assert [t.value[:10] for t in found] == ["2026-04-06", "2026-04-13"]


def test_french_intervals() -> None:
    hours = one("Je suis libre entre 14h et 16h.", "fr")
    assert (hours.value, hours.end_value) == (
        "2026-03-10T14:00:00+01:00",
        "2026-03-10T16:00:00+01:00",
    )
    days = one("En congé du 23 au 25 mars.", "fr")
    assert (days.value, days.end_value) == (
        "2026-03-23T00:00:00+01:00",
        "2026-03-25T00:00:00+01:00",
    )


def test_french_end_of_month_and_week() -> None:
    month = one("Je le fais d'ici la fin du mois.", "fr")
    assert month.direction == "before"
    assert month.end_value == "2026-03-31T00:00:00+01:00"
    week = one("Livraison en fin de semaine.", "fr")
    assert week.kind == "interval"
    assert week.end_value == "2026-03-15T00:00:00+01:00"


# --------------------------------------------------------------------- flags


def test_french_time_zone() -> None:
    expr = one("À 17h heure de Paris.", "fr")
    assert expr.has_timezone
    assert expr.value == "2026-03-10T17:00:00+01:00"


def test_french_cet_determiner_is_not_a_time_zone() -> None:
    expr = one("À 3 heures cet après-midi.", "fr")
    assert not expr.has_timezone
    assert expr.value == "2026-03-10T15:00:00+01:00"


def test_time_without_zone() -> None:
    expr = one("Call at 5pm.")
    assert expr.has_time and not expr.has_timezone
    assert not one("Send it Friday.").has_time


def test_numeric_date_order_per_language() -> None:
    assert one("Due 03/04.").value.startswith("2026-03-04")  # English: month first
    assert one("Pour le 03/04.", "fr").value.startswith("2026-04-03")  # French: day first


def test_next_weekday_readings() -> None:
    # English "next Friday": the Friday of next week; French "vendredi prochain":
    # the coming Friday (both flagged ambiguous).
    assert one("next Friday").value.startswith("2026-03-20")
    assert one("vendredi prochain", "fr").value.startswith("2026-03-13")
    assert one("vendredi de la semaine prochaine", "fr").value.startswith("2026-03-20")


def test_weekday_named_with_a_full_date() -> None:
    wrong = one("Friday 12 December 2026")  # 12 December 2026 is a Saturday
    assert wrong.weekday == 4
    assert wrong.value == "2026-12-12T00:00:00+01:00"
    assert one("Saturday, December 12, 2026").weekday == 5
    assert one("vendredi 12 décembre 2026", "fr").weekday == 4
    assert one("Friday").weekday is None


def test_past_date_without_year_stays_in_the_past() -> None:
    # Two days ago, not next year: a "deadline already past" rule can see it.
    assert one("by March 8").value.startswith("2026-03-08")
    assert one("by January 20").value.startswith("2027-01-20")


# ------------------------------------------------------------------- vague words


def test_vague_phrases_are_data() -> None:
    """A new phrase in the lexicon is found without touching the code."""
    from msglint.analysis.times import Parser, Vocabulary
    from msglint.lang import get_pack

    pack = get_pack("fr")
    entries = [*pack.lexicon("vague_deadlines").entries, "à la saint-glinglin"]
    lang = Vocabulary("fr", pack.data("times"), entries)
    found = Parser("Tu me le rends à la Saint-Glinglin ?", lang, NOW).run("body")
    assert [(t.text, t.kind) for t in found] == [("à la Saint-Glinglin", "vague")]


# ------------------------------------------------------------ false positives


# --------------------------------------------------------------------- general


def test_results_are_sorted_and_do_not_overlap() -> None:
    text = "ASAP please, and by Friday at 5pm at the latest; tomorrow works too."
    found = find_times(text, "en", NOW)
    assert [t.text for t in found] == ["ASAP", "by Friday at 5pm at the latest", "tomorrow"]
    for left, right in itertools.pairwise(found):
        assert left.end <= right.start
    for expr in found:
        assert text[expr.start : expr.end] == expr.text


def test_field_is_passed_through() -> None:
    assert one("Budget due Friday", "en").field == "body"
    assert find_times("Budget due Friday", "en", NOW, field="subject")[0].field == "subject"


def test_naive_now_is_accepted() -> None:
    found = find_times("tomorrow", "en", datetime(2026, 3, 10, 9, 15))
    assert found[0].value.startswith("2026-03-11T00:00:00")


def test_empty_text() -> None:
    assert find_times("", "en", NOW) == []


def test_long_text_completes_linearly() -> None:
    """A 20,000-word text is scanned in one pass (a smoke test, not a timing)."""
    block = (
        "Hi team, as discussed on Monday we need the figures by Friday 5pm CET. "
        "There are 3 people and 12 pages, version 2.0 costs $500. "
        "Let me know when you get a chance, or call 555-123-4567 before 10:30 tomorrow. "
    )
    words = len(block.split())
    text = block * (20000 // words + 1)
    found = find_times(text, "en", NOW)
    per_block = find_times(block, "en", NOW)
    assert len(text.split()) >= 20000
    assert len(found) == len(per_block) * (20000 // words + 1)


# ------------------------------------------- corpus review (good messages)
# Written against Monday 14 December 2026, 09:00 CET, like the corpus.

DEC = datetime(2026, 12, 14, 9, 0, tzinfo=CET)


def dec(text: str, lang: str = "en") -> list[TimeExpr]:
    return find_times(text, lang, DEC)


def test_clock_range_after_a_full_date_takes_the_date_and_the_zone() -> None:
    (expr,) = dec("The room is booked for Tuesday 12 January 2027, 9:00 to 13:00 London time.")
    assert expr.text == "Tuesday 12 January 2027, 9:00 to 13:00 London time"
    assert expr.kind == "interval" and expr.has_timezone
    assert (expr.value, expr.end_value) == (
        "2027-01-12T09:00:00+00:00",
        "2027-01-12T13:00:00+00:00",
    )


def test_morning_start_of_a_24_hour_range() -> None:
    (expr,) = dec("Support now covers 8:00 to 18:00 CET.")
    assert (expr.value, expr.end_value) == (
        "2026-12-15T08:00:00+01:00",
        "2026-12-15T18:00:00+01:00",
    )


def test_hyphenated_compound_is_not_a_date() -> None:
    assert dec("Show them the fire exits and the first-aid kit.") == []
    assert dec("We bought a second-hand printer.") == []
    assert [t.text for t in dec("Call me at 5pm—it is easier.")] == ["at 5pm"]


def test_bare_last_month_is_the_past_one() -> None:
    (expr,) = dec("Reminder: invoice 2026-114 for November bookkeeping", "en")
    assert expr.value == "2026-11-01T00:00:00+01:00"
    assert dec("Brochures for January")[0].value == "2027-01-01T00:00:00+01:00"
    assert dec("We meet again in October")[0].value == "2027-10-01T00:00:00+01:00"


def test_french_payroll_deadline_and_period() -> None:
    now = datetime(2027, 1, 4, 9, 30, tzinfo=CET)
    body = (
        "J'ai besoin de votre décision sur le prestataire de paie d'ici le\n"
        "vendredi 15 janvier à 17 h (heure de Paris), pour signer avant la hausse\n"
        "de tarif du 1er février."
    )
    deadline, rise = find_times(body, "fr", now)
    assert (deadline.kind, deadline.direction, deadline.value) == (
        "open_interval",
        "before",
        "2027-01-15T17:00:00+01:00",
    )
    assert deadline.has_time and deadline.has_timezone and deadline.weekday == 4
    assert (rise.text, rise.value, rise.direction) == (
        "1er février",
        "2027-02-01T00:00:00+01:00",
        None,
    )
    # "pour 2027" in the subject names the year the contract is for, not a deadline
    (year,) = find_times("Décision attendue : prestataire de paie pour 2027", "fr", now)
    assert (year.text, year.kind, year.direction) == ("2027", "instant", None)


def test_later_is_an_open_interval_after_now() -> None:
    (expr,) = dec("On en reparle plus tard.", "fr")
    assert (expr.kind, expr.direction, expr.vague) == ("open_interval", "after", False)
    assert expr.value == "2026-12-14T09:00:00+01:00"


def test_french_spaced_hours_in_ranges_and_after_dates() -> None:
    hours, other = dec("Assuré de 8 h à 18 h (heure de Paris) au lieu de 9 h à 17 h.", "fr")
    assert hours.text == "de 8 h à 18 h (heure de Paris)" and hours.has_timezone
    assert (other.value, other.end_value) == (
        "2026-12-14T09:00:00+01:00",
        "2026-12-14T17:00:00+01:00",
    )
    (meeting,) = dec("Prochaine réunion : jeudi 7 janvier 2027 à 10 h (heure de Paris).", "fr")
    assert (meeting.kind, meeting.value) == ("instant", "2027-01-07T10:00:00+01:00")
    assert dec("Ça prend 2 h.", "fr") == []


# ------------------------------------------ lunar and lunisolar holidays (tables)


def test_nth_day_counts_from_the_last_day_named() -> None:
    """« la deuxième journée » is the day after the last day named; alone it is no date."""
    found = find_times(
        "La pré-rentrée a lieu le 3 mars ; la deuxième journée est boycottée.", "fr", NOW
    )
    assert [t.text for t in found] == ["le 3 mars", "la deuxième journée"]
    assert found[1].value is not None and found[1].value.startswith(found[0].value[:8] + "04")
    assert texts("The strike began on Monday. On the third day, talks resumed.")[1].endswith(
        "the third day"
    )
    assert texts("On my first day, it rained.") == []


def test_holiday_names_that_are_first_names_are_not_times() -> None:
    assert texts("Rakhi sent the file this morning.") == ["this morning"]


def test_every_holiday_table_a_pack_names_exists() -> None:
    from pathlib import Path

    from msglint.config_io import load_toml

    lang = Path(__file__).resolve().parent.parent / "msglint" / "lang"
    tables = load_toml(lang / "holiday_dates.toml")
    for pack in ("en", "fr"):
        rules = load_toml(lang / pack / "times.toml")
        for phrase, rule in rules["holidays"].items():
            if rule.startswith("table "):
                assert rule.split()[1] in tables, f"{pack}: {phrase!r} names {rule!r}"


# ------------------------------------------------- the corpora of tests/data/times

CORPUS = Path(__file__).resolve().parent / "data" / "times"
CASE_KEYS = {
    "text",
    "now",
    "span",
    "span_contains",
    "value",
    "value_starts",
    "end_value",
    "end_starts",
    "grain",
    "kind",
    "direction",
    "vague",
    "ambiguous",
    "has_time",
    "has_timezone",
    "vague_only",
}


def _corpus() -> list[Any]:
    """Every case of tests/data/times/<lang>.toml, one test each."""
    from msglint.config_io import load_toml

    cases = []
    for path in sorted(CORPUS.glob("*.toml")):
        data = load_toml(path)
        for section in ("match", "none"):
            for number, case in enumerate(data.get(section, []), start=1):
                case_id = f"{path.stem}-{section}-{number}"
                cases.append(pytest.param(path.stem, section, case, data["references"], id=case_id))
    return cases


@pytest.mark.parametrize(("lang", "section", "case", "references"), _corpus())
def test_time_corpus(lang: str, section: str, case: dict, references: dict) -> None:
    """A phrase of the corpus has its one expected expression, or none."""
    assert set(case) <= CASE_KEYS, f"unknown keys {set(case) - CASE_KEYS}"
    text = case["text"]
    found = find_times(text, lang, datetime.fromisoformat(references[case.get("now", "march")]))
    if section == "none":
        assert not [t for t in found if t.vague or not case.get("vague_only")], found
        return
    assert len(found) == 1, found
    expr = found[0]
    assert text[expr.start : expr.end] == expr.text
    for key in ("grain", "kind", "direction", "vague", "ambiguous", "has_time", "has_timezone"):
        if key in case:
            assert getattr(expr, key) == (None if case[key] == "none" else case[key]), (key, expr)
    for key in ("value", "end_value"):
        if key in case:
            assert getattr(expr, key) == (None if case[key] == "none" else case[key]), (key, expr)
    if "span" in case:
        assert expr.text == case["span"], expr
    assert case.get("span_contains", "") in expr.text, expr
    assert (expr.value or "").startswith(case.get("value_starts", "")), expr
    assert (expr.end_value or "").startswith(case.get("end_starts", "")), expr
    if "value_starts" in case or "end_starts" in case:
        assert expr.value is not None, expr


# ------------------------------------------------------- the vocabulary table


def test_packs_match_the_vocabulary_table() -> None:
    """Every key of each pack's times.toml is declared once in vocab.py, and none is missing."""
    from msglint.analysis.times.vocab import check_pack
    from msglint.lang import available_languages, get_pack

    codes = [c for c in available_languages() if (get_pack(c).folder / "times.toml").is_file()]
    assert {"en", "fr"} <= set(codes)
    for code in codes:
        check_pack(get_pack(code).folder, code)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda raw: raw["clock"].update(hour_markz=["h"]), "unknown key 'clock.hour_markz'"),
        (lambda raw: raw.update(weekdayz={"lundi": 0}), "unknown key 'weekdayz'"),
        (lambda raw: raw["prepositions"].pop("before"), "missing key 'prepositions.before'"),
        (lambda raw: raw.pop("months"), "missing key 'months'"),
        (
            lambda raw: raw.update(two_digit_year_window="20"),
            "'two_digit_year_window' has the wrong",
        ),
    ],
)
def test_a_pack_off_the_table_is_refused(tmp_path, change, problem: str) -> None:  # type: ignore[no-untyped-def]
    """A misspelt or missing section is a clear error naming the file and the key."""
    from msglint.analysis.times import Vocabulary
    from msglint.errors import MsglintError
    from msglint.lang import get_pack

    raw = get_pack("fr").data("times")
    change(raw)
    with pytest.raises(MsglintError) as error:
        Vocabulary("xx", raw, [])
    assert "msglint/lang/xx/times.toml" in str(error.value)
    assert problem in str(error.value)


def test_parser_triggers_are_declared_categories() -> None:
    """A parser triggered by a category the table does not declare fails at import."""
    from msglint.analysis.times.combine import rule
    from msglint.analysis.times.grammar.dates import Dates

    with pytest.raises(ValueError, match="weekdya"):
        rule(Dates.date_md, "month weekdya")


def test_undated_kinds_are_never_deadlines() -> None:
    """Recurrences, durations and "now" words are facts of inspect, not deadlines."""
    from msglint.analysis import analyze_many
    from msglint.inputs import Source, parse

    texts = {
        "en": "Could you send me the figures every Monday? I have done it for two years and "
        "it is currently manual.",
        "fr": "Peux-tu m'envoyer les chiffres tous les lundis ? Je le fais depuis deux ans et "
        "c'est désormais trop long.",
    }
    messages = [parse(t.encode(), Source("m.txt", "text"), "chat") for t in texts.values()]
    for lang, analysis in zip(texts, analyze_many(messages, list(texts), DEC)):
        kinds = {t.kind for t in analysis.times}
        assert {"recurrence", "duration", "present"} <= kinds, (lang, analysis.times)
        assert analysis.deadlines == [], (lang, analysis.deadlines)


def test_grammar_names_only_declared_categories() -> None:
    """Every category the grammar looks up is a row of the vocabulary table (no silent typo)."""
    import re

    from msglint.analysis.times.vocab import FLAGS

    package = Path(__file__).resolve().parent.parent / "msglint" / "analysis" / "times"
    patterns = [
        r"(?:has|prev_is)\([^()]*?, \"([a-z_]+)\"\)",
        r"\"([a-z_]+)\" (?:not )?in (?:found|cats|self\.m\(|nxt)",
        r"found(?:\.get\(|\[)\"([a-z_]+)\"",
    ]
    names: set[str] = set()
    for path in package.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for pattern in patterns:
            names.update(re.findall(pattern, source))
    assert len(names) > 30, names
    assert names <= set(FLAGS), sorted(names - set(FLAGS))


def test_a_bare_day_listed_after_a_date_takes_its_month() -> None:
    """ "Oct. 23 and 24": the 24th of October; "March 3 and 4 people" is a count."""
    now = datetime(2026, 3, 10, 9, tzinfo=timezone.utc)
    found = find_times("On Oct. 23 and 24, the fair opens.", "en", now)
    assert [(t.text, t.value[:10] if t.value else None) for t in found] == [
        ("Oct. 23", "2026-10-23"),
        ("24", "2026-10-24"),
    ]
    assert [t.text for t in find_times("On March 3 and 4 people came.", "en", now)] == ["March 3"]


def test_match_minute_is_a_moment_of_the_day_named_before() -> None:
    """« À la 89e minute »: the day of the match named before; alone, nothing."""
    now = datetime(2026, 3, 10, 9, tzinfo=timezone.utc)
    text = "Samedi 7 mars, Nancy a battu Metz. À la 89e minute, Dugarry a égalisé."
    found = find_times(text, "fr", now)
    assert [(t.text, t.value[:10] if t.value else None) for t in found] == [
        ("Samedi 7 mars", "2026-03-07"),
        ("la 89e minute", "2026-03-07"),
    ]
    assert find_times("À la 89e minute, Dugarry a égalisé.", "fr", now) == []


def test_period_before_counts_from_the_last_date_named() -> None:
    """ "In 1996 …; the year before": 1995, not the year before now."""
    now = datetime(2026, 3, 4, 12, tzinfo=timezone.utc)
    found = find_times("In 1996, the firm lost money; the year before, it had gained.", "en", now)
    assert [(t.text, (t.value or "")[:4]) for t in found] == [
        ("1996", "1996"),
        ("the year before", "1995"),
    ]
    found = find_times("En 1996, elle a perdu ; l'année d'avant, elle avait gagné.", "fr", now)
    assert [(t.value or "")[:4] for t in found] == ["1996", "1995"]


def test_a_chat_turn_ends_its_times() -> None:
    """A weekday closing one turn is not joined to the next turn's stamp (real export)."""
    import msglint

    export = (
        "17/12/2026 21:09 - Maud: Je préviens Granvert que le déchargement glisse à mardi\n"
        "17/12/2026 21:10 - Régis: dites leur mercredi plutôt\n"
    )
    result = msglint.check(export, kind="chat", lang="fr", now="2026-12-17T21:15:00+01:00")
    texts = [t.text for t in result.analysis.times]
    assert "mardi" in texts and "mercredi" in texts
    assert not any("\n" in t for t in texts)
    assert "DL05" not in {f.code for f in result.findings}
    # An e-mail is hard-wrapped: a date may run over a line break there.
    wrapped = find_datetimes("Can we meet on Tuesday\n15 December at 10?", get_pack("en"), NOW)
    assert any("\n" in t.text for t in wrapped)
