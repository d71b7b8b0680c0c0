"""Asks: the requests a message makes to its reader, found from the spaCy parse.

A sentence is an ask when it is one of:

- a **request**: a polite request ("could you", "would you mind", "please…",
  "I need you to", "merci de", "pourriez-vous"), a modal question to the
  reader ("can you…?", "tu peux…?"), or a hedged ask ("I was wondering if",
  "je me demandais si"): the phrase lists ``request_phrases`` and
  ``hedged_asks``, plus a parse test (modal + second-person subject, inverted);
- a **wish** of the writer about the reader, read from the parse
  (``signals/wishes.py``, ``[wishes]`` of asks.toml): a first-person subject,
  a wish verb in a form that asks, and the reader's action or thing ("We'd
  like you to join", "I hope you will attend", "I would appreciate your
  comments", "I'd like to ask you to present…");
- an **imperative** addressed to the reader: a verb in the base form heading
  its clause with no subject and no auxiliary ("Send me the file", "Don't
  forget…", "Let's meet"), or, where the parser does not know imperatives
  (the French small pipeline tags most of them as nouns), a verb form with an
  imperative shape at the start of a clause ("Envoie-moi", "Vérifiez",
  "N'oublie pas"), checked against the pipeline's own verb tables;
- in French, the **injunctive present** (``signals/injunctives.py``): the
  reader's pronoun and a present indicative of an action, in a main clause,
  plain (« tu reprends le RNC et tu me fais une synthèse »), read from the
  word order and the verb tables; an ask when two such clauses run in a row
  (in one sentence or in neighbouring ones) or one names a time to come
  (« tu le rends avant midi »); form "imperative", owner "reader". Not a
  state (« tu sais », « vous avez raison »), a description (« tu reformules
  bien »), a condition, a question, a negation, a future (« vous trouverez »);
- a **proposal** of joint action ("could we move it to Thursday", "I'd like to
  discuss this with you", "on pourrait en parler jeudi"): ``proposals``, form
  "request", owner "we"; from the parse too, "we" with a suggestion modal and
  any adverbs before an action ("we could maybe go over it on Thursday");
- a **hedged suggestion** to the reader, from the parse: "you" with a modal of
  possibility and an action for the writer or softened ("you could leave me a
  voicemail", "perhaps you could call him"; "you might want to keep your
  number" only advises);
- a **need**: "I need your…", "you need to…", "we need to…", "on doit…"
  (``need_phrases``, ``we_asks``) and ownerless asks ("someone should…",
  "the invoices need to be approved", "il faudrait revoir…": ``no_owner``;
  from the parse, "someone should probably check", "it might be worth
  someone checking");
- a **judgement or advice** of the writer, from the parse
  (``signals/judgements.py``, ``signals/appreciation.py``): a person's action
  under a judgement of necessity ("It is important that you attend", « il est
  essentiel que chacun remplisse… »), the writer's advice as a noun ("My
  suggestion would be to postpone it") or as a verb with the action itself ("I'd
  suggest calling him first": ``actions`` in [wishes]), a thing welcomed or
  required from the reader ("Any help you can give me is greatly appreciated",
  "Your signature is required", « votre aide serait appréciée »);
- a **question** to the reader: a sentence ending with "?", or an auxiliary
  before a second-person subject without its question mark ("do you know if…"),
  or any yes/no word order opening the sentence ("Is the meeting still on",
  « Est-ce que la salle est réservée »; questions opened by a question word are
  read only with their mark).
  Rhetorical tag questions ("…, isn't it?") and boilerplate ("Any
  questions?", "Des questions ?") are in ``not_asks``; reported questions
  ("she asked whether…") have no question mark and no inversion.

Not asks, by the parse: a label ("Step 2.", "Check 1.", "Part 2: Results", a
verb alone after one: "Step 2: Review"), a list of a job's duties after its
label ("Duties: manage the budget…": ``list_labels``), a verb alone
exclaimed ("Help!"), a handle or a code read as a verb ("@anna2"), a need in
an embedded question ("to find out whether we need a permit"), a state
wished for ("I hope you are well"), an offer to share ("I'd like to share it
with you"), a perfect after a modal ("you should have
received it", « tu aurais dû »), an obligation in the future ("it will have to
be revised", « il faudra renouveler »), a passive naming its agent ("it needs
to be reviewed by legal"; "by Friday" is a deadline, read by the time
parser), words quoted after the sentence's first word ('John asked me, "Can
you send it?"'), a question that expects no answer by its shape ("How cool is
that?", "Isn't that great?", "Why wait?", "Who would have thought it?").
Commitments ("I'll send the draft tonight") are not asks either;
``find_commitments`` lists them for ``inspect``. Nor are: a line of someone else's
message (quoted with "> ", or a header field of a quoted message: "Subject: Re:
Could you review it?", read with the reply patterns); a "we" that gives the reader
something, the writer's side stating its plan ("We need to finalize the budget
before I can send it to you"); a thing arriving or news under a modal of
likelihood ("You should receive the invoice tomorrow", "we should know more next
week": ``arrival_verbs``); a question reported in the past ("Ben asked whether you
could call him"); a French name that is the subject of the verb after it, shaped
like an imperative (« Marie a demandé si… »); a present after the writer's
subjectless past, the same "I" understood ("Sent the draft to legal, expect
comments by Friday").

Someone else's wish passed on to the reader is an ask ("Ben wants you to call
him", "Ben wants to know if you are free"), not someone's advice ("Ye suggests
you add Chit as a friend"), and so is a proposal under the writer's opinion ("I
think we should discuss it"). A clause has its own mood after a word of
consequence ("I'm out tomorrow so call me", « donc appelle-moi »), after its own
fronted condition ("…, but if you need an ear, give me a buzz"), and after a comma
splice ("Mark, note the feedback, it is imperative that we…"); a bare noun
opening the sentence after a greeting calls the reader ("Hello team, remember
to…"). In French, where the small
tagger misreads wishes, the wish is read from the verb tables and word shapes:
a one-word conditional from its infinitive (``conditional_endings``: « nous
aimerions »), the reader's pronoun right after « que » (« que tu participes »,
"tu" tagged as a determiner), a lemma the lemmatizer left alone (« invite »).

Owners: "nobody" when ``no_owner`` matches, "we" for ``we_asks``, "let's",
first-person plural imperatives ("faisons") and proposals, else "reader".
``hedged`` (AK03) comes from ``hedged_asks`` or the softeners of
``ask_hedges`` ("maybe", "if you get a chance", "si jamais").

``secondary`` (not counted by AK02) marks an ask that only completes one made
before it in the message: a fallback ("If you cannot sign today, call me", "Si
aucun ne vous convient, indiquez-moi…"), a request for the answer with
nothing of its own but a deadline or a purpose ("Let me know by Friday",
"please reply by Wednesday", "Dis-moi d'ici vendredi"), the same need again
("I need them for Monday's review"). The signs are ``secondary_asks``, at the
start of a clause; every ask sign of the sentence must lie in the clauses they
cover, and an ask with none before it is never secondary.

A sentence is not an ask when it is a closing, a greeting, a pointer or
automated boilerplate that only looks like one (``not_asks``, matched against
the whole sentence or a whole clause: "Thanks!", "Have a nice day", "Please
find attached…", "Please note that…", "see below", "do not reply to this
message"; ``mail_conditions``: "To unsubscribe, click here").

A **courtesy invitation** asks for no work: a clause of ``courtesy_asks``
("Let me know if you have any questions", "Feel free to call me", « N'hésitez
pas à me contacter »), an ask conditioned on the reader's own need ("If you
need anything, call me", "si tu as besoin, appelle-moi": ``offer_conditions``)
or, coming first, on the reader's wish ("If you would like to discuss it, give
me a call": ``wish_conditions``, unless an answer is asked for: "if you want
to join, let me know"), or the writer offering themselves on such a condition
with nothing asked ("I'm available at 11 if you'd like to talk", « si vous
souhaitez en discuter, je suis disponible »: ``signals/conditions.writer_offer``).
When nothing else in the sentence asks and the writer speaks as a person
(``writer_pronouns``: "call me", not "contact us" or "visit our Help Center",
a service's notice), it is an ask with ``courtesy``: the detector reports it,
the analysis keeps it out of ``Analysis.asks`` (``Analysis.invitations``), so
no rule counts it. An offer next to a real ask
does not hide it ("Review the draft and let me know if you have questions"
is an ask). Commitments ("I will send it tomorrow"), "let me explain" and
statements are never asks: nothing here looks at them.

Grammar that keeps statements out: a phrase inside a relative clause, after a
question word or in a clause opened by a subordinating word ("…, or that
someone must find again later", « ce qu'il faudra revoir »); a request verb
with its own third-person subject or infinitive marker ("he let me know",
"sure to please"); a passive with its agent (« validée par la direction »); a
participle or a noun with its own modifiers (« facturés au cabinet », « mise
en place », « Ressources humaines »); a present that is not a base form ("Am
just back"); a line In Title Case ("Go Here Now For More Information"), like
a heading.

Phrases are matched on the sentence with its line breaks and runs of spaces
made single spaces, so a hard-wrapped e-mail ("merci\nde me répondre") reads
like one line. The French tokenizer keeps hyphenated clitics as suffixes
("envoie", "-moi"; "peux", "-tu") and sometimes several in one token
("dites-le-moi"): both shapes are read as a verb and its clitics; an inverted
"-tu"/"-vous" makes a question ("Sais-tu si…"), a reflexive "-vous" after an
imperative ending an imperative ("Inscrivez-vous").

Every word list is a data file of the language pack (``msglint/lang/<code>/asks/``,
declared in ``asks/lexicons.py``), and each language says in
``lang/<code>/asks.toml`` which detectors it uses and the tag facts of its
pipeline; the grammatical tests read only universal parse features
(dependency labels, ``VerbForm``/``Mood``, ``Person``), the tag facts and the
lists, so a new phrase or a new language needs no code.

Where things are: ``classify`` (one sentence), ``signals/`` (phrases,
questions, imperatives, shapes), ``clauses`` (offers, closings, fallbacks on
the sentence's text), ``syntax`` (parse helpers), ``lexicons`` (the declared
data), ``verbs`` (the pipeline's lemmatizer tables).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from msglint.analysis.asks.classify import sentence_ask, span_of
from msglint.analysis.asks.commitments import find_commitments
from msglint.analysis.asks.lexicons import NEEDS_VERB_TABLES, rules_for
from msglint.analysis.asks.signals.injunctives import injunctive_clauses
from msglint.analysis.asks.verbs import verb_tables

if TYPE_CHECKING:
    from datetime import datetime

    from spacy.lookups import Lookups
    from spacy.tokens import Doc

    from msglint.analysis.model import Ask, Sentence
    from msglint.lang import LanguagePack

__all__ = ["find_asks", "find_commitments"]


def find_asks(
    doc: Doc,
    sentences: list[Sentence],
    pack: LanguagePack,
    lookups: Lookups | None,
    now: datetime | None = None,
) -> list[Ask]:
    """The asks of a parsed body: at most one per sentence, in order.

    ``lookups`` are the lemmatizer tables of the pipeline that parsed ``doc``
    (``pipeline.lemma_lookups``), or None: the detectors that second-guess
    the tagger read verb forms in them. ``now`` is the message's reference
    time: an instruction in the reader's present counts when its clause names
    a time to come from then (``signals/injunctives.py``).
    """
    rules = rules_for(pack)
    verbs = verb_tables(lookups) if rules.detectors & NEEDS_VERB_TABLES else None
    asks: list[Ask] = []
    primary = False
    injunctive = [False] * (len(sentences) + 1)  # the last one stands for "no sentence"
    if rules.uses("injunctives"):
        for index, sentence in enumerate(sentences):
            span = span_of(doc, sentence)
            injunctive[index] = span is not None and bool(injunctive_clauses(span, rules, verbs))
    for index, sentence in enumerate(sentences):
        in_sequence = injunctive[index - 1] or injunctive[index + 1]
        ask = sentence_ask(doc, sentence, index, rules, verbs, in_sequence, now)
        if ask is None:
            continue
        if ask.courtesy:  # an invitation completes nothing and is never completed
            asks.append(replace(ask, secondary=False))
            continue
        # An ask that only completes another needs one made before it.
        if ask.secondary and not primary:
            ask = replace(ask, secondary=False)
        primary = primary or not ask.secondary
        asks.append(ask)
    return asks
