"""The score tracks how easy a message is to act on (issue 13): the cases the issue names."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from test_properties import NOW

from msglint.analysis import analyze_many
from msglint.config import load_config
from msglint.engine import Result, check
from msglint.errors import MsglintError
from msglint.inputs import Source, parse


def _check(text: str, lang: str = "en") -> Result:
    message = parse(text.encode(), Source("a.eml", "email"), None)
    [analysis] = analyze_many([message], [lang], NOW)
    return check(analysis, load_config(None, None))


LEFT_OPEN = """Subject: Re: build failures on ARM

Thanks for the logs, I had a quick look at them this morning. Might be worth \
someone looking into that at some point.

Bob

> On Monday, Alice wrote:
> The ARM nightly build fails at the link step since last week.
"""

BARE_FORWARD = """Subject: Fwd: quarterly numbers

---------- Forwarded message ---------
From: Carol <carol@example.com>
Subject: quarterly numbers

The quarterly numbers for the EMEA region are below.
"""

TECHNICAL_QUESTION = """Subject: mod_proxy keeps connections in CLOSE_WAIT after upgrade to 2.4.58

Hi all,

Since we upgraded httpd from 2.4.57 to 2.4.58, mod_proxy_http leaves its \
backend connections in CLOSE_WAIT until the worker restarts, and after a few \
hours the pool is exhausted. We run the event MPM on RHEL 9 with \
ProxyPass "/api" "http://10.0.0.5:8080/api" keepalive=On and the default \
ttl. Has anyone seen this, and is there a setting that makes the proxy \
close idle backend connections?

Thanks,
Dana
"""


LEFT_OPEN_FR = """Subject: Re: plantages du build ARM

Merci pour les logs, j'y ai jeté un œil ce matin. Il faudrait peut-être que \
quelqu'un regarde ça un de ces jours.

Bob

> Le lundi, Alice a écrit :
> Le build ARM de nuit échoue à l'édition de liens depuis la semaine dernière.
"""

HEDGED_FR = """Subject: Re: budget

Merci, j'ai relu le dossier. Il faudrait peut-être retravailler le budget.

Bob

> Le lundi, Alice a écrit :
> Voici le dossier de subvention avec son budget.
"""

BARE_FORWARD_FR = """Subject: TR : chiffres du trimestre

---------- Message transféré ---------
De : Carole <carole@example.com>
Objet : chiffres du trimestre

Les chiffres du trimestre pour la région EMEA sont ci-dessous.
"""

TECHNICAL_QUESTION_FR = """Subject: mod_proxy garde des connexions en CLOSE_WAIT depuis la 2.4.58

Bonjour à tous,

Depuis la mise à jour de httpd de 2.4.57 à 2.4.58, mod_proxy_http laisse ses \
connexions vers le backend en CLOSE_WAIT jusqu'au redémarrage du worker, et au \
bout de quelques heures le pool est épuisé. Nous utilisons le MPM event sur \
RHEL 9 avec ProxyPass "/api" "http://10.0.0.5:8080/api" keepalive=On et le ttl \
par défaut. Quelqu'un a-t-il déjà vu ça, et existe-t-il un réglage pour que le \
proxy ferme les connexions inactives ?

Merci,
Dana
"""


@pytest.mark.parametrize("text", [LEFT_OPEN_FR, HEDGED_FR])
def test_french_reply_whose_only_ask_is_left_open_gets_no_a(text: str) -> None:
    """« il faudrait peut-être… » is the French "might be worth someone…" (issue 13)."""
    result = _check(text, "fr")
    assert result.grade != "A", [(f.code, f.penalty) for f in result.findings]


def test_french_bare_forward_gets_no_a() -> None:
    result = _check(BARE_FORWARD_FR, "fr")
    assert "AK05" in {f.code for f in result.findings}
    assert result.grade != "A"


def test_french_clear_technical_question_keeps_its_a() -> None:
    result = _check(TECHNICAL_QUESTION_FR, "fr")
    assert result.score > 90, [(f.code, f.penalty) for f in result.findings]


def test_reply_whose_only_ask_is_left_open_gets_no_a() -> None:
    result = _check(LEFT_OPEN)
    assert {f.severity for f in result.findings} == {"info"}, "the rules stay hints here"
    assert result.score < 90 and result.grade != "A"
    [ak04] = [f for f in result.findings if f.code == "AK04"]
    assert ak04.penalty == 15  # paired with DL02's "at some point" on the same words


def test_bare_forward_gets_no_a() -> None:
    result = _check(BARE_FORWARD)
    assert "AK05" in {f.code for f in result.findings}
    assert result.grade != "A"


def test_clear_technical_question_keeps_its_a() -> None:
    result = _check(TECHNICAL_QUESTION)
    assert result.score > 90, [(f.code, f.penalty) for f in result.findings]


def test_score_is_reproducible_from_the_penalties() -> None:
    for text in (LEFT_OPEN, BARE_FORWARD, TECHNICAL_QUESTION):
        result = _check(text)
        assert result.score == max(0, 100 - sum(f.penalty for f in result.findings))


def test_paired_penalty_names_a_known_rule(tmp_path: Path) -> None:
    (tmp_path / "msglint.toml").write_text("[rules.AK04]\npaired_penalty = { XX99 = 15 }\n")
    with pytest.raises(MsglintError, match="XX99"):
        load_config(None, tmp_path)


GENERIC_SUBJECT = """Subject: Quick question

Hi Sam,

Could you send me the signed lease for the Lyon office by Friday 12 March, 17:00 CET?

Thanks,
Alex
"""

GENERIC_SUBJECT_FR = """Subject: Petite question

Bonjour Sam,

Pouvez-vous m'envoyer le bail signé du bureau de Lyon avant le vendredi 12 mars, \
17 h (heure de Paris) ?

Merci,
Alex
"""


@pytest.mark.parametrize(("text", "lang"), [(GENERIC_SUBJECT, "en"), (GENERIC_SUBJECT_FR, "fr")])
def test_clear_ask_under_a_generic_subject_keeps_its_a(text: str, lang: str) -> None:
    """The subject warns (the judges minded it), but the ask is easy to act on."""
    result = _check(text, lang)
    [sj02] = [f for f in result.findings if f.code == "SJ02"]
    assert sj02.severity == "warning" and sj02.penalty == 5
    assert result.score == 95 and result.grade == "A"


def _fit():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "fit_penalties", Path(__file__).resolve().parent.parent / "bench" / "fit_penalties.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fit_penalties_shows_each_situation_alone() -> None:
    """The alone figures are shown beside the drop; the suggestion stays the drop's."""
    fit = _fit()
    acts = {
        fit.CLEAN: [5.0] * 8 + [4.0] * 2,  # 4.8
        "SJ02:strong": [5.0] * 5 + [2.0] * 5,  # its neighbours make it look costly
        "SJ02:strong|alone": [5.0] * 5,
        "AK05:strong": [2.0] * 6,
    }
    rows = {row["situation"]: row for row in fit.suggest(acts, 4.0, {"SJ02:strong", "AK05"})}
    assert set(rows) == {"SJ02:strong", "AK05:strong"}
    sj02 = rows["SJ02:strong"]
    assert (sj02["alone"], sj02["alone_actionability"]) == (5, 5.0)
    assert sj02["alone_drop"] < 0 < sj02["drop"] and sj02["penalty"] == 5
    assert rows["AK05:strong"]["alone"] == 0 and rows["AK05:strong"]["penalty"] == 15
