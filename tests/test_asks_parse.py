"""Asks read from the parse (issue 12, part 2): labels, run-ons, hedged requests, duty lists.

Sentences written for these tests, one of each kind; the detector and its
helpers are those of ``test_asks``.
"""

from __future__ import annotations

import pytest
from test_asks import ask_of, lookups, nlp

from msglint.analysis.asks import find_asks
from msglint.analysis.model import Sentence
from msglint.lang import get_pack

# (language, sentence, form); form None = not an ask.
CASES = [
    # A numbered label, or a verb alone after one, is a heading ("Check 1." reads as
    # an imperative to the tagger); an instruction after the label still asks.
    ("en", "Check 1.", None),
    ("en", "Call 2:", None),
    ("en", "Step 2: Review", None),
    ("en", "Step 2: review the draft and send it to Paul.", "imperative"),
    ("en", "Book 2 rooms for Tuesday.", "imperative"),
    # A label before a colon is not the imperative's subject.
    ("en", "Reminder: send your timesheets by Friday.", "imperative"),
    ("en", "Bruce: send me the file.", "imperative"),
    # …but a list of a job's duties describes (list_labels).
    ("en", "Duties: manage the budget, report to the director, train new staff.", None),
    ("en", "Key responsibilities include: managing the budget and training staff.", None),
    ("fr", "Missions : gérer l'équipe, former les nouveaux arrivants.", None),
    ("fr", "Rappel : envoyez vos feuilles de temps avant vendredi.", "imperative"),
    # A run-on after a dash: what comes before it is another clause.
    (
        "en",
        "Dick, you are doing the right things - if it slips again, do not wait to give me a call.",
        "imperative",
    ),
    # A handle or a code is never a verb.
    ("en", "@anna2 can't wait to hear the news", None),
    # The reader, a possibility modal, an action for the writer: a hedged request.
    ("en", "Perhaps you could send me the figures tomorrow.", "request"),
    ("en", "Perhaps you could call him tomorrow.", "request"),
    ("en", "You could see the tower from there.", None),
    ("en", "You can send me the report by Friday.", "request"),
    ("en", "You can call me anytime.", None),  # where to reach the writer: courtesy
    ("en", "You could maybe forward it to us by Friday.", "request"),
    ("en", "If you go there, you might meet him.", None),
    ("en", "You could have told me earlier.", None),
    ("en", "You might want to keep your number.", None),
    # Worth frames: any modal but the future's, an infinitive on the noun.
    ("en", "It may be worth checking with Paul.", "need"),
    ("en", "It might be a good idea to back up the server.", "need"),
    ("en", "It will be worth the wait.", None),
    ("fr", "Il vaudrait mieux appeler le client demain.", "need"),
    ("fr", "Il serait utile de revoir le budget avant jeudi.", "need"),
    ("fr", "Il vaut mieux tard que jamais.", None),
    # A need in an embedded question (« s' » as well as « si »).
    ("fr", "Nous sommes allés voir s'il nous faut un permis.", None),
    ("fr", "Je ne sais pas s'il faut l'inviter.", None),
    # Wishes: a pronoun object spelled out by a condition, the writer left out.
    ("en", "I'd love it if you could join us.", "request"),
    ("en", "I would love it if it stopped raining.", None),
    ("en", "Hoping you can make it to the dinner.", "request"),
    ("en", "Hope you are well.", None),
    ("en", "Would appreciate a quick look.", "request"),
    ("en", "Would like to thank you all.", None),
    ("en", "Would have liked more time.", None),
    ("fr", "J'apprécierais tes commentaires d'ici midi.", "request"),
    # A count of us with an obligation in the present: a shared ask.
    ("en", "The three of us need to get together next week.", "need"),
    ("en", "The three of us had to wait.", None),
    ("en", "None of us need to worry.", None),
    # Courtesy questions ("go" for the copula) and real ones of the same opening.
    ("en", "How did the presentation go?", None),
    ("en", "How did you calculate the total?", "question"),
    ("en", "How are you going to fix it?", "question"),
    ("en", "How have you been?", None),
    # Idioms and boilerplate.
    ("en", "Imagine my surprise when it worked.", None),
    ("en", "Speak of the devil.", None),
    ("en", "Don't mention it.", None),
    ("en", "Call me crazy, but I think it will work.", None),
    ("en", "Forward this email to a friend.", None),
    ("en", "If you did not request this change, please contact us immediately.", None),
    ("fr", "Laisse-moi vérifier et je te redis.", None),
    ("fr", "Laissez-moi savoir si vous venez.", "imperative"),
    ("fr", "Figure-toi qu'on a gagné !", None),
    # A name shaped like an imperative (« marie », of « marier ») that is the subject
    # of the verb after it reports; set off by a comma it is no subject.
    ("fr", "Marie a demandé si nous pouvions déplacer la réunion.", None),
    ("fr", "Marie a appelé ce matin.", None),
    ("fr", "Marie, appelle le client.", "imperative"),
    ("fr", "Vas-y, valide le bon de commande.", "imperative"),
    # A feminine participle heading a title is no imperative (« revoir » gives « revois »).
    ("fr", "Revue du budget T3", None),
    ("fr", "Vue d'ensemble du projet", None),
    ("fr", "Relis le contrat avant jeudi", "imperative"),
    # An obligation to be in a state describes, in French as in English.
    ("fr", "Tu dois être fatigué après le voyage.", None),
    ("fr", "Vous devez être très occupés.", None),
    ("fr", "Vous devez être présents jeudi à 9 h.", "need"),
    ("fr", "Tu dois relire le contrat.", "need"),
    # A negated copula before « ce » and an adjective expects no answer…
    ("fr", "N'est-ce pas génial ?", None),
    # …unless the adjective judges an action or the copula is a conditional: a proposal.
    ("fr", "N'est-il pas préférable d'attendre ?", "question"),
    ("fr", "Ne serait-il pas préférable de reporter ?", "question"),
    # The items of an agenda or a plan's aims describe, like a job's duties.
    ("en", "Agenda: review the budget, confirm the venue, assign owners", None),
    ("en", "Our objectives: reduce churn, improve onboarding.", None),
    ("en", "Next steps: send the figures, book the room", "imperative"),
    ("fr", "Ordre du jour : revue du budget, confirmation de la salle.", None),
    ("fr", "Objectifs : réduire les coûts, revoir le planning.", None),
    # The writer's notes with their "I" left out: a present after them is theirs.
    ("en", "Got messages in to Bob--expect to hear back from him today.", None),
    ("en", "Sent the draft to legal, expect comments by Friday.", None),
    ("en", "Called him yesterday -- send me his number please.", "request"),
    ("en", "I called him yesterday - send me his number.", "imperative"),
    # A "we" that gives the reader something leaves the reader out: the writer's plan.
    ("en", "We need to finalize the budget before I can send it to you.", None),
    ("en", "We need to send you the contract by Friday.", None),
    ("en", "We need to talk to you about the budget.", "request"),
    ("en", "We should meet on Monday, and I'll send you the agenda.", "request"),
    ("fr", "Nous devons finaliser le budget avant de te l'envoyer.", None),
    ("fr", "Nous devons en parler avec vous.", "need"),
    # A thing arriving is expected, not asked ("please advise" is no "be advised").
    ("en", "You should receive the invoice tomorrow.", None),
    ("en", "We should hear back from them by Friday.", None),
    ("en", "You should read the report before the meeting.", "need"),
    ("en", "Please be advised that the office will be closed on Monday.", None),
    ("en", "Please advise by Monday.", "request"),
    ("fr", "Vous devriez recevoir le contrat d'ici vendredi.", None),
    ("fr", "Tu devrais relire le contrat.", "need"),
    ("en", "We should know more next week.", None),
    ("en", "You should know that the office is closed.", None),
    ("fr", "On devrait en savoir plus lundi.", None),
    ("fr", "On devrait en parler.", "request"),
    # Courtesy formulas of the writer's own act, leave to take one's time.
    ("en", "Kindly note that the deadline has been extended.", None),
    ("en", "Allow me to introduce our new colleague.", None),
    ("en", "Please allow me to access the folder.", "request"),
    ("en", "Take your time.", None),
    ("fr", "Veuillez noter que le bureau sera fermé lundi.", None),
    ("fr", "Permettez-moi de vous présenter notre nouvelle collègue.", None),
    # The writer counting on the reader's action ([wishes] expect, assume); a state, or
    # someone else's, asks nothing.
    ("en", "I expect you will send it by Friday.", "request"),
    ("en", "I assume you will forward the relevant ones to Pat this week.", "request"),
    ("en", "I expect you to be there at 9.", "need"),
    ("en", "I expect you'll be pleased.", None),
    ("en", "I assume it will rain.", None),
    ("en", "I don't expect you to answer today.", None),
    # The writer's opinion in a clause coordinated with the sentence's head.
    ("en", "I know it's a pain, but I think there would be value in getting together.", "need"),
    ("en", "I know you're busy, but I think we should discuss it.", "request"),
    # Someone else's message: a quoted line, a header field of a quoted message.
    ("en", "> Can you send me the figures by Friday?", None),
    ("en", "Subject: Re: Could you review the budget?", None),
    ("en", "Re: budget - can you send it?", "request"),
    ("en", "Reminder: send your timesheets by Friday.", "imperative"),
    ("fr", "> Peux-tu m'envoyer les chiffres ?", None),
    ("fr", "Objet : RE: peux-tu relire le budget ?", None),
    # A question reported in the past is no wish passed on; a wish to know, in the
    # present, passes the question on.
    ("fr", "Jeanne m'a demandé si tu pouvais participer à l'appel.", None),
    ("en", "Ben asked whether you could call him.", None),
    ("en", "Ben wants to know if you are free.", "request"),
    ("en", "Lyn asked that you join him at the Hyatt.", "request"),
    # A French clitic before an infinitive is its object, whatever the parser says.
    ("fr", "Nous devons finaliser le budget avant de vous l'envoyer.", None),
    ("fr", "Laisse-moi t'expliquer les changements.", None),
    ("fr", "Laissez-moi savoir si vous venez.", "imperative"),
    # Courtesy offers on the reader being stuck or unsure; an open invitation.
    ("en", "If anything is unclear, let me know.", None),
    ("en", "Ping me if you get stuck.", None),
    ("en", "Just shout if you need a hand.", None),
    ("en", "Call me anytime.", None),
    ("fr", "Si quelque chose n'est pas clair, appelle-moi.", None),
    ("fr", "Si tu bloques, fais-moi signe.", None),
    # A subject inside a fronted condition, or an object clitic after the verb: the
    # imperative shares no subject.
    ("fr", "Si le fichier est vide, appelle-moi.", "imperative"),
    ("fr", "Le fichier est vide, appelle-moi.", "imperative"),
    ("fr", "Elle fait cent lignes et touche le module.", None),
    # A question word before a bare verb expects no answer; a negated one proposes.
    ("en", "Why reinvent the wheel?", None),
    ("en", "Why not ask Paul?", "imperative"),
    ("en", "Why do we need approval?", "need"),
    ("fr", "Pourquoi réinventer la roue ?", None),
    ("fr", "Pourquoi ne pas demander à Paul ?", "question"),
    # French requests in the present or as a written instruction.
    ("fr", "Tu me fais signe quand c'est prêt.", "request"),
    ("fr", "Tu me fais peur.", None),
    ("fr", "Prière de ranger la salle après usage.", "request"),
    ("fr", "L'idéal serait que tu m'envoies ça ce soir.", "request"),
    # The situation's outcome of the reader's action, under a conditional.
    ("en", "It would help a lot if you could send the numbers by noon.", "request"),
    ("en", "That would save us time if you could send it today.", "request"),
    ("en", "It would fail if you could not log in.", None),
    # "Remember," set off before a statement points at it; before an imperative it asks.
    ("en", "Remember, the numbers are preliminary.", None),
    ("en", "Remember, send it by Friday.", "imperative"),
    # The French injunctive present: the reader's present indicative gives
    # instructions when two such clauses run in a row or one names a time to come.
    (
        "fr",
        "Demain tu fais le DAE pour Marchal, tu vérifies que les bornes sont reportées, "
        "et tu me sors un projet de PV avant midi.",
        "imperative",
    ),
    ("fr", "Vous passez par l'accueil et vous demandez Mme Roux.", "imperative"),
    ("fr", "tu reprends le RNC et tu me fais une synthèse.", "imperative"),
    ("fr", "Tu appelles Paul demain matin.", "imperative"),
    ("fr", "Tu le rends avant midi.", "imperative"),
    # …not a state, a description, an evaluation, a past, a condition, a question,
    # a negation, a subordinate clause, a future, or one clause alone without a time.
    ("fr", "Tu fais du bon travail.", None),
    ("fr", "Tu es en congé demain et tu sais pourquoi.", None),
    ("fr", "Vous avez raison et vous êtes en avance.", None),
    ("fr", "Tu reformules bien la demande, tu restes calme avec le client.", None),
    ("fr", "Tu as bien fait et tu as eu raison.", None),
    ("fr", "Si tu passes demain, tu me le dis.", None),
    ("fr", "Tu passes demain et tu appelles Paul ?", "question"),
    ("fr", "Tu ne fais rien lundi et tu ne touches pas au serveur.", None),
    ("fr", "Je sais que vous partez lundi et que vous rentrez mardi.", None),
    ("fr", "Vous trouverez ci-joint le devis et vous recevrez la facture lundi.", None),
    ("fr", "Tu appelles souvent Paul.", None),
    ("fr", "Vous citez l'arrêt de 2019 alors que la Cour a précisé sa position.", None),
    ("fr", "Hier tu appelles Paul.", None),
    ("fr", "Bon, on fait comme tu dis demain.", None),
    ("fr", "Mets-le en lecture seule, sinon tu pollues la base demain.", "imperative"),
]


@pytest.mark.parametrize(("code", "text", "form"), CASES, ids=[c[1][:40] for c in CASES])
def test_asks_read_from_the_parse(code: str, text: str, form: str | None) -> None:
    ask = ask_of(code, text)
    assert (ask.form if ask else None) == form, text


def _sentences(text: str, parts: list[str]) -> list[Sentence]:
    found, start = [], 0
    for part in parts:
        start = text.index(part, start)
        found.append(
            Sentence(
                start=start, end=start + len(part), text=part, words=len(part.split()), block=0
            )
        )
        start += len(part)
    return found


@pytest.mark.parametrize(
    ("parts", "asked"),
    [
        # A sequence of instructions across sentences: each clause asks.
        (["Tu prends le camion.", "Tu ranges le dépôt."], [True, True]),
        # One clause next to a statement, with no time: a description.
        (["Tu prends le camion.", "Il fait froid."], [False, False]),
        # A state next to it makes no sequence.
        (["Tu prends le camion.", "Tu es en avance."], [False, False]),
        # A consequence is no instruction: « sinon tu… » makes no sequence.
        (["Tu prends le camion.", "Sinon tu rates le train."], [False, False]),
    ],
)
def test_injunctive_present_in_a_row(parts: list[str], asked: list[bool]) -> None:
    text = " ".join(parts)
    doc = nlp("fr")(text)
    sentences = _sentences(text, parts)
    asks = find_asks(doc, sentences, get_pack("fr"), lookups("fr"))
    found = {ask.sentence for ask in asks}
    assert [index in found for index in range(len(parts))] == asked, text


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        # A date to come from the message's day, year written out: an instruction.
        ("Tu fais le DAE avant le 15 janvier 2027.", True),
        # A past date from that day: the writer reports.
        ("Tu fais le DAE depuis le 15 janvier 2025.", False),
        ("Vous citez l'arrêt de 2019 dans votre mémoire.", False),
    ],
)
def test_injunctive_present_dated_from_the_message(text: str, asked: bool) -> None:
    from datetime import datetime, timezone

    now = datetime(2026, 12, 14, 9, tzinfo=timezone.utc)
    doc = nlp("fr")(text)
    asks = find_asks(doc, _sentences(text, [text]), get_pack("fr"), lookups("fr"), now)
    assert bool(asks) == asked, text
