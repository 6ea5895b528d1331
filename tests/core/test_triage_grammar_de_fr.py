"""German and French grammar that decides whether a symptom is reported (issue 14).

Fresh blind sets written by native-style writers found false alarms in German negations
("keine Atemprobleme, Schlucken geht") and French hypotheticals ("imaginons que") and
"ni ... ni" denials. Each group below is one rule of the grammar in
``bot/core/triage/context.py``, tested with wordings of our own (never an evaluation set's
sentence), beside the reports the same words must still escalate:

* a negation said after the verb ("das Lid hängt nicht mehr", "Fieber hab ich keins",
  "ça gonfle pas") and French "ne ... plus", but not an inability or a persistence
  ("Schlucken geht nicht", "ça passe pas", "geht nicht weg", "nicht mehr auszuhalten");
* dialect and chat negations ("null", "ka", "kei", "ned", "nimmer", "zéro");
* a function said to work ("Schlucken geht", "respirer ça va", "j'avale sans problème");
* a sign said to be gone ("die Schwellung ist weg", "le gonflement a disparu");
* hypotheticals ("was wär wenn", "angenommen", "sollte mein Lid ...", "imaginons que",
  "supposons que", "si par hasard", "c'est grave si ..."), but not "même si" or "comme si";
* idioms ("mir bleibt echt die Luft weg", "j'ai un peu l'air fâchée", "j'en crève d'envie",
  "vor Lachen verschluckt", "avalé de travers en rigolant").
"""

from __future__ import annotations

import pytest

from bot.core.triage.context import rules_for
from bot.core.understanding.context import read_clause
from tests.core.triage_cases import grammar_deck_tests

NOT_ESCALATED = [
    # ---- German: negation after the verb, "nicht mehr", dialect negations
    "das augenlid hängt inzwischen nicht mehr, alles wieder normal",
    "mein lid hängt jetzt nimmer, danke für den tipp",
    "fieber hab ich keins, nur die stirn spannt ein bisschen",
    "atemnot hab ich keine, darf ich am wochenende wandern?",
    "hab null probleme beim atmen oder schlucken, wann darf ich in die sauna?",
    "servus, hab ka fieber und ka atemnot, passt alles",
    "grüezi, i ha kei schluckbeschwerde und au kei fieber, chan i ga schwimme?",
    "weder schluckbeschwerden noch atemnot, nur ein kleiner blauer fleck",
    "keine atemnot und auch kein problem beim schlucken, darf ich morgen in die sauna?",
    # ---- German: a function said to work, a sign said to be gone
    "atmen geht, schlucken geht, nur die stirn fühlt sich komisch an",
    "schlucken und atmen klappt problemlos, wann sieht man was?",
    "ich atme ganz normal und schlucke auch normal",
    "die schwellung ist seit gestern komplett weg",
    "der schwindel ist verschwunden, war wohl der kreislauf",
    # ---- German: hypotheticals
    "was wär wenn mir das augenlid runterrutscht, geht das von selbst weg?",
    "angenommen ich krieg fieber, muss ich dann vorbeikommen?",
    "sollte mein lid hängen, wie lange bleibt das so?",
    "stell dir vor ich krieg keine luft, wen ruf ich an?",
    "rein theoretisch: kann man vom botox schluckbeschwerden kriegen?",
    # ---- German: idioms
    "mir bleibt echt die luft weg, so glatt ist meine stirn",
    "ich sterbe fast vor neugier, wann wirkt es endlich?",
    "mein kopf platzt gleich vor lauter terminen, wann ist die kontrolle?",
    "hab mich vor lachen an meinem kaffee verschluckt, sonst alles bestens",
    # ---- French: "ni ... ni", "ne ... plus", negation after the verb, "zéro"
    "je n'ai ni fièvre ni rougeur, je peux aller à la piscine?",
    "ni mal à avaler ni mal à respirer, juste un petit bleu",
    "ma paupière ne tombe plus du tout, merci pour vos conseils",
    "mon sourcil tombe pas, c'est juste une impression?",
    "ça gonfle pas et ça gratte pas, tout va bien",
    "je n'ai plus de vertiges depuis que j'ai mangé",
    "zéro fièvre et zéro rougeur, je peux faire du sport?",
    # ---- French: a function said to work, a sign said to be gone
    "respirer ça va, avaler ça va, c'est juste le front qui tire",
    "je respire très bien et j'avale sans problème",
    "le gonflement a complètement disparu depuis hier",
    "les petits bleus sont partis, c'est normal que ça tire encore?",
    # ---- French: hypotheticals
    "imaginons que ma paupière tombe, ça dure combien de temps?",
    "supposons que j'aie de la fièvre dans deux jours, je dois venir?",
    "admettons que j'ai du mal à avaler, c'est grave?",
    "si par hasard mon sourcil descend, vous pouvez corriger?",
    "c'est grave si ma vue devient floue?",
    "des fois que j'aurais du mal à respirer, j'appelle qui?",
    # ---- French: idioms
    "j'en crève d'envie de voir le résultat final!",
    "j'ai un peu l'air fâchée avec mes sourcils, ça va se détendre?",
    "mon mari trouve que j'ai l'air fatiguée, c'est le botox?",
    "j'ai bu de travers en rigolant devant la télé, sinon tout roule",
    "je vais mourir d'impatience, ça agit quand?",
    "die luft blieb mir vor staunen weg, so schön ist es geworden",
    "je respire beaucoup plus facilement depuis que mon rhume est passé",
    "depuis mon lip flip j'arrive plus à boire avec une paille, ça revient quand?",
    "bei der rechnung musste ich erst mal kräftig schlucken, aber es hat sich gelohnt",
]

# The same words, in reports: an inability or a persistence is the symptom itself.
ESCALATED = [
    ("de", "schlucken geht nicht mehr richtig", "emergency"),
    ("de", "luft krieg ich fast keine", "emergency"),
    ("de", "schlucken geht nur mit mühe", "emergency"),
    ("de", "das kopfweh geht einfach nicht weg und wird schlimmer", "urgent"),
    ("de", "mein lid hängt und das ist nicht normal", "urgent"),
    ("de", "mein lid hängt kein bisschen besser, eher tiefer", "urgent"),
    ("de", "ich kann nicht mehr richtig schlucken", "emergency"),
    ("de", "mir bleibt die luft weg und meine lippen werden blau", "emergency"),
    ("de", "kann ned schlucken, alles bleibt im hals stecken", "emergency"),
    ("de", "wenn ich trinke, läuft es mir aus dem mundwinkel", "urgent"),
    ("fr", "je ne peux plus avaler", "emergency"),
    ("fr", "je ne respire pas bien du tout", "emergency"),
    ("fr", "les comprimés passent pas, ça reste coincé", "emergency"),
    ("fr", "respirer ça va pas du tout, je manque d'air", "emergency"),
    ("fr", "même si c'est sûrement rien, j'ai du mal à avaler", "emergency"),
    ("fr", "c'est comme si ma gorge se fermait", "emergency"),
    ("fr", "ma paupière tombe de plus en plus", "urgent"),
    ("fr", "ma paupière tombe pas mal depuis hier", "urgent"),
    ("fr", "j'ai des vertiges pas possibles depuis hier", "urgent"),
    ("fr", "je ne vois que flou depuis ce matin", "urgent"),
    ("fr", "je me demande si ma paupière tombe, elle est plus basse qu'hier", "urgent"),
    ("fr", "j'ai l'air de respirer normalement mais j'étouffe quand je parle", "emergency"),
    ("fr", "je n'ai plus de force dans les bras", "emergency"),  # a strength lost, not gone
    ("fr", "je ne respire plus, aidez-moi", "emergency"),
    # plain everyday words the packs lacked (knowledge/lang/de.yaml, fr.yaml)
    ("de", "die luft bleibt mir seit heute morgen weg", "emergency"),
    ("de", "ich bekomme nicht richtig luft beim treppensteigen und im liegen", "emergency"),
    ("de", "mir fällt alles aus der hand, die finger sind so schwach", "emergency"),
    ("de", "mein rechtes augenlid ist runtergefallen", "urgent"),
    ("de", "mir ist seit der spritze dauernd schwummrig", "urgent"),
    ("de", "rasende kopfschmerzen seit gestern", "urgent"),
    ("fr", "la viande passe mal, je dois tout recracher", "emergency"),
    ("fr", "ça suppure au point d'injection", "urgent"),
    ("fr", "le gonflement augmente d'heure en heure", "urgent"),
    ("fr", "j'ai trop mal à la tête depuis ce matin", "urgent"),
]


# Denied, asked or figurative symptoms do not escalate; reports in the same words still do.
(
    test_denied_asked_or_figurative_symptoms_do_not_escalate,
    test_reports_in_the_same_words_still_escalate,
) = grammar_deck_tests(NOT_ESCALATED, ESCALATED)


def test_the_grammar_itself() -> None:
    german, french = rules_for("de"), rules_for("fr")
    assert {"nimmer", "ka", "kei", "null", "ned"} <= german.negations
    assert "nicht" in german.post_negations and "geht" in german.post_blockers
    assert {"pas", "plus"} <= french.post_negations and "ne" in french.weak_negations
    assert french.hypothetical.search("imaginons que ma paupiere tombe")
    assert not french.hypothetical.search("meme si j ai du mal a avaler")
    assert german.hypothetical.search("was war wenn mein lid hangt")
    assert german.idioms is not None and german.idioms.search("mir bleibt echt die luft weg")
    assert french.idioms is not None and french.idioms.search("j ai un peu l air fachee")
    assert not french.idioms.search("j ai du mal a trouver de l air")


@pytest.mark.parametrize(
    ("clause", "language", "reading"),
    [
        ("schlucken geht", "de", "reassured"),
        ("schlucken geht nicht", "de", "negated"),
        ("die schwellung ist weg", "de", "reassured"),
        ("respirer ça va", "fr", "reassured"),
        ("le gonflement a disparu", "fr", "reassured"),
        ("mir bleibt echt die luft weg", "de", "idiom"),
        ("j'en crève d'envie", "fr", "idiom"),
        ("imaginons que j'aie du mal à respirer", "fr", "hypothetical"),
    ],
)
def test_the_net_reads_clauses_with_the_same_grammar(
    clause: str, language: str, reading: str
) -> None:
    assert read_clause(clause, language) == reading
