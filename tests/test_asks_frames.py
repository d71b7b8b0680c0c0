"""Asks read from general frames of the parse (issue 12, part 2, asks9 pass).

Sentences written for these tests, English and French for each frame the two
languages share; the detector and its helpers are those of ``test_asks``.
"""

from __future__ import annotations

import pytest
from test_asks import ask_of

# (language, sentence, form); form None = not an ask.
CASES = [
    # A verb of advice with the action itself as its complement proposes it
    # (``actions`` in [wishes]); a past reports, someone else's advice informs.
    ("en", "I would suggest calling him first.", "request"),
    ("en", "I'd recommend checking the logs before the release.", "request"),
    ("en", "I suggested calling him.", None),
    ("en", "We would propose lifting the cap through amendments.", None),
    ("en", "Ye Lin suggests you add Chit as a friend.", None),
    ("fr", "Je suggérerais d'appeler Paul d'abord.", "request"),
    ("fr", "Je recommande de vérifier les journaux.", "request"),
    ("fr", "J'ai suggéré d'appeler Paul.", None),
    # The reader doing an action the writer wishes to have: "have you join us".
    ("en", "We would love to have you join us.", "request"),
    ("en", "We would enjoy having you join us for the walk.", "request"),
    ("en", "I enjoy working with you.", None),
    ("fr", "Nous aimerions beaucoup que vous vous joigniez à nous.", "request"),
    # A bare noun opening the sentence, a greeting aside, is a vocative, not the
    # imperative's subject.
    ("en", "Hello team, remember to submit your timesheets.", "imperative"),
    ("en", "Folks, send me your slides by noon.", "imperative"),
    ("en", "The team, as you know, has grown.", None),
    ("fr", "Bonjour l'équipe, pensez à envoyer vos feuilles de temps.", "imperative"),
    # A thing welcomed: conditional or future; in the present, the reader's or any.
    ("en", "Any help you can give me is greatly appreciated.", "request"),
    ("en", "Any feedback will be welcome.", "request"),
    ("en", "Your help was much appreciated.", None),
    ("en", "Your cooperation is appreciated.", None),
    ("en", "The gift was appreciated.", None),
    ("fr", "Votre aide serait appréciée.", "request"),
    ("fr", "Toute aide est la bienvenue.", "request"),
    ("fr", "Votre aide a été très appréciée.", None),
    # "will be helpful" predicts; "would be helpful" asks.
    ("en", "I think it will be helpful to channel the discussion.", None),
    ("en", "Your comments would be helpful.", "request"),
    # A person's action under a judgement of necessity, present or conditional.
    ("en", "It is important that you attend the review.", "need"),
    ("en", "It's critical that we fix this before Friday.", "need"),
    ("en", "It was important that we met.", None),
    ("en", "It is important to note that prices rose.", None),
    ("fr", "Il est important que vous participiez à la réunion.", "need"),
    ("fr", "Il est essentiel que chacun remplisse le formulaire.", "need"),
    ("fr", "Il était important que nous en parlions.", None),
    # The writer's advice as a noun.
    ("en", "My suggestion would be to postpone the launch.", "request"),
    ("en", "My recommendation is that we postpone the launch.", "request"),
    ("en", "His suggestion was to postpone the launch.", None),
    ("fr", "Ma suggestion serait de reporter le lancement.", "request"),
    ("fr", "Ma suggestion était de reporter le lancement.", None),
    # A comma splice: the clause after the comma is a main clause, not reported.
    ("en", "Mark, send the file, it is imperative that we fix this today.", "imperative"),
    ("en", "Paul, it is important that you sign it.", "need"),
    # A clause of consequence has its own mood: an imperative after "so", « donc ».
    ("en", "I am out tomorrow so call me tonight.", "imperative"),
    ("en", "We were late so missed the train.", None),
    ("en", "We can finish early so leave at 4.", None),
    ("fr", "Je suis absent demain donc appelle-moi ce soir.", "imperative"),
    ("fr", "Elle est malade donc reste à la maison.", None),
    # …and so has a coordinated base form with its own fronted condition.
    ("en", "I'm away next week, but if anything breaks, call Bob.", "imperative"),
    ("en", "He went home, and when he arrived, called his mother.", None),
    ("en", "We can do it, but if needed, stay later.", None),
    # Value in an action, under a modal: a "worth" frame.
    ("en", "I think there would be value in getting together on Thursday.", "need"),
    ("en", "There is value in getting together.", None),
    # The reader's thing required.
    ("en", "Your signature is required on page 2.", "request"),
    ("en", "Your input is needed by Friday.", "request"),
    ("en", "More staff will be needed.", None),
    ("en", "Your approval is not required.", None),
    ("fr", "Votre présence est souhaitée.", "request"),
    ("fr", "Votre signature est requise avant vendredi.", "request"),
    ("fr", "Votre présence n'est pas nécessaire.", None),
    ("fr", "Il n'est pas nécessaire que vous veniez.", None),
    # Suppositions and pointers, not proposals nor requests.
    ("en", "Let's say we lose the contract.", None),
    ("en", "See attached.", None),
    ("fr", "Disons que nous perdons le contrat.", None),
    ("fr", "Voir pièce jointe.", None),
    ("fr", "Voir avec Paul pour la salle.", "imperative"),
    # The French reader's clitic the small tagger reads as a first person or a
    # reflexive, and a wish lemma the lemmatizer left as the form (« invite »).
    ("fr", "Je te demande de garder ça pour toi.", "request"),
    ("fr", "Je t'invite à la réunion de lundi.", "request"),
    ("fr", "Il te demande de rappeler.", "request"),
    ("fr", "Je te remercie pour ton aide.", None),
    # Yes/no questions by their word order, without their mark; not a conditional
    # inversion, a free relative, nor a question word alone.
    ("en", "Is the meeting still on", "question"),
    ("en", "Can I get a copy of the report", "question"),
    ("en", "Quick question - do we have a budget for this", "question"),
    ("en", "Had I known, I would have called.", None),
    ("en", "What we need is more time.", None),
    ("en", "Not only will you save money, you will save time.", None),
    ("fr", "Est-ce que la réunion est maintenue", "question"),
    ("fr", "Puis-je avoir une copie du rapport", "question"),
    ("fr", "Dis-le à Paul.", "imperative"),
]


@pytest.mark.parametrize(("code", "text", "form"), CASES, ids=[c[1][:40] for c in CASES])
def test_asks_read_from_frames(code: str, text: str, form: str | None) -> None:
    ask = ask_of(code, text)
    assert (ask.form if ask else None) == form, text
