"""The injunctive present: instructions in the reader's present indicative.

French often gives instructions with « tu »/« vous » and a present instead of
an imperative (« Demain tu fais le DAE, tu vérifies les bornes et tu me sors
un projet de PV avant midi »). One such clause alone may describe what the
reader does (« tu reformules la demande »); it instructs when it is one of a
sequence of them or when it carries a time to come (« tu le fais demain »).

The French small pipeline rarely parses these clauses: it tags « tu » as a
determiner or a preposition and the verb as a noun. So the clause is read
from the words' order and the pipeline's verb tables, like ``shapes.py``
reads imperatives: a reader pronoun, its clitics, a verb form with the
ending of that person. ``classify.sentence_ask`` and ``find_asks`` decide
which clauses make an ask.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING

from msglint.analysis.asks.syntax import wh_word

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from msglint.analysis.asks.lexicons import AskRules
    from msglint.analysis.asks.verbs import VerbTables

# Where a clause starts and ends inside a sentence.
_CLAUSE_EDGES = frozenset({",", ";", ":", "(", ")", "-", "–", "—"})
_SENTENCE_ENDS = frozenset({".", "!", "?", "…"})
# The reference time of ``pressed_by_time`` for a sentence read without its
# message (no date known): far ahead, so a year written out is the past.
_AHEAD = datetime(2100, 1, 1, tzinfo=timezone.utc)


def injunctive_clauses(span: Span, rules: AskRules, verbs: VerbTables | None) -> list[Token]:
    """The verbs of the span's main clauses in the reader's present indicative.

    The subject is a reader pronoun (``second_person`` and a subject pronoun)
    before the verb, so not an inverted question; only object clitics stand
    between (« tu me sors », « vous le faites »). The verb is a form of the
    verb tables with the ending of the pronoun's person and of the present
    (``not_present_endings``: « vous trouverez », « tu faisais » are not), an
    action (``stative_verbs``, ``state_verbs``: not « tu es », « vous avez
    raison », « tu sais »). The clause is a main one (no condition mark before
    it in the sentence, no subordinating or relative word in it: « si tu… »,
    « que vous… », « ce que tu fais »), not negated (« tu ne fais pas », « tu
    dis rien »), not a question, not described (``description_adverbs``: « tu
    reformules bien la demande »).
    """
    if verbs is None:
        return []
    doc = span.doc
    found = []
    for pronoun in span:
        word = pronoun.lower_
        if word not in rules.second_person or word not in rules.subject_pronouns:
            continue
        i = pronoun.i + 1
        negated = False
        while i < span.end and (
            doc[i].lower_ in rules.preverbal_clitics or doc[i].lower_ in rules.negation_prefixes
        ):
            negated = negated or doc[i].lower_ in rules.negation_prefixes
            i += 1
        if negated or i >= span.end:
            continue
        verb = doc[i]
        singular = word in rules.singular_readers
        if _present_action(verb.lower_, singular, rules, verbs) and _main_clause(
            pronoun, verb, span, rules
        ):
            found.append(verb)
    return found


def _present_action(form: str, singular: bool, rules: AskRules, verbs: VerbTables) -> bool:
    """A present of the second person (« -s »/« -x » after « tu », « -ez » or
    « faites », « dites » after « vous »), of a verb of action."""
    if not form.isalpha() or not verbs.is_verb_form(form):
        return False
    lemmas = verbs.lemmas(form)
    if not lemmas or any(
        lemma in rules.stative_verbs or lemma in rules.state_verbs for lemma in lemmas
    ):
        return False
    if singular:
        if not form.endswith(("s", "x")):
            return False
        stem = form[:-2]
    else:
        if not (form.endswith("ez") or (form.endswith("tes") and verbs.irregular(form))):
            return False
        stem = form[:-2]
    # A verb in « -er » keeps its present whatever its stem ends with (« vous
    # vérifiez », « vous préparez »); otherwise these endings are another tense
    # (« vous ferez », « vous faisiez »). A short form in « -ais » is a present
    # (« fais », « tais »), a longer one an imperfect (« tu lisais »).
    if stem + "er" in lemmas:
        return True
    ending = next((e for e in rules.not_present_endings if form.endswith(e)), None)
    return ending is None or (ending == "ais" and len(form) <= 4)


def _main_clause(pronoun: Token, verb: Token, span: Span, rules: AskRules) -> bool:
    """The clause of ``pronoun … verb`` is a main clause, said plainly."""
    doc = span.doc
    # Back to the clause's start: a subordinating or relative word opens a
    # clause that is not the main one (« que vous avez », « ce que tu fais »,
    # « comme tu dis », « sinon tu pollues… »: ``subordinating_words`` for
    # the ones the tagger misses).
    i = pronoun.i - 1
    while i >= span.start and doc[i].text not in _CLAUSE_EDGES | _SENTENCE_ENDS:
        if (
            doc[i].pos_ == "SCONJ"
            or doc[i].dep_ == "mark"
            or wh_word(doc[i], rules)
            or doc[i].lower_ in rules.subordinating_words
        ):
            return False
        if doc[i].lower_ in rules.run_on_words:
            break
        i -= 1
    # A condition anywhere before it in the sentence governs it (« si tu passes
    # demain, tu me le dis »): a fallback, not an instruction of its own.
    sentence_start = pronoun.i - 1
    while sentence_start >= span.start and doc[sentence_start].text not in _SENTENCE_ENDS:
        if doc[sentence_start].lower_.rstrip("'’") in rules.condition_marks:
            return False
        sentence_start -= 1
    # Forward to the clause's end: a negation, an adverb of description, a
    # question mark.
    j = verb.i + 1
    while j < span.end and "\n" not in doc[j].text and doc[j].text not in _SENTENCE_ENDS:
        word = doc[j].lower_
        if doc[j].text in _CLAUSE_EDGES or word in rules.run_on_words:
            break
        if word in rules.negation_words or word in rules.description_adverbs:
            return False
        j += 1
    while j < span.end and doc[j].text not in _SENTENCE_ENDS and "\n" not in doc[j].text:
        j += 1
    return not (j < span.end and doc[j].text == "?")


def pressed_by_time(verb: Token, rules: AskRules, now: datetime | None = None) -> bool:
    """The verb's clause names a time to come (« demain », « avant midi »,
    « lundi »), read by msglint's own time parser: an instruction for then.

    Only the words from the clause's start to the sentence's end count, not a
    chat line's stamp. The times are resolved against the message's reference
    time ``now``: one that lands before its day is a date of the past (« vous
    citez l'arrêt de 2019 », "hier"), the writer's report, not a time to come.
    Without ``now`` (a sentence read on its own) the reference is far ahead,
    so every year written out is the past.
    """
    doc = verb.doc
    start = verb.i
    while start > 0 and doc[start - 1].text not in _CLAUSE_EDGES | _SENTENCE_ENDS:
        if "\n" in doc[start - 1].text:
            break
        start -= 1
    end = verb.i + 1
    while end < len(doc) and doc[end].text not in _SENTENCE_ENDS and "\n" not in doc[end].text:
        end += 1
    from msglint.analysis.times import find_times
    from msglint.lang import get_pack

    text = doc[start:end].text
    reference = now or _AHEAD
    today = reference.replace(hour=0, minute=0, second=0, microsecond=0)
    times = find_times(text, get_pack(rules.code), reference)
    return any(time.value is None or time.value >= today for time in times)
