"""Reports the phrasings do not hold, said again as a phrasing of the same red flag (issues
12/14), before the context rules read a clause: the one home of these rewrites, English's
with the other shipped languages'. They are regular expressions over each language's
grammar, beside ``context.py`` (each language's grammar), not words a translator edits in a
pack; ``detector`` calls ``restate`` once for every language.

* A limb that will not move is weakness of the body (E4), whoever's it is: "no puede mover
  el brazo derecho", "kann den linken Arm nicht mehr heben", "j'arrive plus à bouger la
  jambe", "non riesce a muovere il braccio", "não consigo mexer a perna". The phrasings
  hold arms that cannot be lifted and legs that give way ("i cant move my right arm", "she
  cant lift her leg" in English). A face or brow that will not move is the treatment
  working, and is not matched.
* A crisis said indirectly (E5): no point or sense in living ("no le veo sentido a seguir
  viviendo", "je vois pas l'intérêt de continuer à vivre", "non ha più senso vivere"), not
  wanting to go on ("ich will so nicht mehr weiterleben", "não quero mais continuar"), and
  the others better off without the patient ("estariam todos melhor sem mim"). Their own
  negation made them read as denied ("non ha senso vivere" negated "senso vivere"), so the
  whole wording, its negation included, becomes a crisis phrasing without one. Going on
  counts only when living, "like this" or nothing follows: "no quiero seguir con el
  tratamiento" is about the treatment. In English: weariness of life itself ("ive had enough
  of life", "sick and tired of being alive", not "had enough of my frown lines") and no
  point in going on, also when the patient's own look is its condition ("no point going on
  if i look like this for months"; not "carrying on with the top ups").

* A sign that grows day by day ("cada día más grande", "wird jeden Tag etwas größer", "chaque
  jour plus gros", "ogni giorno più grande", "cada dia maior") is said as the trend the
  phrasings hold ("cada vez más grande", "immer größer", ...): the day words put the sign
  and its growth too far apart for a phrasing to span.

Whole wordings, matched on normalised text (no accents, apostrophes split off), never one
word: a question or someone else's past still lowers them as it does any phrasing.
"""

from __future__ import annotations

import re

from bot.core.triage.covering import covering
from bot.core.triage.lasting import lasting_headache
from bot.core.triage.plain_signs import plain_signs

# ---------------------------------------------------------------------------- limbs

#: Words between "cannot" and the limb: articles, possessives, left and right.
_ES_OWNER = r"(?:(?:el|la|los|las|mi|mis|su|sus|un|una|tu|tus) )?"
_ES_SIDE = r"(?: (?:derech|izquierd)[oa]s?)?"
_DE_OWNER = (
    r"(?:(?:den|die|das|der|meinen|meine|mein|seinen|seine|sein|ihren|ihre|ihr|einen|ein"
    r"|beide|beiden) )?(?:(?:rechten|linken|rechte|linke|rechtes|linkes) )?"
)
_FR_OWNER = r"(?:(?:le|la|les|l|mon|ma|mes|son|sa|ses|un|une|ton|ta|tes) )"
_IT_OWNER = r"(?:(?:il|la|le|i|gli|l|un|una|mio|mia|miei|mie|suo|sua|suoi|sue) ){0,2}"
_PT_OWNER = r"(?:(?:o|a|os|as|um|uma|meu|minha|meus|minhas|seu|sua|seus|suas|teu|tua) ){0,2}"

#: By language: the wording, and the phrasing it is said as for an arm or hand, and for a leg.
_LIMB_WONT_MOVE: dict[str, tuple[re.Pattern[str], str, str]] = {
    "en": (
        re.compile(
            r"\b(?:cant|cannot|unable to) (?:move|lift|raise|use|feel)"
            r" (?:(?:my|his|her|their|the|one|either) )?(?:(?:left|right) )?(?P<limb>arm|arms"
            r"|hand|hands|leg|legs)\b"
        ),
        "cant lift my arms",
        "legs gave way",
    ),
    "es": (
        re.compile(
            r"\bno (?:(?:me|se|le) )?(?:(?:puedo|puede|pueden|podia|podemos|consigo|consigue"
            r"|logro|logra) (?:mover|levantar|alzar|usar|sentir|mexer)|(?:siento|siente|mueve"
            rf"|muevo)) {_ES_OWNER}(?P<limb>brazos?|manos?|piernas?){_ES_SIDE}\b"
        ),
        "no puedo levantar los brazos",
        "no puedo levantar las piernas",
    ),
    "de": (
        re.compile(
            rf"\b(?:kann|konnte|kann er|kann sie|kann ich) {_DE_OWNER}"
            r"(?P<limb>arme?|hande?|beine?) (?:gar |uberhaupt )?(?:nicht|kaum) (?:mehr )?"
            r"(?:bewegen|heben|hochheben|anheben|spuren|benutzen|ruhren)\b"
            rf"|\b(?:spure|spurt|fuhle|fuhlt) {_DE_OWNER}(?P<felt>arme?|hande?|beine?)"
            r" (?:gar |uberhaupt )?nicht(?: mehr)?\b"
        ),
        "kann arme nicht heben",
        "kann beine nicht heben",
    ),
    "fr": (
        re.compile(
            r"\b(?:(?:ne|n) )?(?:(?:peux|peut|peuvent|pouvais|pouvait|arrive|arrivent|arrivais"
            r"|arrivait|parviens|parvient) (?:pas|plus)(?: du tout)? (?:a )?(?:bouger|lever"
            r"|soulever|sentir|utiliser|remuer)|(?:sens|sent|bouge) (?:pas|plus)(?: du tout)?)"
            rf" {_FR_OWNER}(?P<limb>bras|mains?|jambes?)(?: (?:droite?|gauche)s?)?\b"
        ),
        "peux pas lever les bras",
        "jambes faibles",
    ),
    "it": (
        re.compile(
            r"\bnon (?:(?:riesco|riesce|riescono|riuscivo|riusciva|posso|puo|puoi) (?:piu )?"
            r"(?:a |ad )?(?:muovere|alzare|sollevare|sentire|usare)|(?:sento|sente|muove|muovo)"
            rf"(?: piu)?) {_IT_OWNER}(?P<limb>braccio|braccia|mano|mani|gamba|gambe)\b"
        ),
        "non riesco alzare braccia",
        "gambe deboli",
    ),
    "pt": (
        re.compile(
            r"\b(?:nao|n) (?:(?:consigo|consegue|conseguem|conseguia|posso|pode|podia) (?:mais )?"
            r"(?:mexer|mover|levantar|sentir|usar)|(?:sinto|sente|mexe|mexo)(?: mais)?)"
            rf" {_PT_OWNER}(?P<limb>bracos?|maos?|pernas?)\b"
        ),
        "nao consigo levantar bracos",
        "pernas bambas",
    ),
}


#: How each language's leg starts (an arm or a hand is said as the arms' phrasing).
_LEG_WORDS = ("leg", "pierna", "bein", "jambe", "gamb", "perna")


def _limbs_restated(text: str, language: str) -> str:
    found = _LIMB_WONT_MOVE.get(language)
    if found is None:
        return text
    pattern, arms, legs = found

    def said_as(match: re.Match[str]) -> str:
        limb = match.group("limb") or (match.groupdict().get("felt") or "")
        return legs if limb.startswith(_LEG_WORDS) else arms

    return pattern.sub(said_as, text)


# ---------------------------------------------------------------------------- crisis

#: By language: the indirect wordings of a crisis (normalised), and the phrasing they are
#: said as (one without a negation of its own).
_INDIRECT_CRISIS: dict[str, tuple[re.Pattern[str], str]] = {
    # English: no point in going on. ``detector`` has already said the plain cases ("whats the
    # point of carrying on") as "goon"; this adds the ones a condition on the patient follows.
    "en": (
        re.compile(
            r"\b(?:whats|what s|what is|wheres|where s|where is|no|theres no|there s no"
            r"|is there any|dont see the|don t see the|cant see the|can t see the|see no|not much)"
            r" (?:the |any )?point (?:of |in )?(?:goon\b|(?:carrying|going|keeping) on"
            r"(?= (?:if|when) (?:i|im|i m|my face) (?:look|looks|stay|stays|is|am|m|have to|cant"
            r"|can t|end up|never)\b))"
        ),
        "life is pointless",
    ),
    "es": (
        re.compile(
            # no point or sense in living
            r"\b(?:ya )?no (?:le |les |me )?(?:veo|ve|encuentro|encuentra|tiene|hay|tengo)"
            r" (?:ningun |el |mas |ya |ni )?(?:sentido|razon|motivo|ganas) (?:a |de |en |para )?"
            r"(?:seguir (?:viviendo|vivo|con vida)|vivir|la vida|estar viv[oa]|existir)\b"
            r"|\b(?:para que|de que sirve|de que vale) (?:seguir )?(?:vivir|viviendo|existir)\b"
            # not wanting to go on (living, like this, or nothing after)
            r"|\bno (?:quiero|puedo) seguir(?: (?:viviendo|asi|adelante|mas|con vida))?(?= *$)"
            # the others better off without me
            r"|\b(?:estarian|estaria|estarias|vivirian|serian|seria) (?:todos |todo el mundo )?"
            r"(?:mejor|mas felices) sin mi\b|\bmejor sin mi\b"
            r"|\bmejor (?:para todos )?(?:si (?:yo )?)?(?:no (?:estuviera|existiera|existir)"
            r"|desapareciera|me muriera|(?:no (?:despertar|despertarme)|desaparecer)"
            r"(?: (?:nunca|nunca mas|para siempre))?(?= *$))"
        ),
        "estaria mejor muerta",
    ),
    "de": (
        re.compile(
            r"\b(?:leben|alles)(?: \w+){0,3}? (?:keinen|kein) sinn mehr\b"
            r"|\b(?:keinen|kein) sinn mehr (?:zu leben|weiterzuleben|weiterzumachen)\b"
            r"|\bsehe (?:keinen|kein) sinn (?:mehr )?(?:im leben|in meinem leben|zu leben"
            r"|weiterzuleben)\b"
            r"|\b(?:wozu|wofur) (?:\w+ ){0,3}?(?:noch )?(?:leben|weiterleben)\b"
            r"|\bwarum (?:soll|sollte) ich (?:noch )?(?:leben|weiterleben)\b"
            r"|\bbesser (?:fur alle )?wenn ich (?:weg|tot|nicht mehr da|nicht mehr am leben)"
            r" (?:ware|war)\b"
            r"|\b(?:will|mochte|kann) (?:so )?(?:einfach )?nicht mehr weiterleben\b"
            r"|\b(?:will|mochte|kann) (?:so )?(?:einfach )?nicht mehr weiter(?:machen)?(?= *$)"
            r"|\b(?:waren|ware|sind|waers|warens)(?: \w+){0,2}? besser dran ohne mich\b"
            r"|\bbesser (?:dran )?ohne mich\b"
        ),
        "lieber tot",
    ),
    "fr": (
        re.compile(
            r"\b(?:vois|voit|trouve|trouves|y a|ya|a) (?:pas|plus|plus aucun|plus aucune"
            r"|aucun|aucune)(?: de| d| du)? (?:l )?(?:interet|sens|raison|but) (?:a |de |d )?"
            r"(?:continuer (?:a |de )?)?(?:vivre|la vie|exister|ma vie)\b"
            r"|\b(?:la )?vie (?:n )?a (?:plus |pas )?(?:aucun |de )?sens\b"
            r"|\b(?:sert|servirait) (?:a |plus a )?rien de (?:continuer a )?vivre\b"
            r"|\ba quoi (?:bon|ca sert de) (?:continuer a )?(?:vivre|continuer)\b"
            r"|\b(?:(?:ne|n) )?(?:veux|peux|ai) (?:pas|plus) (?:envie de )?continuer"
            r"(?: (?:a vivre|comme ca))?(?= *$)"
            r"|\b(?:seraient|serait|serais|seriez|serions|seront|vivraient) (?:tous )?"
            r"(?:bien )?(?:mieux|plus heureux) sans moi\b|\bmieux sans moi\b"
            r"|\bmieux (?:pour tout le monde |pour tous )?si je (?:disparaissais|mourais"
            r"|(?:n )?etais plus la|(?:n )?existais plus)\b"
        ),
        "mieux morte",
    ),
    "it": (
        re.compile(
            r"\b(?:non )?(?:ha|c e|ce|vedo|trovo|vede|trova) (?:piu )?(?:nessun |alcun )?"
            r"(?:senso|motivo|scopo) (?:di |a |nel |per )?(?:vivere|andare avanti|continuare"
            r"|la vita|stare al mondo)\b"
            r"|\bche senso ha (?:vivere|andare avanti|continuare|la vita|stare al mondo)\b"
            r"|\ba (?:che|cosa) serve (?:vivere|andare avanti)\b"
            r"|\bnon (?:voglio|posso|ce la faccio|riesco)(?: piu)? (?:a |ad )?(?:piu )?andare"
            r" avanti(?: (?:cosi|a vivere))?(?= *$)"
            r"|\b(?:starebbero|starebbe|sarebbero|sarebbe|stareste|vivrebbero) (?:tutti )?"
            r"(?:meglio|piu felici) senza (?:di )?me\b|\bmeglio senza di me\b"
            r"|\bmeglio (?:per tutti )?se (?:io )?(?:sparissi|morissi|non ci fossi|non esistessi)\b"
        ),
        "stanca vivere",
    ),
    "pt": (
        re.compile(
            r"\b(?:(?:nao|n) )?(?:vejo|ve|tem|ha|encontro|acho) (?:mais )?(?:nenhum |qualquer )?"
            r"(?:sentido|razao|motivo) (?:em |de |para |pra )?(?:continuar (?:a )?)?"
            r"(?:viver|vivendo|a vida|existir)\b"
            r"|\b(?:pra que|para que|de que vale|de que serve) (?:continuar )?(?:viver|vivendo"
            r"|existir)\b"
            r"|\b(?:nao|n) (?:quero|aguento|consigo) (?:mais )?continuar"
            r"(?: (?:vivendo|a viver|assim))?(?= *$)"
            r"|\b(?:ficariam|estariam|seriam|ficaria|estaria|seria|viveriam) (?:todos )?"
            r"(?:melhor|melhores|mais felizes) sem mim\b|\bmelhor sem mim\b"
            r"|\bmelhor (?:para todos |pra todos |pra todo mundo )?se eu (?:sumisse|morresse"
            r"|desaparecesse|nao (?:existisse|estivesse))\b"
        ),
        "melhor morta",
    ),
}


#: By language: a crisis said passively (session 9), as the same phrasing as above. Three
#: shapes, each whole: not waking up again, wished or met with indifference ("me daría igual
#: no despertarme", "wärs mir egal, wenn ich nicht mehr aufwache", "si domani non mi
#: svegliassi"), said at the end of its clause or with "never again" (so "espero no
#: despertarme con la cara hinchada" is a worry about swelling); not being there or not
#: existing, wished for ("preferiría no existir", "je préférerais ne plus être là"); and
#: pills saved up, or all of them taken at once ("j'ai mis de côté toutes mes pilules",
#: "tengo guardadas todas las pastillas"). Frustration about the result ("à quoi bon payer",
#: "para qué pagué tanto") names neither and stays the FAQ's. In English, weariness of life
#: itself, passive too ("so fed up with living"; not "fed up with my frown lines").
_PASSIVE_CRISIS: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"\b(?:had (?:just |about |more than )?enough|(?:so |really )?fed up|(?:sick|tired)"
        r"(?: and tired)?) (?:of|with) (?:(?:this|my|the) )?(?:life|living|being alive|existing"
        r"|this world)\b(?! (?:admin|insurance|coach|hacks?|style|changing))"
    ),
    "es": re.compile(
        r"\b(?:no|nunca mas|jamas) (?:volver a )?despert(?:ar|arme|arse|ara|aras|ase|arte)"
        r"(?: (?:nunca|nunca mas|jamas|mas|manana|nunca jamas))?(?= *$)"
        r"|\b(?:nunca mas|jamas) (?:volver a )?despert\w*"
        r"|\b(?:prefiero|preferiria|quisiera|quiero|ojala|me gustaria)(?: \w+){0,2}? no"
        r" (?:existir|estar aqui|estar aca|haber nacido|estar en este mundo)\b"
        r"|\bno (?:tiene|tendria|le veo|veo) (?:ningun |ya |mas )?(?:caso|sentido) seguir"
        r"(?: (?:asi|viviendo|adelante))?(?= *$)"
        r"|\bpara que seguir(?: (?:asi|viviendo|adelante))?(?= *$)"
        r"|\b(?:guardad[oa]s|juntad[oa]s|ahorrad[oa]s|acumulad[oa]s|escondid[oa]s|guarde|junte"
        r"|ahorre|acumule|guardando|juntando|ahorrando|acumulando|escondiendo)(?: \w+){0,2}?"
        r" (?:todas |todos )?(?:las |los |mis )?(?:pastillas"
        r"|pildoras|medicamentos|calmantes|somniferos|comprimidos)\b"
    ),
    "de": re.compile(
        r"\b(?:(?:nicht|nich) (?:mehr|wieder)|nie|niemals)(?: (?:mehr|wieder))? (?:aufwach\w*"
        r"|wach werd\w*|aufzuwachen)(?= *$)"
        r"|\b(?:nie|niemals) (?:mehr|wieder) (?:aufwach\w*|aufzuwachen|wach werd\w*)"
        r"|\b(?:lieber|am liebsten|wunschte|wunsche|wurde gern|wurde gerne)(?: \w+){0,3}?"
        r" (?:nicht mehr (?:da|hier|existieren|am leben)|nicht existieren|nie geboren)\b"
        r"|\bkeine kraft mehr (?:zum leben|weiterzumachen|weiterzuleben|fur das leben)\b"
        r"|\b(?:gespart|zusammengespart|gesammelt|gehortet|gebunkert|aufgehoben|aufgespart)"
        r"(?: \w+){0,2}? (?:tabletten|pillen|schlaftabletten|medikamente)\b"
        r"|\b(?:tabletten|pillen|schlaftabletten|medikamente)(?: \w+){0,2}? (?:gespart"
        r"|zusammengespart|gesammelt|gehortet|gebunkert|aufgespart)\b"
    ),
    "fr": re.compile(
        r"\b(?:(?:ca )?(?:ne )?(?:me )?(?:derangerait|generait|derange|gene|ferait|fait)"
        r"(?: \w+)? (?:pas|rien|ni chaud ni froid) (?:de |si je )?)?"
        r"(?:ne |n )?(?:pas|plus|jamais|plus jamais) (?:me )?reveill(?:er|e|es|ais|ait)"
        r"(?: (?:demain|un jour|le matin|demain matin|jamais|plus))?(?= *$)"
        r"|\b(?:plus jamais|jamais plus) (?:me )?reveill\w*"
        r"|\b(?:prefere\w*|aimerai\w*|voudrai\w*|veux|voulais|souhaite\w*|envie de|mieux)"
        r"(?: \w+){0,2}? (?:ne |n )?(?:plus|pas) (?:etre la|exister|etre en vie|etre ici"
        r"|etre de ce monde)\b"
        r"|\b(?:mis de cote|garde|gardees|gardes|stocke|stockees|stockes|economise|accumule"
        r"|amasse|planque)(?: \w+){0,2}? (?:toutes |tous )?(?:mes |les )?(?:boites de )?"
        r"(?:pilules|cachets|comprimes|medocs|medicaments|somniferes)\b"
    ),
    "it": re.compile(
        r"\b(?:non (?:mi |me ne )?(?:importerebbe|importa|dispiacerebbe|interesserebbe|frega"
        r"|fregherebbe)(?: \w+){0,3}? )?(?:non|mai piu) (?:mi )?svegli(?:assi|armi|are|erei|arsi)"
        r"(?: (?:piu|mai piu|domani|domattina|la mattina))?(?= *$)"
        r"|\bmai piu (?:mi )?svegli\w*|\bnon svegliarmi (?:mai )?piu\b"
        r"|\b(?:preferirei|vorrei|voglio|magari|meglio)(?: \w+){0,2}? non (?:esistere|esserci"
        r"|essere (?:qui|al mondo|mai nat[oa]))\b"
        r"|\b(?:messo da parte|conservato|accumulato|nascosto|messe da parte|conservate"
        r"|accumulate|nascoste)(?: \w+){0,3}? (?:tutte |tutti )?(?:le |i |mie |miei )?"
        r"(?:pastiglie|pillole|compresse|medicine|farmaci|sonniferi)\b"
    ),
    "pt": re.compile(
        r"\b(?:nao|n|nunca mais|jamais) (?:voltar a |voltasse a )?acord(?:ar|asse|armos|aria"
        r"|ares)(?: (?:mais|nunca mais|amanha|nunca))?(?= *$)"
        r"|\b(?:nunca mais|jamais) (?:voltar a )?acord\w*"
        r"|\b(?:preferia|preferiria|queria|quero|quem me dera|era melhor)(?: \w+){0,2}? (?:nao|n)"
        r" (?:existir|estar aqui|estar ca|ter nascido|estar neste mundo)\b"
        r"|\b(?:pra|para) (?:que|q) continuar(?: (?:assim|vivendo|a viver))?(?= *$)"
        r"|\b(?:juntei|guardei|escondi|acumulei|juntad[oa]s|guardad[oa]s|escondid[oa]s)"
        r"(?: \w+){0,2}? (?:todos |todas )?(?:os |as |meus |minhas )?(?:comprimidos|remedios"
        r"|pilulas|medicamentos|calmantes)\b"
    ),
}


def _crisis_restated(text: str, language: str) -> str:
    found = _INDIRECT_CRISIS.get(language)
    if found is None:
        return text
    passive = _PASSIVE_CRISIS.get(language)
    if passive is not None:
        text = passive.sub(found[1], text)
    return found[0].sub(found[1], text)


# ---------------------------------------------------------------------------- trend

#: By language: growth day by day (normalised), and the trend the phrasings hold.
_DAY_BY_DAY: dict[str, tuple[re.Pattern[str], str]] = {
    "es": (
        re.compile(
            r"\b(?:cada dia|dia a dia|dia tras dia|de un dia para otro) (?:se (?:hace|pone|ve) )?"
            r"mas (?=grande|grandes|hinchad|rojo|roja)"
        ),
        "cada vez mas ",
    ),
    "de": (
        re.compile(
            r"\b(?:jeden tag|taglich|von tag zu tag|tag fur tag|stundlich|jede stunde)"
            r" (?:etwas |ein bisschen |ein stuck |noch |weiter |deutlich )?(?=grosser|dicker"
            r"|breiter|roter)"
        ),
        "immer ",
    ),
    "fr": (
        re.compile(
            r"\b(?:chaque jour|de jour en jour|jour apres jour|tous les jours) (?:un peu )?plus"
            r" (?=gros|grosse|grand|grande|gonfle|rouge|etendu)"
        ),
        "de plus en plus ",
    ),
    "it": (
        re.compile(
            r"\b(?:ogni giorno|di giorno in giorno|giorno dopo giorno|ogni ora) (?:sempre )?"
            r"(?:un po )?piu (?=grande|grandi|grosso|grossa|gonfi|ross|esteso|estesa)"
        ),
        "sempre piu ",
    ),
    "pt": (
        re.compile(
            r"\b(?:(?:a )?cada dia|dia a dia|dia apos dia|de dia para dia) (?:mais )?"
            r"(?=maior|maiores|grande|inchad|vermelh)"
        ),
        "cada vez ",
    ),
}


def _trend_restated(text: str, language: str) -> str:
    found = _DAY_BY_DAY.get(language)
    return found[0].sub(found[1], text) if found is not None else text


def restate(text: str, language: str) -> str:
    """``text`` (a normalised clause in ``language``, any language: English too) with a limb
    that will not move, an indirect crisis, growth day by day, a sign in plain words
    (``plain_signs``), a headache that has lasted days (``lasting``) and a bruise that covers
    a large part (``covering``) said as the phrasings say them; other text, and a language without
    such rewrites, is returned as it is."""
    text = _limbs_restated(text, language)
    text = _trend_restated(_crisis_restated(text, language), language)
    return covering(lasting_headache(plain_signs(text, language), language), language)


__all__ = ["restate"]
