"""Time expressions and deadline words (msglint.analysis.times), English and French.

All cases are resolved against one reference time, Tuesday 10 March 2026,
09:15 at UTC+1, so every expected value is written out in full.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import datetime, timedelta, timezone

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


@pytest.mark.parametrize(
    ("text", "span", "value", "grain"),
    [
        (
            "The offsite is on 12 December 2026.",
            "12 December 2026",
            "2026-12-12T00:00:00+01:00",
            "day",
        ),
        ("Send it December 12, please.", "December 12", "2026-12-12T00:00:00+01:00", "day"),
        ("The date is 2026-12-12.", "2026-12-12", "2026-12-12T00:00:00+01:00", "day"),
        (
            "Can we talk tomorrow at 10:30?",
            "tomorrow at 10:30",
            "2026-03-11T10:30:00+01:00",
            "minute",
        ),
        ("Let's do it on Friday.", "Friday", "2026-03-13T00:00:00+01:00", "day"),
        ("I'll call you tonight.", "tonight", "2026-03-10T18:00:00+01:00", "hour"),
        ("See you at noon?", "at noon", "2026-03-10T12:00:00+01:00", "hour"),
        ("Meet at 5pm.", "at 5pm", "2026-03-10T17:00:00+01:00", "hour"),
        ("The call is at 17:00.", "at 17:00", "2026-03-10T17:00:00+01:00", "minute"),
        ("Back in 3 days.", "in 3 days", "2026-03-13T09:00:00+01:00", "hour"),
        ("Planning for next week.", "next week", "2026-03-16T00:00:00+01:00", "week"),
        ("Targets for Q3 2026.", "Q3 2026", "2026-07-01T00:00:00+01:00", "quarter"),
        ("We start in June.", "June", "2026-06-01T00:00:00+01:00", "month"),
        ("Done last Thursday.", "last Thursday", "2026-03-05T00:00:00+01:00", "day"),
        ("Christmas is busy.", "Christmas", "2026-12-25T00:00:00+01:00", "day"),
    ],
)
def test_english_values(text: str, span: str, value: str, grain: str) -> None:
    expr = one(text)
    assert (expr.text, expr.value, expr.grain) == (span, value, grain)
    assert text[expr.start : expr.end] == expr.text


def test_deadline_before_with_clock_time() -> None:
    expr = one("Please send the deck by Friday 5pm.")
    assert expr.kind == "open_interval"
    assert expr.direction == "before"
    assert expr.value == "2026-03-13T17:00:00+01:00"
    assert expr.has_time and not expr.has_timezone


@pytest.mark.parametrize(
    "text",
    ["no later than Thursday", "before Thursday", "by Thursday", "Thursday at the latest"],
)
def test_before_words(text: str) -> None:
    expr = one(f"I need it {text}.")
    assert expr.direction == "before"
    assert expr.value == "2026-03-12T00:00:00+01:00"


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


@pytest.mark.parametrize(
    ("text", "span", "value", "grain"),
    [
        ("Réunion le 12 décembre.", "le 12 décembre", "2026-12-12T00:00:00+01:00", "day"),
        ("On se voit demain à 17h30.", "demain à 17h30", "2026-03-11T17:30:00+01:00", "minute"),
        ("Je reviens après-demain.", "après-demain", "2026-03-12T00:00:00+01:00", "day"),
        ("On en parle ce soir.", "ce soir", "2026-03-10T18:00:00+01:00", "hour"),
        ("Je te rappelle dans 2 heures.", "dans 2 heures", "2026-03-10T11:15:00+01:00", "minute"),
        ("Déjeuner à midi.", "à midi", "2026-03-10T12:00:00+01:00", "hour"),
        ("Rendez-vous à 17h.", "à 17h", "2026-03-10T17:00:00+01:00", "hour"),
        (
            "C'est prévu la semaine prochaine.",
            "la semaine prochaine",
            "2026-03-16T00:00:00+01:00",
            "week",
        ),
        ("Nous partons en juillet.", "juillet", "2026-07-01T00:00:00+01:00", "month"),
        ("Fermé à la Toussaint.", "la Toussaint", "2026-11-01T00:00:00+01:00", "day"),
    ],
)
def test_french_values(text: str, span: str, value: str, grain: str) -> None:
    expr = one(text, "fr")
    assert (expr.text, expr.value, expr.grain) == (span, value, grain)


@pytest.mark.parametrize(
    ("text", "direction", "value"),
    [
        ("Merci de répondre avant 16h.", "before", "2026-03-10T16:00:00+01:00"),
        ("Au plus tard le 20 mars.", "before", "2026-03-20T00:00:00+01:00"),
        ("Le 20 mars au plus tard.", "before", "2026-03-20T00:00:00+01:00"),
        ("Disponible jusqu'à jeudi.", "until", "2026-03-12T00:00:00+01:00"),
        ("Je suis là à partir de lundi.", "after", "2026-03-16T00:00:00+01:00"),
    ],
)
def test_french_open_intervals(text: str, direction: str, value: str) -> None:
    expr = one(text, "fr")
    assert (expr.kind, expr.direction, expr.value) == ("open_interval", direction, value)


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


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Send it by 5pm CET.", "2026-03-10T17:00:00+01:00"),
        ("Call at 14:00 UTC.", "2026-03-10T14:00:00+00:00"),
        ("Meet at 9 am ET.", "2026-03-10T09:00:00-04:00"),  # New York is on summer time
        ("Deploy at 18:00 +02:00.", "2026-03-10T18:00:00+02:00"),
        ("Call at 5pm GMT+1.", "2026-03-10T17:00:00+01:00"),
    ],
)
def test_time_zone_is_flagged_and_kept(text: str, value: str) -> None:
    expr = one(text)
    assert expr.has_timezone and expr.has_time
    assert expr.value == value


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


@pytest.mark.parametrize(
    ("text", "lang", "ambiguous"),
    [
        ("Due 03/04.", "en", True),
        ("Due 25/12.", "en", False),
        ("Due 10/10.", "en", False),
        ("Due 2026-03-04.", "en", False),
        ("Pour le 03/04.", "fr", True),
        ("See you next Friday.", "en", True),
        ("See you this Friday.", "en", False),
        ("On se voit vendredi prochain.", "fr", True),
        ("On se voit vendredi.", "fr", False),
    ],
)
def test_ambiguous_flag(text: str, lang: str, ambiguous: bool) -> None:
    assert one(text, lang).ambiguous is ambiguous


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


@pytest.mark.parametrize(
    "phrase",
    [
        "ASAP",
        "as soon as possible",
        "when you get a chance",
        "at your earliest convenience",
        "soon",
        "whenever you can",
    ],
)
def test_english_vague_deadlines(phrase: str) -> None:
    expr = one(f"Please review it {phrase}.")
    assert (expr.kind, expr.vague, expr.value, expr.text) == ("vague", True, None, phrase)


@pytest.mark.parametrize(
    "phrase",
    [
        "dès que possible",
        "rapidement",
        "au plus vite",
        "prochainement",
        "quand tu peux",
        "dans les meilleurs délais",
        "à ta convenance",
    ],
)
def test_french_vague_deadlines(phrase: str) -> None:
    expr = one(f"Merci de me répondre {phrase}.", "fr")
    assert (expr.kind, expr.vague, expr.value) == ("vague", True, None)


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


@pytest.mark.parametrize(
    "text",
    [
        "We have 3 people on the team.",
        "Version 2.0 is out, see page 12.",
        "It costs $500, that is 20% more.",
        "Call me on 555-123-4567.",
        "You may want to check it.",
        "She will march on.",
        "The second option is better.",
        "I second that.",
        "I sat down.",
        "The sun is shining.",
        "We offer 24/7 support.",
        "About 3/4 of the team agreed.",
        "Pay ABC 2000",
        "Look at 3 options.",
        "It took 2h.",
        "Stay at the point.",
    ],
)
def test_english_non_times(text: str) -> None:
    assert find_times(text, "en", NOW) == []


@pytest.mark.parametrize(
    "text",
    [
        "Il a été très clair.",
        "J'ai 3 personnes dans l'équipe.",
        "La fin du projet approche.",
        "Le dossier est au point mort.",
        "Cela coûte 20 € ou 15 %.",
        "Le 3 est meilleur.",
        "Or, il faut choisir.",
        "Appelle-moi au 06 12 34 56 78.",
        "Mars est une planète.",
        "Ça prend 2h.",
        "J'ai relu les pages 12 à 15 du rapport.",
        "La réunion dure pendant 2h.",
    ],
)
def test_french_non_times(text: str) -> None:
    assert find_times(text, "fr", NOW) == []


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


@pytest.mark.parametrize(
    "text",
    [
        "J'ai réservé une table pour six au Bistrot des Halles.",
        "Une salle pour 6 au deuxième étage.",
        "Ils viennent à six.",
    ],
)
def test_french_lone_number_after_pour_or_a_is_not_a_clock_time(text: str) -> None:
    assert dec(text, "fr") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("On se voit demain à six.", "2026-12-15T06:00:00+01:00"),
        ("Rendez-vous à six heures.", "2026-12-14T18:00:00+01:00"),
        ("Je passe à six ce soir.", "2026-12-14T18:00:00+01:00"),
        ("Il me le faut pour 10h.", "2026-12-14T10:00:00+01:00"),
    ],
)
def test_french_hour_with_time_context_still_counts(text: str, value: str) -> None:
    (expr,) = dec(text, "fr")
    assert expr.value == value


def test_hyphenated_compound_is_not_a_date() -> None:
    assert dec("Show them the fire exits and the first-aid kit.") == []
    assert dec("We bought a second-hand printer.") == []
    assert [t.text for t in dec("Call me at 5pm—it is easier.")] == ["at 5pm"]


def test_bare_last_month_is_the_past_one() -> None:
    (expr,) = dec("Reminder: invoice 2026-114 for November bookkeeping", "en")
    assert expr.value == "2026-11-01T00:00:00+01:00"
    assert dec("Brochures for January")[0].value == "2027-01-01T00:00:00+01:00"
    assert dec("We meet again in October")[0].value == "2027-10-01T00:00:00+01:00"


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("Les conditions que vous avez validées vendredi : bail de six ans.", "fr", "2026-12-11"),
        ("Deux changements décidés lundi au téléphone.", "fr", "2026-12-07"),
        ("The terms are the ones you approved on Friday.", "en", "2026-12-11"),
        ("The call was Monday.", "en", "2026-12-07"),
        # participles that plan ahead, or after "will be", keep the next one
        ("La réunion est programmée vendredi.", "fr", "2026-12-18"),
        ("Le budget sera validé lundi.", "fr", "2026-12-21"),
        ("It will be completed on Monday.", "en", "2026-12-21"),
        ("The office is closed Friday.", "en", "2026-12-18"),
        ("I need Monday off.", "en", "2026-12-21"),
    ],
)
def test_weekday_after_a_past_participle_is_the_last_one(text: str, lang: str, value: str) -> None:
    (expr,) = dec(text, lang)
    assert expr.value.startswith(value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Tu peux le faire pour jeudi ?", "jeudi", "2026-12-17T00:00:00+01:00"),
        ("Tu peux réserver la salle pour mercredi 16/12 ?", "mercredi 16/12", "2026-12-16"),
        ("Merci pour cette année de travail.", "cette année", "2026-01-01T00:00:00+01:00"),
    ],
)
def test_french_pour_names_a_date_not_a_deadline(text: str, span: str, value: str) -> None:
    # In an ask the upcoming date is the deadline (analysis/deadlines.py); "pour"
    # alone is no deadline word: "la salle pour mercredi" is the day it is used.
    (expr,) = dec(text, "fr")
    assert (expr.text, expr.kind, expr.direction) == (span, "instant", None)
    assert expr.value.startswith(value)


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


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Tell us as soon as your plans change.", "en"),
        ("I'll send it as soon as they reply.", "en"),
        ("Je te l'envoie dès que le devis arrive.", "fr"),
        ("Préviens-moi dès qu'il arrive.", "fr"),
        ("L'e-mail pour ce qu'il faudra retrouver plus tard.", "fr"),
    ],
)
def test_conjunctions_and_later_are_not_vague_deadlines(text: str, lang: str) -> None:
    assert not any(t.vague for t in dec(text, lang))


@pytest.mark.parametrize(
    ("text", "lang", "phrase"),
    [
        ("Please tell us as soon as possible.", "en", "as soon as possible"),
        ("Please reply as soon as you can.", "en", "as soon as you can"),
        ("Please reply soon.", "en", "soon"),
        ("Réponds-moi dès que possible.", "fr", "dès que possible"),
        ("Réponds-moi dès que tu peux.", "fr", "dès que tu peux"),
    ],
)
def test_vague_phrases_around_conjunctions_stay_vague(text: str, lang: str, phrase: str) -> None:
    (expr,) = dec(text, lang)
    assert (expr.text, expr.vague) == (phrase, True)


def test_later_is_an_open_interval_after_now() -> None:
    (expr,) = dec("On en reparle plus tard.", "fr")
    assert (expr.kind, expr.direction, expr.vague) == ("open_interval", "after", False)
    assert expr.value == "2026-12-14T09:00:00+01:00"


@pytest.mark.parametrize(
    ("text", "lang", "direction"),
    [
        ("They hold it until tomorrow noon.", "en", "until"),
        ("Ils la gardent jusqu'à demain midi.", "fr", "until"),
        ("The sale runs through Friday.", "en", "until"),
        ("Reply by tomorrow noon.", "en", "before"),
        ("Reply no later than tomorrow noon.", "en", "before"),
        ("Keep it until tomorrow noon at the latest.", "en", "before"),
        ("You have until tomorrow noon.", "en", "before"),
        ("Réponds avant demain midi.", "fr", "before"),
        ("Réponds d'ici demain midi.", "fr", "before"),
        ("Réponds au plus tard demain midi.", "fr", "before"),
        ("Vous avez jusqu'à demain midi.", "fr", "before"),
    ],
)
def test_until_is_not_a_deadline_direction(text: str, lang: str, direction: str) -> None:
    (expr,) = dec(text, lang)
    assert (expr.kind, expr.direction) == ("open_interval", direction)
    assert expr.value.startswith("2026-12-1")


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        (
            "Pourriez-vous le faire avant 14 h (heure de Paris) ?",
            "avant 14 h (heure de Paris)",
            "2026-12-14T14:00:00+01:00",
        ),
        (
            "Tu peux relire le devis avant 15 h, heure de Paris ?",
            "avant 15 h, heure de Paris",
            "2026-12-14T15:00:00+01:00",
        ),
        (
            "Merci de signer avant 16 h (heure de Paris) aujourd'hui.",
            "avant 16 h (heure de Paris) aujourd'hui",
            "2026-12-14T16:00:00+01:00",
        ),
        (
            "Un oui ou un non d'ici demain 11 h (heure de Paris) me suffit.",
            "d'ici demain 11 h (heure de Paris)",
            "2026-12-15T11:00:00+01:00",
        ),
    ],
)
def test_french_spaced_hour_with_zone_is_an_open_interval(text: str, span: str, value: str) -> None:
    (expr,) = dec(text, "fr")
    assert (expr.text, expr.kind, expr.direction, expr.value) == (
        span,
        "open_interval",
        "before",
        value,
    )
    assert expr.has_time and expr.has_timezone


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


@pytest.mark.parametrize(
    ("text", "lang", "span", "day"),
    [
        ("Please send it before Diwali in 2027.", "en", "Diwali in 2027", "2027-10-29"),
        ("We close for Eid al-Fitr 2026.", "en", "Eid al-Fitr 2026", "2026-03-20"),
        ("Can you finish it by Chinese New Year?", "en", "Chinese New Year", "2026-02-17"),
        ("The office is shut for Yom Kippur 2026.", "en", "Yom Kippur 2026", "2026-09-21"),
        (
            "Merci de l'envoyer avant l'Aïd el-Kébir 2027.",
            "fr",
            "l'Aïd el-Kébir 2027",
            "2027-05-16",
        ),
        ("On en reparle après Hanoucca 2026.", "fr", "Hanoucca 2026", "2026-12-05"),
        (
            "Peux-tu finir avant le nouvel an chinois 2027 ?",
            "fr",
            "nouvel an chinois 2027",
            "2027-02-06",
        ),
    ],
)
def test_holidays_from_the_date_tables(text: str, lang: str, span: str, day: str) -> None:
    found = one(text, lang)
    assert span in found.text
    assert found.value is not None and found.value.startswith(day), found


def test_holiday_names_that_are_first_names_are_not_times() -> None:
    assert texts("Rakhi sent the file this morning.") == ["this morning"]


@pytest.mark.parametrize(
    ("text", "lang", "span", "day"),
    [
        ("Please pay it by the 20th of next month.", "en", "the 20th of next month", "2026-04-20"),
        ("Send it by 20 of this month.", "en", "20 of this month", "2026-03-20"),
        (
            "Merci de payer avant le 5 du mois prochain.",
            "fr",
            "le 5 du mois prochain",
            "2026-04-05",
        ),
    ],
)
def test_day_of_a_relative_month(text: str, lang: str, span: str, day: str) -> None:
    found = one(text, lang)
    assert span in found.text
    assert found.value is not None and found.value.startswith(day), found


@pytest.mark.parametrize(
    ("text", "lang", "start", "end"),
    [
        (
            "Merci de l'envoyer d'ici la première quinzaine d'avril.",
            "fr",
            "2026-04-01",
            "2026-04-15",
        ),
        (
            "Merci de l'envoyer avant la deuxième quinzaine de mai.",
            "fr",
            "2026-05-16",
            "2026-05-31",
        ),
        ("Merci de l'envoyer avant la fin d'avril.", "fr", "2026-04-21", "2026-04-30"),
        ("Please ship it in the first half of April.", "en", "2026-04-01", "2026-04-15"),
        ("We launch in the second half of 2027.", "en", "2027-07-01", "2027-12-01"),
    ],
)
def test_halves_and_fortnights_of_a_period(text: str, lang: str, start: str, end: str) -> None:
    found = one(text, lang)
    assert found.value is not None and found.value.startswith(start), found
    assert found.end_value is not None and found.end_value.startswith(end), found


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


# ------------------------------------------------------- the vocabulary table


@pytest.mark.parametrize("code", ["en", "fr"])
def test_packs_match_the_vocabulary_table(code: str) -> None:
    """Every key of a pack's times.toml is declared once in vocab.py, and none is missing."""
    from msglint.analysis.times.vocab import check_pack
    from msglint.lang import get_pack

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
