"""Everyday words that mark a message or a clause as written in one shipped language.

One table for the three places that read a language from its words. They ask different
questions, so each language has three word sets, and each reader takes the one that answers
its own (accents folded, as ``bot.core.text.normalise`` leaves them):

* ``exclusive``: words only this language uses among the shipped ones. The replies'
  language (``bot.core.language``) reads them when the identifier hesitates between close
  languages: "fare", "fazer" and "hacer" separate Italian, Portuguese and Spanish where
  character n-grams cannot in five words. A word two languages share would decide wrongly,
  so these sets never overlap (a test checks it).
* ``not_english``: words that show a clause is in this language in a message that may mix
  it with English (``bot.core.triage.detector``): none is an English word, so an English clause is
  never read as another language's. Close languages may share one ("desde"); triage itself
  works out which words are exclusive among its languages. English has none.
* ``frequent``: short function words common in this language and rare in the others, for a
  vote when nothing surer is known (``bot.core.understanding.language``): the language with
  the most of them wins. They may be shared ("la", "de"), because a vote over several words
  still separates the languages; a shared word alone decides nothing.

The sets differ on purpose: merging them would make a shared "de" decide the replies'
language, or an English "is" mark a clause as French.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LanguageWords:
    """The words that mark one language, by how much each proves (see the module)."""

    exclusive: frozenset[str] = frozenset()
    not_english: frozenset[str] = frozenset()
    frequent: frozenset[str] = frozenset()


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: By language code, English first: a vote over ``frequent`` that ties keeps the first.
LANGUAGE_WORDS: dict[str, LanguageWords] = {
    "en": LanguageWords(
        exclusive=_words(
            "the and are is was my what how can should will would does dont cant im ive with "
            "after since this that tonight tomorrow"
        ),
        frequent=_words(
            "the and my is it i im ive have has was with what when how can will should after "
            "this that my me you of to do does dont cant its just been since"
        ),
    ),
    "es": LanguageWords(
        exclusive=_words(
            "hacer hago puedo tengo despues hoy manana ayer cuando cuanto cuantos los las y pero "
            "muy estoy mucho gimnasio cejas ceja maquillaje maquillarme ahora tambien todavia "
            "hinchado hinchada duele"
        ),
        not_english=_words(
            "desde para mis madre padre hija hijo esposo esposa marido puede puedo tengo tiene "
            "muy estoy esta siento cara ojo ojos labios quisiera llevo "
            # a call for help beside someone else's sign: "mi padre no respira, que hago"
            "hago ayuda"
        ),
        frequent=_words(
            "el la los las que de y mi me es esta estoy tengo puedo despues por con como cuando "
            "pero muy una un del al se lo le hace desde para ojo cara"
        ),
    ),
    "de": LanguageWords(
        exclusive=_words(
            "ich nicht kann darf habe ist und oder mit nach wann wie heute morgen schon noch "
            "auch mein meine"
        ),
        not_english=_words(
            "seit mit fur ich mein meine meinen nicht kann ist und mann frau mutter vater habe "
            "gesicht auge augen sehr hab heute gestern nacht"
        ),
        frequent=_words(
            "der die das und ich mein meine ist nicht mit nach wie wann kann habe hat auch ein "
            "eine einen mir mich seit darf wird sehr auf dem den"
        ),
    ),
    "fr": LanguageWords(
        exclusive=_words(
            "je peux puis est pas avec apres aujourd demain quand combien ce cette mon "
            "sourcils maquillage"
        ),
        not_english=_words(
            "depuis avec pour dans pas mon mes je ne est suis elle il mari femme fille fils mere "
            "pere visage yeux tres aimerais voudrais prefererais juste"
        ),
        frequent=_words(
            "le la les et je mon ma mes est pas avec apres comment quand peux puis ai des du un "
            "une au aux ce cette tres depuis suis ca "
            # what is left of an elision ("j'ai", "qu'il", "n'est"): only French ("l'", "c'"
            # are Italian too)
            "j qu n"
        ),
    ),
    "it": LanguageWords(
        exclusive=_words(
            "fare faccio della delle degli nella piu anche perche dopo ancora stasera domani "
            "oggi ieri quale questo questa molto troppo bere mangiare fronte sopracciglia "
            "palestra trucco viso"
        ),
        not_english=_words(
            "non sono della dalla nella sulla dopo ancora molto tanto mia mio occhio occhi viso "
            "faccia labbra gola lingua riesco ieri oggi stamattina nessun nessuna nessuno "
            "benissimo palestra sopracciglia fronte hanno punto punta puntura punture domani "
            "stasera stanotte vorrei preferirei "
            # someone else's emergency told in few words: "mio marito è incosciente"
            "marito moglie incosciente "
            # Italian "cosa" (what) is Spanish "thing" too: shared, so "cosa succede se ..."
            # is not read with the Spanish rules alone, which know no Italian hypothetical.
            "cosa succede succederebbe capita"
        ),
        frequent=_words(
            "il lo la gli le e di che non mi ho sono posso dopo come quando un una del della con "
            "per ma molto anche ancora sto occhio dell nell all sull fa piu ieri oggi mio mia "
            "fronte sopracciglia giorno"
        ),
    ),
    "pt": LanguageWords(
        exclusive=_words(
            "fazer faco nao voce vc sao estou tenho isso esse essa muito depois hoje amanha ontem "
            "um uma com sem pra ao academia sobrancelha sobrancelhas rosto maquiagem"
        ),
        not_english=_words(
            "nao estou esta minha meu desde muito olho olhos rosto boca labios garganta lingua "
            "consigo ontem hoje depois tenho"
        ),
        frequent=_words(
            "o a os as e de que nao meu minha tenho posso depois como quando um uma do da com "
            "para mas muito estou esta ja olho cara sem tem isso mesmo voce vc pra ate ao sinto "
            "fiz ficou desde"
        ),
    ),
}

_NONE = LanguageWords()


def words_of(language: str) -> LanguageWords:
    """The marking words of ``language``; none for a language without any (Russian)."""
    return LANGUAGE_WORDS.get(language, _NONE)
