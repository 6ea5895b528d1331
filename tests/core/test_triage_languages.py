"""Red flags said the way patients say them in Spanish, German, French, Italian and
Portuguese: colloquial, unaccented, elided, with slang for pills and chat spellings, and the
idioms, negations and other people's stories that must not escalate (issue 14).

The wordings are written for these tests (none is taken from an evaluation set); each
language's phrasings and idioms live in ``knowledge/lang/<code>.yaml``.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.core.responder import Responder

NOW = datetime(2026, 11, 23, 11, tzinfo=UTC)

# (language, message, lowest level that is right)
ESCALATED = [
    # ---- regional names of two words, "ich" left out, a fit, a faint, blue lips (session 8)
    # a two-word regional name, and blue lips that are not a bruise
    ("pt", "a nódoa negra está cada vez maior, já chega à bochecha", "urgent"),
    ("pt", "os lábios da minha mãe estão roxos", "emergency"),
    ("es", "se le estan poniendo los labios morados a mi hija", "emergency"),
    ("de", "riesiger blauer Fleck, wird immer größer", "urgent"),
    # German with "ich" left out: the patient's own eye, not a question about it
    ("de", "kann das rechte Auge nicht mehr richtig zumachen", "urgent"),
    ("de", "kann das linke Augenlid kaum noch heben", "urgent"),
    # Austrian legs, Swiss "chum", speech said to be slurred in other words
    ("de", "d'Haxn san so schwach, kann kaum gehn", "emergency"),
    ("de", "die Aussprache ist ganz verwaschen seit Mittag", "emergency"),
    # Québec "tout croche"
    ("fr", "ma blonde parle tout croche depuis une heure", "emergency"),
    ("fr", "des boutons qui me démangent sur les joues", "urgent"),
    # a fit and sight that stopped, in Italian and Portuguese
    ("it", "mia figlia ha una crisi epilettica", "emergency"),
    ("pt", "o meu pai deixou de ver do olho esquerdo", "emergency"),
    # someone else's faint that they do not come round from is now, not a story
    ("fr", "ma copine est tombée dans les pommes et ne se réveille pas", "emergency"),
    # ---- French
    ("fr", "les medocs passent pas, ca reste coince en haut", "emergency"),  # not a question
    ("fr", "je parle comme si j'etais bourree, les mots sortent tout mal", "emergency"),  # as if
    ("fr", "jpeux pas avaler", "emergency"),  # chat spelling of "je peux"
    ("fr", "je peu pas respire", "emergency"),
    ("fr", "j'arrive plus a avaler mes comprimes, ils restent bloques dans la gorge", "emergency"),
    ("fr", "jsuis essoufflee alors que je suis allongee sur le canape", "emergency"),
    ("fr", "je suis a bout de souffle rien qu'en parlant", "emergency"),
    ("fr", "je me sens toute molle, mes bras repondent plus", "emergency"),
    ("fr", "impossible de tenir ma tete, elle part en avant", "emergency"),
    ("fr", "j'ai un voile noir sur l'oeil droit depuis 20 min", "emergency"),
    ("fr", "j'ai mal a la tete comme un coup de poignard, jamais eu ca", "emergency"),
    ("fr", "ma bouche tombe d'un cote et mon bras gauche repond plus", "emergency"),
    ("fr", "mon sourcil est descendu sur mon oeil", "urgent"),
    ("fr", "le sourcil droit est tombe sur la paupiere, ca me gene pour voir", "urgent"),
    ("fr", "le jus que je bois coule au coin des levres", "urgent"),
    ("fr", "j'arrive plus a macher correctement", "urgent"),
    ("fr", "y a un truc jaune qui sort du point de piqure", "urgent"),
    # ---- Spanish
    ("es", "es horrible el dolor de cabeza, cada vez peor", "urgent"),  # "es" opens no question
    ("es", "siento como si tuviera algo atascado en la garganta y no puedo tragar", "emergency"),
    ("es", "no me pasan las pastillas, se me quedan en la garganta", "emergency"),
    ("es", "se me cae el ojo desde ayer", "urgent"),
    ("es", "las pastis se me atoran al tragar", "emergency"),
    ("es", "me ahogo estando tumbada en la cama sin hacer nada", "emergency"),
    ("es", "me quedo sin aire sentada en el sofa", "emergency"),
    ("es", "de golpe no veo nada por el ojo izquierdo", "emergency"),
    ("es", "se me tuerce la boca y de repente no siento el brazo", "emergency"),
    ("es", "los brazos no me responden y me fallan las piernas", "emergency"),
    ("es", "la ceja se me ha bajado encima del ojo", "urgent"),
    ("es", "no consigo cerrar el ojo del todo por la noche", "urgent"),
    ("es", "se me escapa el cafe por la comisura al beber", "urgent"),
    ("es", "sale como un pringue amarillo del pinchazo", "urgent"),
    ("es", "me cuesta masticar la carne", "urgent"),
    # ---- German
    ("de", "ich krieg kaum noch was runter", "emergency"),
    ("de", "mein auge hangt seit heute", "urgent"),
    ("de", "kann net schlucken", "emergency"),
    ("de", "die pillen bleiben mir im hals stecken", "emergency"),
    ("de", "bin total kurzatmig obwohl ich nur auf dem sofa liege", "emergency"),
    ("de", "ich seh auf einmal nix mehr auf dem rechten auge", "emergency"),
    ("de", "der mund hangt schief und der arm ist taub", "emergency"),
    ("de", "mein kopf kippt nach vorne, ich kann ihn nicht mehr halten", "emergency"),
    ("de", "das linke augenlid ist runtergerutscht", "urgent"),
    ("de", "die augenbraue ist aufs auge gerutscht", "urgent"),
    ("de", "ich krieg das auge nachts nicht ganz zu", "urgent"),
    ("de", "aus dem einstich kommt gelbes zeug", "urgent"),
    ("de", "beim trinken lauft mir der kaffee ubers kinn", "urgent"),
    ("de", "ich nuschle seit der behandlung", "urgent"),
    # ---- Italian
    ("it", "nn riesco a deglutire", "emergency"),
    ("it", "nn riesco a parlare bene", "emergency"),
    ("it", "le pillole non vanno giu, mi restano in gola", "emergency"),
    ("it", "ho il fiatone anche da seduta sul divano", "emergency"),
    ("it", "di colpo nn vedo piu niente da un occhio", "emergency"),
    ("it", "vedo tutto nero dall'occhio sinistro", "emergency"),
    ("it", "il mal di testa piu forte della mia vita, arrivato di botto", "emergency"),
    ("it", "le gambe mi cedono e le braccia non rispondono", "emergency"),
    ("it", "il sopracciglio e sceso sull'occhio", "urgent"),
    ("it", "mi cola l'acqua dalla bocca quando bevo", "urgent"),
    ("it", "esce roba gialla dal puntino", "urgent"),
    ("it", "faccio fatica a masticare", "urgent"),
    # ---- Portuguese
    ("pt", "n sei se e normal mas to com falta de ar", "emergency"),  # "n sei se" is doubt
    ("pt", "os remedios ficam presos na garganta", "emergency"),
    ("pt", "nao to conseguindo respirar direito", "emergency"),
    ("pt", "n consigo engolir nada desde ontem", "emergency"),
    ("pt", "to ofegante mesmo deitada na cama", "emergency"),
    ("pt", "do nada n enxergo nada do olho esquerdo", "emergency"),
    ("pt", "to com febre, o coracao aos saltos e quase a desfalecer", "emergency"),
    ("pt", "corpo todo mole, os bracos nao obedecem", "emergency"),
    ("pt", "a sobrancelha desceu em cima do olho", "urgent"),
    ("pt", "o cafe escorre pelo canto da boca quando bebo", "urgent"),
    ("pt", "ta saindo um liquido amarelo do furinho", "urgent"),
    ("pt", "o olho nao fecha direito a noite", "urgent"),
]

# Idioms, denials, worries and other people's (or long past) events: no escalation.
NOT_ESCALATED = [
    # ---- session 8: questions, small bruises, sizes, passed signs
    "kann das Botox nicht auch Schluckbeschwerden machen?",
    "kann das Lid vom Botox runterhängen?",
    "hab nen kleinen blauen Fleck an der Schläfe, darf ich Make-up drauf?",
    "tenho uma nódoa negra pequenina, quanto tempo dura?",
    # a size given by something small
    "un bleu gros comme un petit pois, c'est normal ?",
    "tengo un moreton del tamaño de una lenteja, se quita solo?",
    "parei de ver a série por causa das dores de cabeça, é normal ter um pouco?",
    # an "if" in Portuguese, around a sign's name English shares ("urticaria")
    "se eu tiver urticária, o que devo fazer?",
    "e se aparecer urticária depois do botox?",
    # a moment of light-headedness said to be over
    "fiquei um pouco tonta ao sair da clínica, mas passou logo",
    "ieri avevo un leggero capogiro uscendo, ora sto benissimo",
    # Everyday words a stemmer or a typo maps onto a symptom in another language's rules:
    # Spanish "puse" (I had, stem of Italian "pus"), "marido" (Spanish stem of "mareada"),
    # wrinkles that "no longer show" (Italian "vedono"), "no difference to see" in any language.
    "me puse botox hace 3 dias, puedo ir al gym?",
    "manana tengo un vuelo y ayer me puse la toxina",
    "acho que me puseram agua em vez de botox",
    "mi marido quiere hacerse botox tambien",
    "meu marido quer fazer botox tambem",
    "le rughe della fronte non si vedono piu, grazie!",
    "non vedo niente di diverso dopo 2 settimane",
    "nao vejo nada de diferenca ainda",
    "ich sehe nichts mehr von den falten, super",
    "cocei sem querer a testa, faz mal?",
    "o meu bebe agarra a minha cara toda hora",
    "tenho de parar os comprimidos antes do botox?",
    "il botox puo farmi male?",
    "manger des trucs durs apres le botox des masseters c'est ok ?",
    "je peux plus parler a ma mere, elle m enerve",
    "ich hab null probleme mit schlucken oder atmen",
    "sono rimasta senza fiato dal risultato, bellissimo",
    "quel temps fait il demain ? combien de temps avant de voir le resultat ?",
    "ich hab vor lachen keine luft mehr bekommen, zu lustig",
    "j'ai avale de travers en rigolant, rien a voir",
    "die brauen sind tiefer gerutscht, die augen gehen aber ganz normal auf",
    # ---- French
    "je meurs d'envie de voir le resultat final",
    "je meurs d'ennui dans la salle d'attente",
    "la facture m'a laisse sans voix haha",
    "j'ai l'impression que mes sourcils sont plus bas, mais les yeux s'ouvrent bien",
    "il y a 6 ans j'ai fait un malaise a l'hopital, rien a voir",
    # ---- Spanish
    "me muero de aburrimiento esperando",
    "me quede sin aire cuando vi el precio jaja",
    "las cejas se me han bajado un poco, pero abro bien los ojos",
    "trago bien y respiro bien, solo tengo un moratón",
    "hace 4 anos se me cayo el parpado, esta vez todo bien",
    # ---- German
    "ich sterbe vor langeweile im wartezimmer",
    "der preis hat mir echt den atem verschlagen",
    "schlucken klappt problemlos, atmen auch",
    "meine brauen sind tiefer, augen gehen aber normal auf",
    "was wär denn wenn mein lid anfängt zu hängen?",
    "vor 5 jahren hatte ich ein hängendes lid, diesmal alles gut",
    # ---- Italian
    "sto morendo dalla voglia di uscire stasera",
    "sto morendo dal ridere per questa foto",
    "il prezzo mi ha lasciata senza parole",
    "le sopracciglia sono un po scese ma gli occhi si aprono bene",
    "nn ho febbre e nn esce pus",
    # ---- Portuguese
    "to morrendo de rir com esse video",
    "o orcamento me deixou sem ar kkkk",
    "fiquei sem folego quando vi o resultado, amei",
    "as sobrancelhas baixaram um pouco mas abro o olho normal",
    "a testa ta um pouco inchada ainda, quanto tempo leva?",
    "n tenho febre nem pus",
    "ha 4 anos tive a palpebra caida, agora nada",
]


@pytest.mark.parametrize(("language", "text", "level"), ESCALATED)
def test_colloquial_red_flags_escalate_in_their_language(
    responder: Responder, language: str, text: str, level: str
) -> None:
    reply = responder.respond(text, now=NOW)
    assert reply.kind == "escalation", (text, reply.kind, reply.topic)
    assert reply.level == "emergency" or reply.level == level, (text, reply.level)
    assert reply.language == language


@pytest.mark.parametrize("text", NOT_ESCALATED)
def test_idioms_denials_and_stories_do_not_escalate(responder: Responder, text: str) -> None:
    reply = responder.respond(text, now=NOW)
    assert reply.kind != "escalation", (text, reply.level)


@pytest.mark.parametrize(
    ("text", "escalates"),
    [
        ("niente pus, niente febbre, solo un po' rosso dove mi hanno punto, normale?", False),
        ("mi fa male dove mi hanno punto ed esce del pus giallo", True),
    ],
)
def test_italian_punto_is_read_with_italian_negations(
    responder: Responder, text: str, escalates: bool
) -> None:
    """'punto' (stung, injected) is a Spanish word too: without it among the Italian markers
    the message was read only with Spanish rules, and 'niente pus' was not a negation."""
    assert (responder.respond(text).kind == "escalation") is escalates
