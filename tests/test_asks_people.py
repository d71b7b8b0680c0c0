"""Asks as people write them (issue 12): wishes, hedged proposals, commitments, courtesy.

Split from ``test_asks`` (same detector helpers) to keep each test module small.
"""

from __future__ import annotations

import pytest
from test_asks import ask_of, lookups, nlp, sentences_of, whole

from msglint.analysis.asks import find_asks
from msglint.lang import get_pack

# Asks as people write them (issue 12): wishes read from the parse, hedged joint
# proposals, ownerless asks, and the false alarms of real mail. (sentence, form, owner)
AS_PEOPLE_ASK = [
    ("We'd like you to join the call on Monday.", "request", "reader"),
    ("I'd like to ask you to present the results.", "request", "reader"),
    ("I hope you can make it on Friday.", "request", "reader"),
    ("I hope you will attend the kickoff.", "request", "reader"),
    ("I would appreciate your comments by noon.", "request", "reader"),
    ("We invite you to submit your proposals by May 1.", "request", "reader"),
    ("I'd ask you to keep this confidential.", "request", "reader"),
    ("We could maybe go over it on Thursday.", "request", "we"),
    ("It might be worth someone checking the logs at some point.", "need", "nobody"),
    ("Someone should probably check the logs.", "need", "nobody"),
    ("Could you both send me your slides.", "request", "reader"),
    ("Let me know by Wednesday if anything is missing.", "request", "reader"),
    ("Step 2.", None, None),
    ("Item 4:", None, None),
    ("Take the case of the Houston office.", None, None),
    ("Say, for instance, that the price goes up.", None, None),
    ("Help!", None, None),
    ("Travel safe!!", None, None),
    ("How was the weekend?", None, None),
    ("Please do not reply to this message.", None, None),
    ("To unsubscribe, click here.", None, None),
    ("I need to double-check the numbers.", None, None),
    ("I am trying to find out whether we need a permit.", None, None),
    ("We will have to renew it next year.", None, None),
    ("It must be signed off by the board.", None, None),
    ("I'll send the draft tonight.", None, None),
    ("I hope you are well.", None, None),
    ("I'd like to share this report with you.", None, None),
    ("I want you to know that the move went well.", None, None),
    ("We would like to invite you and a guest to join us for the gala.", "request", "reader"),
    ("Talk to Susan about joining the group.", "imperative", "reader"),
    ("Talk to you soon.", None, None),
    ("Speak soon.", None, None),
    ("Please see my previous email.", None, None),
    ("Listen, I have your address but not your phone number.", None, None),
    ("Listen, send me the file.", "imperative", "reader"),
    ("We are pleased to invite you to join the panel on May 3.", "request", "reader"),
    ("I am happy to help you with the move.", None, None),
    ("We are delighted to announce the new office.", None, None),
    # A condition that asks: the reader's action under "if", the writer's gratitude.
    ("We would be most grateful if you could nominate a delegate.", "request", "reader"),
    (
        "If you could leave the number on my voice mail, I'll be forever indebted.",
        "request",
        "reader",
    ),
    ("If you can get away on Friday, that would be awesome.", "request", "reader"),
    ("If you can get through it in five minutes, you are quicker than I am.", None, None),
    ("If you would like to discuss it, I'd be happy to talk.", None, None),
    ("If you could be there, I would be glad.", None, None),
    # A past wish that softens a present one; a wish verb coordinated in the complement.
    ("I wanted to check in and ask you to start thinking about the session.", "request", "reader"),
    ("I wanted you to know that the move went well.", None, None),
    ("I am writing to request a meeting with you in November.", "request", "reader"),
    # A verb after "then"/"and" shares the subject of the clause before it; a dash
    # typed as two hyphens ends a clause; a headline leaves its small words small;
    # an obligation's "to" needs a verb.
    ("Older phones may need a minute to load it, then scroll down to read.", None, None),
    ("Review the draft, then send it to Paul.", "imperative", "reader"),
    ("Thanks Anna--see my earlier note.", None, None),
    ("Thanks Anna--send me the figures by Friday.", "imperative", "reader"),
    ("What Do You Really Want from Your Manager?", None, None),
    ("We tried to book the room, but we have to many meetings that day.", None, None),
    ("We have to book the room today.", "need", "we"),
    # A coordinated verb shares its subject: a wish passed on after "and".
    ("Ben called and wants to know if you can join us on Friday.", "request", "reader"),
    ("Ben called and wanted to thank you.", None, None),
    # A plan of "we" with a verb one cannot do alone takes the reader along.
    ("We'll discuss it next week when Tom is back.", "request", "we"),
    ("We will need to get together after the launch.", "request", "we"),
    ("I'd like to have a meeting to finalize the plan.", "request", "we"),
    ("We will review the figures tomorrow.", None, None),
    # Courtesy and exclamation in question form; an invitation to a place.
    ("I wonder if you could take a look at this.", "request", "reader"),
    ("Isn't it a beautiful day?", None, None),
    ("Isn't it a good idea to ask Tom?", "question", "reader"),
    ("How was the conference?", None, None),
    ("How is the project going?", "question", "reader"),
    ("I'd like to invite you to our kickoff on Tuesday.", "request", "reader"),
    ("He invited you to the party.", None, None),
    ("We'd like to welcome you to the team.", None, None),
    ("Not only will you save time, but you will also have fewer errors.", None, None),
]


def test_french_wishes_in_the_first_person_plural() -> None:
    """ "Nous aimerions que vous…" asks like "J'aimerais que vous…"."""
    for text in (
        "Nous aimerions que vous participiez à la réunion de jeudi.",
        "On aimerait bien que tu relises la note avant vendredi.",
        "Nous aurions besoin de votre avis sur le devis.",
    ):
        ask = ask_of("fr", text)
        assert ask is not None and ask.form == "request", text


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("Nous aimerions vous inviter à notre réunion de lancement.", "request"),
        ("Il vous a invité à sa fête.", None),
        ("Comment était la conférence ?", None),
        ("Comment avance le projet ?", "question"),
        ("Prenons l'exemple de l'an dernier.", None),
    ],
)
def test_french_courtesy_idioms_and_invitations(text: str, form: str | None) -> None:
    """The same grammar in French: a courtesy question, an example, an invitation."""
    ask = ask_of("fr", text)
    assert (ask.form if ask else None) == form


@pytest.mark.parametrize(
    ("text", "form", "owner"), AS_PEOPLE_ASK, ids=[c[0] for c in AS_PEOPLE_ASK]
)
def test_asks_as_people_ask(text: str, form: str | None, owner: str | None) -> None:
    ask = ask_of("en", text)
    got = (ask.form, ask.owner) if ask else (None, None)
    assert got == (form, owner)


@pytest.mark.parametrize(
    ("code", "body", "promised"),
    [
        (
            "en",
            "Thanks for the notes. I'll send the draft tonight. We are going to review "
            "the figures tomorrow. I will not be there on Monday. Could you book the room?",
            ["I'll send the draft tonight.", "We are going to review the figures tomorrow."],
        ),
        (
            "fr",
            "Merci pour tes notes. Je t'enverrai le brouillon ce soir. Nous allons revoir "
            "les chiffres demain. Peux-tu réserver la salle ?",
            ["Je t'enverrai le brouillon ce soir.", "Nous allons revoir les chiffres demain."],
        ),
    ],
)
def test_commitments_are_listed_not_asked(code: str, body: str, promised: list[str]) -> None:
    from msglint.analysis.asks import find_commitments

    doc = nlp(code)(body)
    sentences = sentences_of(doc)
    asks = find_asks(doc, sentences, get_pack(code), lookups(code))
    assert [a.text for a in asks] == [sentences[-1].text]
    assert [c.text for c in find_commitments(doc, sentences, get_pack(code), asks)] == promised


def test_typographic_apostrophes_parse_like_straight_ones() -> None:
    """ "I’d like you to…" is parsed from "I'd like you to…" (the small pipelines
    were trained on straight apostrophes); the writer's characters and every
    offset stay as written."""
    from msglint.analysis import analyze_many
    from msglint.inputs import Source, parse

    body = (
        "Hi Ana,\n\nI’d like you to join the call on Friday. We’d love you to present the "
        "results. I’d appreciate your comments by noon.\n"
    )
    message = parse(body.encode(), Source("m.txt", "text"), "chat")
    (analysis,) = analyze_many([message], ["en"])
    texts = [ask.text for ask in analysis.asks]
    assert texts == [
        "I’d like you to join the call on Friday.",
        "We’d love you to present the results.",
        "I’d appreciate your comments by noon.",
    ], analysis.asks
    for ask in analysis.asks:
        assert message.body[ask.start : ask.end] == ask.text


@pytest.mark.parametrize(
    ("code", "text", "courtesy"),
    [
        # A person's invitation on the reader's own need or wish: a courtesy ask.
        ("en", "Let me know if you have any questions.", True),
        ("en", "If you need anything, call me.", True),
        ("en", "If you would like to discuss this further, please give me a call.", True),
        ("en", "Please feel free to call me if you have any questions.", True),
        ("en", "Don't hesitate to contact me if anything comes up.", True),
        ("fr", "N'hésite pas à me contacter si besoin.", True),
        ("fr", "Si tu as besoin, appelle-moi.", True),
        ("fr", "Si vous souhaitez en discuter, appelez-moi.", True),
        # The writer offers themselves on the reader's need or wish.
        ("en", "I'm available at about 11:45 if you'd like to talk then.", True),
        ("en", "If you'd like to discuss it further, I'd be happy to talk about it.", True),
        ("fr", "Si vous souhaitez en discuter, je suis disponible jeudi.", True),
        ("en", "I've asked him to see if you'd like to schedule a time.", None),
        # A service's notice is no one's invitation; boilerplate and pointers are nothing.
        ("en", "If you have any questions, please visit our Help Center.", None),
        ("en", "If you have questions, please contact us.", None),
        ("en", "If you would like to change your options, just visit My Account.", None),
        ("en", "To unsubscribe, click here.", None),
        ("en", "Please find attached the minutes of yesterday's meeting.", None),
        ("fr", "Pour toute question, contactez notre service client.", None),
        ("fr", "Pour vous désabonner, cliquez ici.", None),
        # A real ask next to an offer stays a plain ask.
        ("en", "Please review the draft and let me know if you have any questions.", False),
        ("fr", "Relis le devis et appelle-moi si tu as des questions.", False),
    ],
)
def test_courtesy_invitations(code: str, text: str, courtesy: bool | None) -> None:
    """Parakweet-style labels count an invitation as a request, msglint's rules do
    not: the detector reports it with ``courtesy``, the analysis keeps it apart."""
    doc = nlp(code)(text)
    asks = find_asks(doc, [whole(text)], get_pack(code), lookups(code))
    assert [a.courtesy for a in asks] == ([] if courtesy is None else [courtesy]), asks


def test_invitations_stay_out_of_the_asks_rules_read() -> None:
    from msglint.analysis import analyze_many
    from msglint.inputs import Source, parse

    body = "Hi Ana,\n\nThe report is attached. If you have any questions, please give me a call.\n"
    message = parse(body.encode(), Source("m.txt", "text"), "chat")
    (analysis,) = analyze_many([message], ["en"])
    assert analysis.asks == []
    assert [a.text for a in analysis.invitations] == [
        "If you have any questions, please give me a call."
    ]
