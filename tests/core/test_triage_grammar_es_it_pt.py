"""Spanish, Italian and Portuguese grammar that decides whether a symptom is reported (issue 14).

Fresh blind sets written by native-style writers found Italian "né ... né" denials escalated,
and Portuguese reports held back by words that look like negations but are the symptom itself.
Each group below is one rule, tested with wordings of our own (never an evaluation set's
sentence), beside the reports the same words must still escalate:

* Italian "né ... né" with no "non" before it is a denial of both symptoms
  (``bot.core.triage.romance``); after a negation of its own the
  pair only goes on with it ("non ho più forza né nelle braccia né nelle gambe");
* a sign that keeps on ("no para de crecer", "não para de inchar", "non smette di
  allargarsi") is the sign, not its negation;
* unable to ("sem conseguir respirar", "sin poder tragar", "senza riuscire a deglutire") and
  a function that no longer works properly ("não mastigo direito", "o ar não chega") are the
  symptom when the learned net reads it (``understanding.context.read_clause``);
* a function said to work as usual ("respiro normal, posso correr?") reassures.
"""

from __future__ import annotations

import pytest

from bot.core.text import normalise
from bot.core.triage.context import rules_for
from bot.core.triage.detector import NO_FLAGS
from bot.core.triage.romance import negate_correlatives
from bot.core.understanding import FaqScores, FlagScore, RedFlagScores, TriageFusion, fuse_triage
from bot.core.understanding.context import read_clause
from tests.core.triage_cases import grammar_deck_tests

NOT_ESCALATED = [
    # ---- Italian "né ... né" without "non"
    "né la lingua né le labbra sono gonfie, posso mangiare piccante?",
    "né la palpebra né il sopracciglio si sono abbassati, tutto ok",
    "né febbre né pus, solo un po' rosso dove hanno punto",
    "né vertigini né mal di testa, quando posso tornare a correre?",
    "ciao! né prurito né gonfiore, volevo solo chiedere del trucco",
    # ---- a function said to work as usual
    "respiro normal y trago normal, puedo ir a nadar?",
    "respiro normale, posso andare in bici?",
    "engulo normal e respiro normal, posso ir pra academia?",
    # ---- idioms, negations and hypotheticals in the same words
    "me muero de ganas de ver como queda",
    "tô morrendo de vontade de ver o resultado",
    "mi fa morire dal ridere la mia faccia da stupita",
    "ni fiebre ni ronchas, todo perfecto",
    "nem febre nem inchaço, só curiosidade",
    "e se mi viene la febbre dopo?",
    # ---- Portuguese "sem falta de ar": its "sem" and "ar" are the words of "sem ar"
    "sem falta de ar nenhuma, posso voltar pra academia amanhã?",
    "tô bem, sem dificuldade pra respirar nem engolir, só queria saber do rímel",
    "sem problemas para falar, posso dar aula hoje?",
]

# The same words, in reports.
ESCALATED = [
    ("it", "né febbre né brividi, ma la palpebra è scesa da ieri", "urgent"),
    ("it", "ne ho parlato con mia sorella: la palpebra è scesa", "urgent"),
    ("it", "non ho più forza né nelle braccia né nelle gambe", "emergency"),
    ("es", "el moratón no para de crecer", "urgent"),
    ("es", "la hinchazón no deja de aumentar desde ayer", "urgent"),
    ("pt", "o roxo não para de crescer", "urgent"),
    ("pt", "o inchaço não para de aumentar", "urgent"),
    ("it", "il livido non smette di allargarsi", "urgent"),
    ("pt", "minha mãe tá sem conseguir respirar, fez botox ontem", "emergency"),
    ("pt", "não mastigo direito, o maxilar tá sem força", "urgent"),
    ("es", "no mastico bien, la mandíbula no tiene fuerza", "urgent"),
    ("it", "non mastico bene, la mascella non ha forza", "urgent"),
    ("es", "no puedo respirar normal", "emergency"),
    ("pt", "tô sem ar desde a aplicação, mesmo parada", "emergency"),
    ("pt", "sem falta de febre mas fiquei sem ar agora", "emergency"),
]


# Denied, asked or figurative symptoms do not escalate; reports in the same words still do.
(
    test_denied_asked_or_figurative_symptoms_do_not_escalate,
    test_reports_in_the_same_words_still_escalate,
) = grammar_deck_tests(NOT_ESCALATED, ESCALATED)


def test_neither_nor_is_read_as_a_plain_negation() -> None:
    italian = rules_for("it").negations
    assert negate_correlatives("ne febbre ne pus", "it", italian) == "non febbre non pus"
    # a "non" before it already governs: the pair only goes on with it
    kept = "non ho piu forza ne nelle braccia ne nelle gambe"
    assert negate_correlatives(kept, "it", italian) == kept
    assert negate_correlatives("ne ho tanti di lividi", "it", italian) == "ne ho tanti di lividi"
    assert negate_correlatives("ne febbre ne pus", "es", italian) == "ne febbre ne pus"
    assert read_clause(normalise("né la lingua né le labbra sono gonfie"), "it") == "negated"


def test_a_sign_that_keeps_on_is_not_negated() -> None:
    assert read_clause("o roxo nao para de crescer", "pt") == "affirmed"
    assert read_clause("el moraton no para de crecer", "es") == "affirmed"
    assert read_clause("il livido non smette di allargarsi", "it") == "affirmed"
    assert read_clause("respiro normal posso correr", "pt") == "reassured"


# ---- the safety net's reading (pure fusion: the model's scores are given) -------------------

NET = TriageFusion(emergency=0.6, urgent=0.6, stand_down=True)
LANGS = frozenset({"en", "es", "de", "fr", "it", "pt"})
NO_FAQ = FaqScores(ranked=(), out_of_scope=0.0)


def _net_level(flag_id: str, language: str, text: str) -> str | None:
    level = "emergency" if flag_id.startswith("E") else "urgent"
    flags = RedFlagScores((FlagScore(flag_id, level, 0.95, text),), language)
    return fuse_triage(NO_FLAGS, flags, NO_FAQ, LANGS, NET, text).result.level


@pytest.mark.parametrize(
    ("flag_id", "language", "text"),
    [
        # unable to
        ("E3_breathing_speaking", "pt", "meu pai tá sem conseguir puxar o ar direito"),
        ("E1_swallowing", "es", "llevo todo el dia sin poder tragar la saliva"),
        ("E1_swallowing", "it", "da stamattina senza riuscire a deglutire il caffe"),
        # a sign that keeps on, a pain that will not go
        ("U6_severe_swelling_bruising", "pt", "a bochecha nao para de inchar"),
        ("U7_severe_headache", "es", "el dolor de cabeza no se me quita con nada"),
        ("U7_severe_headache", "it", "il mal di testa non mi passa da tre giorni"),
        # what no longer works properly, or has no strength
        ("U9_dizziness_local_weakness", "es", "no mastico bien desde el martes"),
        ("U9_dizziness_local_weakness", "it", "la mascella non ha piu forza"),
        ("E3_breathing_speaking", "pt", "o ar nao chega nos pulmoes"),
        ("E7_general_emergency", "it", "mio padre e per terra e non risponde"),
        ("E4_spreading_weakness", "pt", "as pernas nao obedecem mais"),
        # what will not go down, not even a sip
        ("E1_swallowing", "pt", "a agua nao desce nem um gole"),
        ("E1_swallowing", "it", "non mi va giu neanche un cucchiaio di brodo"),
    ],
)
def test_a_negation_that_belongs_to_the_symptom_is_a_report(
    flag_id: str, language: str, text: str
) -> None:
    assert _net_level(flag_id, language, text) is not None


@pytest.mark.parametrize(
    ("flag_id", "language", "text"),
    [
        ("U6_severe_swelling_bruising", "it", "né gonfiore né lividi, tutto a posto"),
        ("E3_breathing_speaking", "pt", "respiro normal, posso ir nadar?"),
        ("E1_swallowing", "es", "no tengo ningun problema para tragar"),
        ("U2_vision_change", "pt", "nao tenho visao dupla nem embaçada"),
        # what the patient cannot stand is no symptom
        ("U5_functional_asymmetry", "es", "boca abajo no aguanto dormir, puedo de lado?"),
    ],
)
def test_a_denial_or_reassurance_stays_one(flag_id: str, language: str, text: str) -> None:
    assert _net_level(flag_id, language, text) is None
