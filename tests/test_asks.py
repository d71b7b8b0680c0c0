"""The ask detector (msglint.analysis.asks) on the real spaCy pipelines."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from msglint.analysis.asks import find_asks
from msglint.analysis.model import Ask, Sentence
from msglint.lang import LanguagePack, get_pack

DATA = Path(__file__).resolve().parent / "data"

_NLP: dict[str, object] = {}


def nlp(code: str):  # type: ignore[no-untyped-def]
    """The pack's pipeline as msglint loads it (with the pack's tokenizer fixes), once."""
    if code not in _NLP:
        from msglint.analysis.pipeline import load_pipeline
        from msglint.errors import MsglintError

        try:
            _NLP[code] = load_pipeline(code)
        except MsglintError:
            pytest.skip(f"no spaCy pipeline installed for {code}")
    return _NLP[code]


def lookups(code: str):  # type: ignore[no-untyped-def]
    """The lemmatizer tables the pipeline hands to the ask detector."""
    from msglint.analysis.pipeline import lemma_lookups

    return lemma_lookups(nlp(code))


def whole(text: str, **flags: bool) -> Sentence:
    return Sentence(
        start=0,
        end=len(text),
        text=text,
        words=len(text.split()),
        block=0,
        is_question=text.rstrip().endswith("?"),
        **flags,
    )


def ask_of(code: str, text: str, pack: LanguagePack | None = None) -> Ask | None:
    doc = nlp(code)(text)
    asks = find_asks(doc, [whole(text)], pack or get_pack(code), lookups(code))
    assert len(asks) <= 1
    # The ask the rules see: a courtesy invitation is not one (test_courtesy_invitations).
    return asks[0] if asks and not asks[0].courtesy else None


# (language, sentence, form, owner, hedged); form None = not an ask.
CASES = [
    # English: the four forms.
    ("en", "Could you send me the signed contract by Friday?", "request", "reader", False),
    ("en", "Please review the attached draft before our call.", "request", "reader", False),
    ("en", "Let me know which slot works best for you.", "request", "reader", False),
    ("en", "I need you to book the meeting room for Tuesday.", "request", "reader", False),
    ("en", "Send me the updated figures when they are ready.", "imperative", "reader", False),
    ("en", "Don't forget to update the shared calendar.", "imperative", "reader", False),
    ("en", "Mike, send it to John in Europe.", "imperative", "reader", False),
    ("en", "What time works for you on Thursday?", "question", "reader", False),
    ("en", "Do you know if the client received the samples.", "question", "reader", False),
    ("en", "I need the signed NDA before we can share the files.", "need", "reader", False),
    ("en", "You need to renew your badge before the end of the month.", "need", "reader", False),
    # English: hedged (AK03).
    (
        "en",
        "I was just wondering if maybe you could have a look at the report.",
        "request",
        "reader",
        True,
    ),
    ("en", "Would it be possible to get the numbers by noon?", "request", "reader", True),
    ("en", "If you get a chance, send me the minutes.", "imperative", "reader", True),
    # English: owners.
    ("en", "Someone should update the onboarding wiki.", "need", "nobody", False),
    ("en", "It would be good if somebody could call the supplier.", "need", "nobody", False),
    ("en", "Can someone reserve a table for eight?", "request", "nobody", False),
    ("en", "The invoices need to be approved by Friday.", "need", "nobody", False),
    ("en", "We need to finalise the agenda by Wednesday.", "need", "we", False),
    ("en", "Let's meet on Monday to go through the plan.", "imperative", "we", False),
    ("en", "Could we push the review to Thursday?", "request", "we", False),
    ("en", "Let us discuss this on Monday.", "imperative", "we", False),
    ("en", "Let us know by Friday.", "request", "reader", False),
    # English: not asks.
    ("en", "I will send the report tomorrow morning.", None, None, None),
    ("en", "I need to leave early today.", None, None, None),
    ("en", "Thanks for your help!", None, None, None),
    ("en", "Have a nice weekend!", None, None, None),
    ("en", "Hope you are well.", None, None, None),
    ("en", "Looking forward to hearing from you.", None, None, None),
    ("en", "Let me know if you have any questions.", None, None, None),
    ("en", "If you need anything, call me.", None, None, None),
    ("en", "Feel free to reach out if you need anything else.", None, None, None),
    ("en", "Please find attached the minutes of yesterday's meeting.", None, None, None),
    ("en", "She asked whether we could move the meeting.", None, None, None),
    ("en", "Let me explain how the new process works.", None, None, None),
    ("en", "Any questions?", None, None, None),
    ("en", "It's been a long week, hasn't it?", None, None, None),
    # English: an offer does not hide the real ask next to it.
    (
        "en",
        "Please review the draft and let me know if you have any questions.",
        "request",
        "reader",
        False,
    ),
    ("en", "If you want to join, let me know.", "request", "reader", False),
    # French: the four forms.
    ("fr", "Peux-tu m'envoyer le contrat signé avant vendredi ?", "request", "reader", False),
    ("fr", "Pourriez-vous vérifier si la facture a été payée ?", "request", "reader", False),
    ("fr", "Merci de relire le document avant notre appel.", "request", "reader", False),
    ("fr", "Je vous prie de bien vouloir confirmer l'adresse.", "request", "reader", False),
    ("fr", "Il faudrait que tu appelles le client cette semaine.", "request", "reader", False),
    ("fr", "Tu peux m'envoyer la facture ?", "request", "reader", False),
    ("fr", "Envoie-moi les chiffres à jour.", "imperative", "reader", False),
    ("fr", "Envoyez-moi les chiffres à jour.", "imperative", "reader", False),
    ("fr", "Vérifie les chiffres avant l'envoi.", "imperative", "reader", False),
    ("fr", "N'oubliez pas de joindre les justificatifs.", "imperative", "reader", False),
    ("fr", "Relis le contrat et signe-le avant lundi.", "imperative", "reader", False),
    ("fr", "Quelle heure te convient jeudi ?", "question", "reader", False),
    ("fr", "Tu dois renouveler ton badge avant la fin du mois.", "need", "reader", False),
    # French: hedged (AK03).
    ("fr", "Je me demandais si tu pourrais jeter un œil au rapport.", "request", "reader", True),
    ("fr", "Si jamais tu as un moment, tu pourrais regarder le devis ?", "request", "reader", True),
    ("fr", "Serait-il possible d'avoir les chiffres avant midi ?", "request", "reader", True),
    # French: owners.
    ("fr", "Quelqu'un pourrait mettre à jour le wiki ?", "request", "nobody", False),
    ("fr", "Il faudrait que quelqu'un appelle le fournisseur.", "need", "nobody", False),
    ("fr", "Il faudrait revoir les tarifs avant le lancement.", "need", "nobody", False),
    ("fr", "On doit finaliser l'ordre du jour avant mercredi.", "need", "we", False),
    ("fr", "Il faut qu'on finalise le budget d'ici lundi.", "need", "we", False),
    ("fr", "Faisons le point jeudi.", "imperative", "we", False),
    ("fr", "On pourrait décaler la revue à jeudi ?", "request", "we", False),
    # French: not asks.
    ("fr", "Je t'envoie le rapport demain matin.", None, None, None),
    ("fr", "Je dois partir plus tôt aujourd'hui.", None, None, None),
    ("fr", "Merci pour ton aide !", None, None, None),
    ("fr", "Merci de ta réponse rapide.", None, None, None),
    ("fr", "Bonne journée !", None, None, None),
    ("fr", "N'hésitez pas si vous avez des questions.", None, None, None),
    ("fr", "N'hésite pas à me contacter si besoin.", None, None, None),
    ("fr", "Si tu as besoin de quoi que ce soit, appelle-moi.", None, None, None),
    ("fr", "Vous trouverez ci-joint le compte rendu.", None, None, None),
    ("fr", "Elle a demandé si on pouvait décaler la réunion.", None, None, None),
    ("fr", "Reste à savoir si le budget sera validé.", None, None, None),
    ("fr", "Entre nous, le projet a pris du retard.", None, None, None),
    ("fr", "Des questions ?", None, None, None),
    # English: statements and closings that only look like imperatives.
    ("en", "Invoices that arrive late will be paid next month.", None, None, None),
    ("en", "Thanks again, and have a lovely weekend,", None, None, None),
    ("en", "Sure to please every budget.", None, None, None),
    ("en", "He let me know that the parcel arrived.", None, None, None),
    ("en", "Go Here Now For More Information", None, None, None),
    # English: an imperative after "Yes," that the tagger reads as a noun.
    ("en", "Yes, book 3 and 4 March as training days.", "imperative", "reader", False),
    # English: a relative clause and a named agent are not ownerless asks.
    (
        "en",
        "E-mail is for anything a client reads, or that someone must check again later.",
        None,
        None,
        None,
    ),
    ("en", "The contract must be signed by the finance director.", None, None, None),
    ("en", "The form has to be signed by the end of the month.", "need", "nobody", False),
    # English: offers ("you'd like", an emergency) and mailing-list boilerplate.
    ("en", "If you'd like to discuss it, give me a call.", None, None, None),
    ("en", "In a real emergency, text me on my mobile.", None, None, None),
    ("en", "If nothing displays, please click here to open it in your browser.", None, None, None),
    ("en", "To ensure delivery to your inbox, please add news@example.com", None, None, None),
    # French: statements that only look like imperatives (participles, noun phrases).
    ("fr", "Le montant est de 450 € HT, facturés au client.", None, None, None),
    ("fr", "Silae : 12 400 € par an, mise en place en six semaines.", None, None, None),
    ("fr", "Ressources humaines", None, None, None),
    ("fr", "Paie 2027 ».", None, None, None),
    # French: imperatives the tagger misses, with clitics kept apart or together.
    ("fr", "Indique le montant dans la note.", "imperative", "reader", False),
    (
        "fr",
        "Si ces horaires ne vous vont pas, dites-le-moi avant jeudi.",
        "imperative",
        "reader",
        False,
    ),
    ("fr", "Donne-m'en deux pour la réunion.", "imperative", "reader", False),
    ("fr", "Inscrivez-vous avant vendredi.", "imperative", "reader", False),
    ("fr", "Sais-tu si Paul vient demain.", "question", "reader", False),
    ("fr", "Avez-vous reçu le contrat.", "question", "reader", False),
    ("fr", "Rendez-vous confirmé pour jeudi.", None, None, None),
    # French: « être à » + infinitive is an instruction (not « il est à noter »).
    (
        "fr",
        "Les justificatifs sont à envoyer au service comptable avant le 5 janvier.",
        "need",
        "reader",
        False,
    ),
    ("fr", "Il est à noter que le bureau ferme à 13 h.", None, None, None),
    # French: a relative clause and a named agent are not ownerless asks.
    (
        "fr",
        "Le wiki, pour tout ce qu'un client lit, ou qu'il faudra revoir plus tard.",
        None,
        None,
        None,
    ),
    (
        "fr",
        "Toute commande de plus de 1 000 € doit être approuvée par le directeur.",
        None,
        None,
        None,
    ),
    ("fr", "La commande doit être envoyée par courriel avant vendredi.", "need", "nobody", False),
    # French: an emergency is an offer.
    ("fr", "Pour une vraie urgence, envoie-moi un SMS.", None, None, None),
    # A phrase broken across lines is still found.
    (
        "fr",
        "Le traiteur doit le savoir avant lundi, donc merci\nde me répondre d'ici mercredi.",
        "request",
        "reader",
        False,
    ),
    # Issue 12: a perfect after a modal speaks of the past; quoted words are
    # someone else's; a future obligation of no one is a statement.
    ("en", "You should have received the package by now.", None, None, None),
    ("en", "We should have caught it earlier.", None, None, None),
    ("en", 'John asked me, "Can you send it?"', None, None, None),
    ("en", "He said “please send it”.", None, None, None),
    ("en", 'Can you check the "Notes" column?', "request", "reader", False),
    ("en", "We might want to revisit the pricing.", "request", "we", False),
    ("en", "We would like to offer you a free trial.", None, None, None),
    ("fr", "Il faudra renouveler la licence l'an prochain.", None, None, None),
    ("fr", "Il m'a demandé : « peux-tu venir ? »", None, None, None),
    ("fr", "On pourrait peut-être en parler jeudi.", "request", "we", True),
    ("fr", "Nous pourrions revoir le budget avant lundi.", "request", "we", False),
    ("fr", "On pourrait penser que tout va bien.", None, None, None),
    ("en", "It would be worth checking the numbers again.", "need", "nobody", False),
    ("en", "It is worth noting that sales rose.", None, None, None),
    ("en", "I'd love for you to take the lead on this.", "request", "reader", False),
    ("en", "We'd appreciate a quick reply.", "request", "reader", False),
    ("en", "I would like to welcome our new members.", None, None, None),
    ("en", "The contract needs to be reviewed by legal before it goes out.", None, None, None),
    ("en", "The report must be sent by the end of the week.", "need", "nobody", False),
    ("en", "If you'd like to attend, should we call you from the room?", "request", "we", False),
    # Rhetorical questions, good wishes, labels, ads and a future obligation: not asks.
    ("en", "Isn't that great?", None, None, None),
    ("en", "How cool is that?", None, None, None),
    ("en", "Who would have thought it?", None, None, None),
    ("en", "Why wait?", None, None, None),
    ("en", "How big is the file?", "question", "reader", False),
    ("en", "Isn't the meeting at 3?", "question", "reader", False),
    ("en", "Part 2: Results", None, None, None),
    ("en", "The report will have to be revised next quarter.", None, None, None),
    ("en", "Take care!", None, None, None),
    ("en", "Pardon the delay.", None, None, None),
    ("en", "Check out our new spring collection.", None, None, None),
    ("en", "View this email in your browser.", None, None, None),
    ("en", "You'll need to bring your ID.", "need", "reader", False),
    ("en", "Any feedback would be welcome.", "request", "reader", False),
    ("fr", "Merci de ne pas répondre à ce message.", None, None, None),
    ("fr", "Il serait bon que vous confirmiez votre présence.", "request", "reader", False),
    ("fr", "J'espère que tu pourras venir vendredi.", "request", "reader", False),
    # French wishes read from the parse: any adverb, a conditional the tagger
    # took for a present, a pronoun it took for a determiner, a lemma it missed.
    ("fr", "Je souhaiterais vivement que tu participes à la réunion.", "request", "reader", False),
    ("fr", "Je préférerais que tu m'appelles demain.", "request", "reader", False),
    (
        "fr",
        "Je vous invite à compléter le questionnaire avant vendredi.",
        "request",
        "reader",
        False,
    ),
    ("fr", "Nous vous prions de nous retourner le contrat signé.", "request", "reader", False),
    ("fr", "Je vous demanderais de bien vouloir signer le document.", "request", "reader", False),
    ("fr", "Il faudrait peut-être que tu relances le client.", "request", "reader", True),
    ("fr", "Nous devrons embaucher l'an prochain.", None, None, None),
    ("fr", "Qui l'aurait cru ?", None, None, None),
    ("fr", "Pourquoi attendre ?", None, None, None),
    ("fr", "Comment ça va ?", None, None, None),
    ("fr", "Découvrez notre nouvelle collection.", None, None, None),
    ("fr", "Cliquez ici pour vous désabonner.", None, None, None),
    # Someone else's wish passed on to the reader; a clause after a label; the
    # writer's opinion only softens a proposal; a joint action wished for.
    ("en", "Ben wants you to call him back today.", "request", "reader", False),
    (
        "en",
        "Ben wants to know if you are available for lunch tomorrow.",
        "request",
        "reader",
        False,
    ),
    ("en", "The client asked us to send the files by Friday.", None, None, None),
    ("en", "The board appreciated your comments.", None, None, None),
    (
        "en",
        "Bruce: I am tied up for lunch, but let's get together on Monday.",
        "need",
        "we",
        False,
    ),
    ("en", "I think we should discuss it tomorrow.", "request", "we", False),
    # A request for the answer with a deadline is an ask even in an offer.
    ("en", "Let me know if you need anything else by Wednesday.", "request", "reader", False),
    ("en", "Let me know if you have any questions, and have a nice weekend.", None, None, None),
    ("en", "Wow, can you believe only a week?", None, None, None),
    ("en", "We would like the opportunity to meet with you beforehand.", "request", "we", False),
]


@pytest.mark.parametrize(
    ("code", "text", "form", "owner", "hedged"), CASES, ids=[c[1][:40] for c in CASES]
)
def test_ask_flags(
    code: str, text: str, form: str | None, owner: str | None, hedged: bool | None
) -> None:
    ask = ask_of(code, text)
    if form is None:
        assert ask is None, f"not an ask, got {ask}"
        return
    assert ask is not None, "missed"
    assert (ask.form, ask.owner, ask.hedged) == (form, owner, hedged)


def sentences_of(doc) -> list[Sentence]:  # type: ignore[no-untyped-def]
    """One Sentence per sentence of a parsed body, as the parser cuts it (block 0)."""
    return [
        Sentence(
            start=sent.start_char,
            end=sent.end_char,
            text=sent.text,
            words=len(sent.text.split()),
            block=0,
            is_question=sent.text.rstrip().endswith("?"),
        )
        for sent in doc.sents
        if sent.text.strip()
    ]


# (language, body, the ``secondary`` flag of each ask in order)
SECONDARY = [
    # A fallback condition after the ask.
    (
        "en",
        "Could you sign the lease by 4 pm today? The terms are unchanged. "
        "If you cannot sign today, call me before 2 pm.",
        [False, True],
    ),
    # A request for the answer, with only a deadline and a purpose.
    (
        "en",
        "Can we swap shifts on Wednesday? I would take your afternoon. "
        "Let me know by Friday so I can update the rota.",
        [False, True],
    ),
    (
        "en",
        "Do you want the projector or the screen? "
        "The centre needs to know by Monday, so please reply by Wednesday.",
        [False, True],
    ),
    # A request for the answer with content of its own is another ask.
    ("en", "Can you join the call on Friday? Let me know which room you prefer.", [False, False]),
    # A softener is not a condition.
    (
        "en",
        "Please review the draft. If you get a chance, send me the minutes too.",
        [False, False],
    ),
    (
        "en",
        "Please sign the lease by 4 pm today. If you can't sign today, call me before 2 pm.",
        [False, True],
    ),
    (
        "en",
        "Could you send me the Q3 figures by Friday? I need them for the board review.",
        [False, True],
    ),
    # With nothing asked before, a conditional ask is the ask.
    ("en", "If you cannot come on Monday, call me before noon.", [False]),
    (
        "fr",
        "Pourriez-vous confirmer la date de paiement d'ici vendredi ? "
        "Si le virement est déjà parti, merci de m'indiquer sa référence.",
        [False, True],
    ),
    (
        "fr",
        "On peut échanger nos permanences mercredi ? Je prendrais ton après-midi. "
        "Dis-moi d'ici vendredi pour que je mette le planning à jour.",
        [False, True],
    ),
    (
        "fr",
        "Préférez-vous un repas assis ou un buffet ? Le traiteur doit le savoir avant "
        "lundi, donc merci de me répondre d'ici mercredi.",
        [False, True],
    ),
    (
        "fr",
        "Merci de choisir un créneau d'ici mardi. "
        "Si aucun ne vous convient, indiquez-moi vos disponibilités.",
        [False, True],
    ),
    # An impersonal instruction after a direct ask restates a rule.
    (
        "fr",
        "Indique le nom du client dans le commentaire. "
        "Les notes de décembre sont à rendre au plus tard le 6 janvier.",
        [False, True],
    ),
    ("fr", "Si ces dates ne vous conviennent pas, dites-le-moi avant vendredi.", [False]),
]


@pytest.mark.parametrize(("code", "body", "flags"), SECONDARY, ids=[c[1][:40] for c in SECONDARY])
def test_secondary_asks(code: str, body: str, flags: list[bool]) -> None:
    doc = nlp(code)(body)
    asks = find_asks(doc, sentences_of(doc), get_pack(code), lookups(code))
    assert [ask.secondary for ask in asks] == flags, [(a.text, a.secondary) for a in asks]


def test_offsets_list_items_and_numbering() -> None:
    body = (
        "Hi Anna,\n\nTwo things:\n1. Send me the file.\n2) Book the room for Friday.\n"
        "- Call Paul.\n\nThanks!"
    )
    sentences = []
    for match in re.finditer(r"[^\n]+", body):
        text = match.group()
        item = bool(re.match(r"(\d[.)]|-) ", text))
        start = match.start() + (
            len(re.match(r"(\d[.)]|-) ", text).group()) if item and text[0] == "-" else 0
        )
        sentences.append(
            Sentence(
                start=start,
                end=match.end(),
                text=body[start : match.end()],
                words=len(text.split()),
                block=0,
                in_list=item,
            )
        )
    asks = find_asks(nlp("en")(body), sentences, get_pack("en"), lookups("en"))
    assert [(a.sentence, a.form, a.in_list, a.numbered) for a in asks] == [
        (2, "imperative", True, True),
        (3, "imperative", True, True),
        (4, "imperative", True, False),
    ]
    for ask in asks:
        assert body[ask.start : ask.end] == ask.text
    assert asks[0].text == "1. Send me the file."
    assert asks[2].text == "Call Paul."


def test_at_most_one_ask_per_sentence_and_whitespace_trimmed() -> None:
    body = "  Could you call me? Please send it.  "
    doc = nlp("en")(body)
    sentences = [whole(body)]
    asks = find_asks(doc, sentences, get_pack("en"), lookups("en"))
    assert len(asks) == 1
    assert asks[0].text == "Could you call me? Please send it."
    assert (asks[0].start, asks[0].end) == (2, len(body) - 2)


def test_headings_are_not_asks_unless_questions() -> None:
    text = "Review of the budget"
    doc = nlp("en")(text)
    heading = Sentence(0, len(text), text, 4, 0, is_heading=True)
    assert find_asks(doc, [heading], get_pack("en"), lookups("en")) == []


def test_a_french_phrase_needs_no_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import msglint.lang

    shutil.copytree(msglint.lang.LANG_DIR / "fr", tmp_path / "fr")
    monkeypatch.setattr(msglint.lang, "LANG_DIR", tmp_path)
    sentence = "Je te charge de la réservation du restaurant."
    pack = LanguagePack("fr")
    assert ask_of("fr", sentence, pack) is None
    with (tmp_path / "fr" / "asks" / "request_phrases.txt").open("a", encoding="utf-8") as handle:
        handle.write("je te charge de\n")
    pack = LanguagePack("fr")
    ask = ask_of("fr", sentence, pack)
    assert ask is not None and ask.form == "request"


def _labelled(code: str) -> list[tuple[bool, str]]:
    rows = []
    for line in (DATA / f"asks_{code}.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, text = line.split("\t", 1)
            rows.append((label == "1", text))
    return rows


@pytest.mark.parametrize("code", ["en", "fr"])
def test_precision_and_recall_on_labelled_sentences(code: str) -> None:
    rows = _labelled(code)
    assert len(rows) >= 80
    pack = get_pack(code)
    tp = fp = fn = 0
    wrong = []
    for label, text, doc in zip(
        (r[0] for r in rows), (r[1] for r in rows), nlp(code).pipe(r[1] for r in rows), strict=True
    ):
        found = any(not a.courtesy for a in find_asks(doc, [whole(text)], pack, lookups(code)))
        tp += label and found
        fp += found and not label
        fn += label and not found
        if found != label:
            wrong.append(text)
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    assert precision >= 0.95, wrong
    assert recall >= 0.9, wrong


def _copied_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: str) -> Path:
    import msglint.lang

    shutil.copytree(msglint.lang.LANG_DIR / code, tmp_path / code)
    monkeypatch.setattr(msglint.lang, "LANG_DIR", tmp_path)
    return tmp_path / code


def test_a_missing_declared_lexicon_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from msglint.errors import MsglintError

    folder = _copied_pack(tmp_path, monkeypatch, "fr")
    (folder / "asks" / "imperative_endings.txt").unlink()
    with pytest.raises(MsglintError, match=r"imperative_endings\.txt.*shaped_imperatives"):
        ask_of("fr", "Envoie-moi le fichier.", LanguagePack("fr"))


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (('"clitic_inversion",', '"clitic_inversion", "telepathy",'), "unknown detector"),
        (("base_form = []", ""), "missing tags.base_form"),
        (("[words]", "[words]\nlet_objets = []"), "unknown key words.let_objets"),
    ],
)
def test_a_bad_ask_declaration_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: tuple[str, str], message: str
) -> None:
    from msglint.errors import MsglintError

    folder = _copied_pack(tmp_path, monkeypatch, "fr")
    path = folder / "asks.toml"
    text = path.read_text(encoding="utf-8")
    assert edit[0] in text
    path.write_text(text.replace(edit[0], edit[1]), encoding="utf-8")
    with pytest.raises(MsglintError, match=message):
        ask_of("fr", "Envoie-moi le fichier.", LanguagePack("fr"))


@pytest.mark.parametrize("unit", ["? ", ". ", "! ", "?! ", ", ", ";x "])
def test_find_asks_is_linear_in_runs_of_punctuation(unit: str) -> None:
    """A run of "? ? ? …" inside one sentence once cost quadratic time (100 KB: 34 s)."""
    import time

    from msglint.analysis.pipeline import load_pipeline

    nlp = load_pipeline("en")
    pack = get_pack("en")

    def seconds(n: int) -> float:
        text = "Could you check this " + unit * n + "ok"
        doc = nlp.make_doc(text)  # the regexes see the text; the parse is not timed here
        sentence = Sentence(0, len(text), text, 4, 0, is_question=False)
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            find_asks(doc, [sentence], pack, lookups("en"))
            best = min(best, time.perf_counter() - started)
        return best

    small, large = seconds(1000), seconds(8000)
    # Linear: about 8 times longer for 8 times the input; quadratic: 64 times.
    assert large / max(small, 1e-4) < 24, (small, large)
