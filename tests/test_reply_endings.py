"""Where the sender's words end: the closing, signatures, footers and boilerplate.

Split from ``test_reply.py`` (the splitter's history and plumbing): the
closing line that stays own text, signature blocks without a delimiter,
disclaimers, list footers and quote marks lost in re-wrapping.
"""

from __future__ import annotations

import pytest
from reply_parts import body_of

from msglint.inputs.reply import split_reply

# ------------------------------------------------------------------- the closing


def _own_and_signature(text: str) -> tuple[str, str]:
    split = split_reply(text)
    lines = text.split("\n")
    own = "\n".join(lines[i] for i in split.own_lines if lines[i].strip())
    return own, "\n".join(x for x in split.signature.split("\n") if x.strip())


@pytest.mark.parametrize(
    ("text", "own", "signature"),
    [
        (
            "Here is the report.\n\nThanks,\nAnna Smith\nHead of Operations | ACME\n"
            "+44 20 7946 0958",
            "Here is the report.\nThanks,\nAnna Smith",
            "Head of Operations | ACME\n+44 20 7946 0958",
        ),
        ("See below.\n\nRegards, Roman", "See below.\nRegards, Roman", ""),
        ("Pushed.\n\n-Carl", "Pushed.\n-Carl", ""),
        ("Voici le rapport.\n\nBien à vous,\n\nAnne", "Voici le rapport.\nBien à vous,\nAnne", ""),
        (
            "Please call me.\n\nSusan Scott\nx30596",
            "Please call me.\nSusan Scott",
            "x30596",
        ),
        (
            "Thanks for your help!\n\n-- \nJohn Doe\nSenior Developer",
            "Thanks for your help!",
            "--\nJohn Doe\nSenior Developer",
        ),
    ],
)
def test_the_closing_is_own_text_and_the_signature_follows_it(
    text: str, own: str, signature: str
) -> None:
    """A sign-off and the name under it are written to the reader; a delimiter is not."""
    got_own, got_signature = _own_and_signature(text)
    assert got_own == own
    assert got_signature.replace("-- ", "--") == signature


def test_a_second_closing_line_stays_with_the_first() -> None:
    text = "I will try it.\n\nThank you very much, Stefan!\n\nCheers,\n\n-Tom\n"
    own, signature = _own_and_signature(text)
    assert own == "I will try it.\nThank you very much, Stefan!\nCheers,\n-Tom"
    assert signature == ""


# ----------------------------------------------- boilerplate and re-wrapped quotes


def test_a_disclaimer_heading_the_message_is_not_own_text() -> None:
    text = (
        "The information contained herein is based on sources that we believe to be\n"
        "reliable, but we do not represent that it is accurate or complete.\n\n"
        "The charts are now available on the web.\n"
    )
    assert body_of(text) == "The charts are now available on the web."
    alone = text.split("\n\n")[0]
    assert body_of(alone) == alone  # nothing follows: the sender sent the notice itself


def test_an_opt_out_line_is_a_footer() -> None:
    text = (
        "The new country report is available on request.\n\n"
        "If you are not interested in receiving these messages in the future, please "
        "let us know.\n"
    )
    assert body_of(text) == "The new country report is available on request."


def test_a_quote_head_that_lost_its_marker_is_quote() -> None:
    text = (
        "Good point, thanks.\n\n"
        "Since the renewal is done usually a month in advance, you have plenty of\n"
        "> time. My debian apache is restarted gracefully each day\n"
        "> anyway, for example.\n\n"
        "Was that systemd file installed by debian?\n"
    )
    assert body_of(text) == "Good point, thanks.\nWas that systemd file installed by debian?"
    answer = text.replace("plenty of\n> time.", "plenty of time:\n> Time.")
    assert "plenty of time:" in body_of(answer)  # a sentence of the author's own stays


def test_a_name_that_wrote_right_above_a_quote_is_its_attribution() -> None:
    for line in ("Travis Oliphant wrote:", "Mike Romberg <romberg at fsl.noaa.gov> writes:"):
        text = f"{line}\n\n> Is it a bug?\n> Or am I wrong?\n\nIt is a bug.\n"
        assert body_of(text) == "It is a bug."
    assert body_of("I wrote:\nthe plan is fine.") == "I wrote:\nthe plan is fine."  # no quote


def test_a_pasted_python_session_is_own_text() -> None:
    text = (
        "I get the right answer:\n\n"
        ">>> a = array([[1, 0], [0, 1]])\n>>> eigenvalues(a)\narray([ 1.,  1.])\n\nJeff\n"
    )
    assert body_of(text).startswith("I get the right answer:\n>>> a = array(")
    nested = "Agreed.\n\n>>> Can we ship it?\n>> Yes.\n> OK then.\n"
    assert body_of(nested) == "Agreed."  # a third quote level with the others around it


def test_repl_prompts_are_not_supercite_initials() -> None:
    text = "Here is what IDL does:\n\nIDL> print, a[[1,3],[0,3]]\n       2      16\n"
    assert "IDL> print" in body_of(text)
    assert body_of(" LK> Too many open files\n\nSee the patch.") == "See the patch."


def test_supercite_first_names_quote_and_the_answers_between_stay() -> None:
    text = (
        "On Tue, 6 Nov 2001 15:01:18 -1000 Herbert L Roitblat wrote:\n\n"
        "Herbert> Travis Oliphant has one.\n\nIsn't that the one in SciPy?\n\n"
        "Herbert> ----- Original Message -----\nHerbert> From: R.M.Everson\n\n"
        "Herbert,\n\nthis inverse citing is counterproductive on lists.\n"
    )
    body = body_of(text)
    assert "Travis" not in body and "Original Message" not in body
    assert body.startswith("Isn't that the one in SciPy?")
    assert body.endswith("this inverse citing is counterproductive on lists.")


def test_an_elision_mark_inside_a_quote_is_quote() -> None:
    text = (
        "On Tue, 30 Oct 2001, Perry Greenfield wrote:\n[...]\n> > What is Numeric2?\n"
        "> We are putting it up now.\n[...]\n\nWhat does it do??\n\nJohn\n"
    )
    assert body_of(text) == "What does it do??\nJohn"


@pytest.mark.parametrize(
    "notice",
    [
        "This e-mail may contain Sprint proprietary information intended for the sole use "
        "of the recipient(s).",
        "This e-mail and its contents are subject to the DISCLAIMER at http://example.org/d",
    ],
)
def test_disclaimer_openings_end_the_own_text(notice: str) -> None:
    rule = "_" * 32
    text = f"Attached is the LS.\n\nBest regards,\nGreg\n\n{rule}\n\n{notice}\n"
    assert body_of(text) == "Attached is the LS."


@pytest.mark.parametrize(
    ("text", "own"),
    [
        (
            "Merci de relayer.\n\nHervé Collin\nDirecteur général des services\n",
            "Merci de relayer.\nHervé Collin",
        ),
        (
            "Nous transmettons au propriétaire.\n\nCordialement,\nLe service gestion locative\n",
            "Nous transmettons au propriétaire.\nCordialement,\nLe service gestion locative",
        ),
        (
            "Je sollicite une autorisation d'absence.\n\n"
            "Je vous prie d'agréer, Madame, l'expression de mes salutations distinguées.\n\n"
            "Xavier Renault\nProfesseur des écoles\n",
            "Je sollicite une autorisation d'absence.\n"
            "Je vous prie d'agréer, Madame, l'expression de mes salutations distinguées.\n"
            "Xavier Renault",
        ),
        (
            "Participants:\nJean Dupont\nMarie Curie\n",
            "Participants:\nJean Dupont\nMarie Curie",
        ),
    ],
)
def test_a_name_and_title_block_without_contact_lines(text: str, own: str) -> None:
    assert _own_and_signature(text)[0] == own


def test_a_confidentiality_notice_ends_the_own_text() -> None:
    text = (
        "Pourriez-vous m'envoyer la facture ?\n\nBien cordialement,\n\nÉlise Navarro\n"
        "Conseillère clientèle\n02 00 00 18 60\n\n"
        "Ce message est confidentiel. Il est destiné exclusivement à son destinataire.\n"
    )
    assert body_of(text) == "Pourriez-vous m'envoyer la facture ?"


def test_titles_and_one_line_addresses_after_a_name_are_the_signature() -> None:
    text = (
        "Je vous relance pour vos fiches de temps.\n\nBien cordialement,\n\nCorinne Lebas\n"
        "Assistante juridique\nCabinet Dufresne Avocats – 12 rue des Carmes – 00000 Exemple\n"
    )
    assert _own_and_signature(text) == (
        "Je vous relance pour vos fiches de temps.\nBien cordialement,\nCorinne Lebas",
        "Assistante juridique\nCabinet Dufresne Avocats – 12 rue des Carmes – 00000 Exemple",
    )
    signed = (
        "la prochaine commission ?\n\nmerci\nVirginie Dupont\nReprésentante des parents d'élèves"
    )
    assert _own_and_signature(signed)[1] == "Représentante des parents d'élèves"


def test_a_listserv_footer_with_its_link_below_is_a_footer() -> None:
    text = (
        "The draft LS is in the drafts folder.\n\nBest regards,\nStefan\n\n"
        + "#" * 72
        + "\n\nTo unsubscribe from the 3GPP_TSG_SA_WG4_EVS list, click the following link:\n"
        "http://list.etsi.org/scripts/wa.exe?SUBED1=3GPP_TSG_SA_WG4_EVS&A=1\n\n" + "#" * 72 + "\n"
    )
    assert body_of(text) == "The draft LS is in the drafts folder."


def test_an_outlook_header_with_chinese_labels_starts_the_history() -> None:
    text = (
        "Just an update: the 2nd round starts after the break.\n\nRuixin\n\n"
        "发件人： Ruixin Wang\n发送时间： 2019-08-29 11:35\n收件人： 3GPP_TSG_RAN_WG4\n"
        "主题： NR MIMO OTA- 2nd round online session\nHi all, we start earlier.\n"
    )
    assert body_of(text) == "Just an update: the 2nd round starts after the break.\nRuixin"


def test_pgp_armour_is_not_own_text() -> None:
    text = (
        "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA1\n\nHi David,\n\nThis is identical "
        "to my experience.\n\n- - Alex\n-----BEGIN PGP SIGNATURE-----\nVersion: GnuPG v1\n\n"
        "iEYEARECAAYFAktG9wMACgkQVTRddCFHw13qZACg\n=MwAw\n-----END PGP SIGNATURE-----\n"
    )
    own, _ = _own_and_signature(text)
    assert own == "Hi David,\nThis is identical to my experience.\n- - Alex"


def test_a_notes_header_whose_to_line_is_very_long() -> None:
    names = ", ".join(f'"Person {i}" <p{i}@example.com>' for i in range(30))
    text = (
        "Can you circulate the link again?\n\n\n"
        '"Scott Govenar" <sg@example.com> on 07/16/2001 01:58:41 PM\n'
        f"Please respond to <sg@example.com>\n\nTo:\t{names}\n\ncc:\t\n\nSubject:\tHearing\n\n"
        "THE COMMITTEE WILL MEET ON WEDNESDAY.\n"
    )
    assert body_of(text) == "Can you circulate the link again?"


@pytest.mark.parametrize(
    ("text", "own", "signature"),
    [
        (
            "et pour le taux ?\ncordialement\nF. Collet\n",
            "et pour le taux ?\ncordialement\nF. Collet",
            "",
        ),
        (
            "La migration a lieu samedi.\n\nCordialement,\nLe support informatique\nPoste 4400\n",
            "La migration a lieu samedi.\nCordialement,\nLe support informatique",
            "Poste 4400",
        ),
        (
            "Le débrief se fera vendredi.\n\nValérie\nSuperviseure équipe B\n",
            "Le débrief se fera vendredi.\nValérie",
            "Superviseure équipe B",
        ),
        (
            "Merci de confirmer.\n\nMusicalement,\nJosiane\n",
            "Merci de confirmer.\nMusicalement,\nJosiane",
            "",
        ),
    ],
)
def test_initials_extensions_and_first_names(text: str, own: str, signature: str) -> None:
    assert _own_and_signature(text) == (own, signature)


def test_a_printing_reminder_is_a_footer() -> None:
    text = "C'est noté.\n\nPaul\n\nP Pensez à l'environnement avant d'imprimer ce message.\n"
    assert body_of(text) == "C'est noté.\nPaul"


def test_three_underscores_then_a_signature_line() -> None:
    text = (
        "Please let me know if you have any comments\n\nThanks\n\nThorsten\n___\n"
        "Thorsten Hertel || Lead Technologist || Keysight Technologies\n"
    )
    assert _own_and_signature(text)[0] == (
        "Please let me know if you have any comments\nThanks\nThorsten"
    )
