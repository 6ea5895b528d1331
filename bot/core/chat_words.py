"""Chat spellings and regional words, spelled out as the words the phrasings are written in.

Patients type the way they text: Italian "nn" for "non", "xké" for "perché"; Portuguese "vc",
"tb", "n"; Spanish "q", "xq", "tmb"; French "jsp", "pk", "stp", "jai" with its apostrophe
left out; German "grad", "nen", "isses", and Swiss German "cha nüt meh schlucke". The
phrasings hold the standard words, so a message typed that way matched nothing: "nn riesco
a deglutire" found no "non riesco a deglutire". Regional names for the same signs
(Brazilian "roxo" for a bruise, Mexican "chueca" for a crooked face, "inflamado" for
swollen, Swiss "schnufe" for breathing) are read as the word the phrasings use.

One step, per language, on normalised text (``normalise_in``): the triage rules read
messages through it, and the FAQ matcher reads messages and its phrasings through it. The
red-flag phrasings and concepts get the regional words only (``chat=False``): they are
written in full words, and the few written in chat spellings were there to catch chat
typing, which this step now does; spelled out, Italian "nn respiro" would be a bare "non
respiro" that fires on "non ho problemi a deglutire né a respirare".

A table is per language because the same letters mean different words ("pq" is Spanish
"porque" and French "pourquoi"; "n" is Portuguese "não" and English "and"), and English text
is never rewritten here.

Keys and values are normalised (lowercase, no accents); a value may be several words, and so
may a key: a regional name written in two words ("nódoa negra", "blauer Fleck") is one unit,
read before its words are read one by one, and a colour that is a sign only with its body part
("lábios roxos": blue lips, not a bruise) is read whole before "roxo" alone becomes a bruise.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from bot.core.text import RECENT_NORMALISED, normalise


def _table(pairs: str) -> dict[str, str]:
    """``"nn=non xke=perche jsp=je_sais_pas nodoa_negra=hematoma"``: "_" joins the words of
    a value or of a key."""
    table: dict[str, str] = {}
    for pair in pairs.split():
        key, value = pair.split("=")
        table[key.replace("_", " ")] = value.replace("_", " ")
    return table


#: Texting abbreviations and missing apostrophes, by language.
CHAT_WORDS: Mapping[str, Mapping[str, str]] = {
    "es": _table(
        "q=que k=que ke=que xq=porque xk=porque pq=porque porq=porque pk=porque tmb=tambien "
        "tb=tambien tbn=tambien tamb=tambien x=por xa=para pa=para d=de dnd=donde cdo=cuando "
        "qdo=cuando dsp=despues dps=despues nd=nada bn=bien mxo=mucho mcho=mucho tngo=tengo "
        "toy=estoy toi=estoy ta=esta kiero=quiero aki=aqui xfa=por_favor "
        "porfa=por_favor nse=no_se ntp=no_te_preocupes finde=fin_de_semana"
    ),
    "pt": _table(
        "vc=voce vcs=voces tb=tambem tbm=tambem tmb=tambem n=nao nn=nao q=que k=que pq=porque "
        "qdo=quando qnd=quando hj=hoje mt=muito mto=muito mta=muita mts=muitos dps=depois "
        "msm=mesmo td=tudo tds=todos nd=nada ngm=ninguem cmg=comigo oq=o_que ta=esta "
        "to=estou tou=estou tava=estava tavam=estavam vo=vou agr=agora aki=aqui "
        "dnv=de_novo pfv=por_favor pf=por_favor fds=fim_de_semana sla=sei_la obg=obrigada"
    ),
    "it": _table(
        "nn=non xke=perche xche=perche xk=perche pke=perche cmq=comunque qlc=qualche "
        "qlcs=qualcosa qls=qualcosa qlcn=qualcuno nnt=niente tt=tutto x=per ke=che k=che "
        "sn=sono cn=con dp=dopo qnd=quando qndo=quando anke=anche bn=bene gg=giorni "
        "sett=settimana sx=sinistra dx=destra prox=prossimo"
    ),
    "fr": _table(
        "jsp=je_sais_pas jsais=je_sais chepa=je_sais_pas chaipa=je_sais_pas chui=je_suis "
        "chuis=je_suis jsuis=je_suis jpeux=je_peux jpense=je_pense jveux=je_veux "
        "jvois=je_vois jme=je_me jte=je_te jpp=j_en_peux_plus pk=pourquoi pq=pourquoi "
        "pkoi=pourquoi pourkoi=pourquoi pcq=parce_que pck=parce_que psk=parce_que "
        "stp=s_il_te_plait svp=s_il_vous_plait bcp=beaucoup tjr=toujours tjrs=toujours "
        "tjs=toujours qd=quand qnd=quand kan=quand ds=dans ms=mais dc=donc pr=pour tt=tout "
        "tte=toute ts=tous mm=meme ke=que koi=quoi mtn=maintenant mnt=maintenant "
        "auj=aujourd_hui ajd=aujourd_hui dm1=demain rdv=rendez_vous vrmt=vraiment "
        "jai=j_ai javais=j_avais jaurais=j_aurais jarrive=j_arrive jarrivais=j_arrivais "
        "jen=j_en jetais=j_etais cest=c_est cetait=c_etait sest=s_est nest=n_est "
        "narrive=n_arrive nai=n_ai jy=j_y loeil=l_oeil lair=l_air"
    ),
    "de": _table(
        "grad=gerade grade=gerade nen=einen nem=einem ner=einer is=ist isses=ist_es "
        "gehts=geht_es gibts=gibt_es hats=hat_es kanns=kann_es tuts=tut_es ists=ist_es "
        "bleibts=bleibt_es wirds=wird_es vllt=vielleicht vlt=vielleicht evtl=eventuell "
        "kp=keine_ahnung wg=wegen mim=mit_dem aufm=auf_dem iwie=irgendwie iwas=irgendwas "
        "jmd=jemand bissl=bisschen bisserl=bisschen"
    ),
}

#: Regional and dialect words for the same signs and for the words around them, by language:
#: one word for one word of the same meaning, since phrasings are read through them too (a
#: Brazilian "não enxergo nada" is blindness, a "não vejo nada" may be no result yet).
REGIONAL_WORDS: Mapping[str, Mapping[str, str]] = {
    "es": _table(
        # a bruise (Spain "moratón", "cardenal"; the Americas "moretón", "morado")
        "moraton=moreton morado=moreton cardenal=moreton morete=moreton "
        # the injection prick (Mexico "piquete"), swelling (the Americas "inflamado")
        "piquete=pinchazo piquetito=pinchazo piquetes=pinchazos inflamado=hinchado "
        "inflamada=hinchada inflamados=hinchados inflamadas=hinchadas inflamacion=hinchazon "
        # shivering ("tiritando", Spain "tiritona")
        "tiritando=temblando tiritona=escalofrios "
        # crooked (Mexico "chueca"), puffed up ("abombado"), food that sticks (Mexico "atorar")
        "chueca=torcida chueco=torcido ladeada=torcida ladeado=torcido abombada=hinchada "
        "abombado=hinchado atora=atasca atoro=atasco atorada=atascada "
        "atorado=atascado "
        # a black eye is a bruise; blue lips are not ("labios morados": the colour of lips
        # short of air, read before "morado" alone becomes a bruise)
        "ojo_morado=moreton_en_el_ojo ojos_morados=moretones_en_los_ojos "
        "labios_morados=labios_azulados labio_morado=labio_azulado "
        "labios_moraditos=labios_azulados"
    ),
    "pt": _table(
        # a bruise (Portugal "nódoa negra", Brazil "roxo", "mancha roxa", a black eye "olho
        # roxo"); blue lips are not ("lábios roxos", "arroxeados": short of air)
        "nodoa_negra=hematoma nodoas_negras=hematomas mancha_roxa=hematoma "
        "manchas_roxas=hematomas olho_roxo=hematoma_no_olho "
        "labios_roxos=labios_azulados labio_roxo=labio_azulado "
        "labios_arroxeados=labios_azulados boca_roxa=labios_azulados "
        "roxo=hematoma roxa=hematoma roxos=hematomas roxas=hematomas "
        # blurred (Brazil "embaçada")
        "embacada=turva embacado=turvo embacando=turva "
        # swallowing stuck (Brazil "entalar")
        "entala=engasga entalou=engasgou entalada=engasgada entalado=engasgado "
        # slurred speech (Brazil "fala embolada")
        "embolada=enrolada embolado=enrolado "
        # shivers (Brazil "tremedeira")
        "tremedeira=calafrios "
        # Portugal "magoar-me" for Brazil "me machucar" (to hurt oneself), "apetece-me" for
        # "tenho vontade" (I feel like)
        "magoar=machucar apetece=vontade apetecia=vontade"
    ),
    "it": _table(
        # a bruise ("bluastro", a black eye "occhio nero"), swelling ("tumefatto")
        "bluastro=livido bluastra=livido tumefatto=gonfio tumefatta=gonfia tremarella=brividi "
        "occhio_nero=livido_all_occhio occhi_neri=lividi_agli_occhi"
    ),
    "fr": _table(
        # a bruise ("coquard"), swelling ("boursouflé", "bouffi"), breath ("suffoquer")
        "coquard=bleu cocard=bleu boursoufle=gonfle boursouflee=gonflee bouffi=gonfle "
        "bouffie=gonflee suffoquer=etouffer "
        # Québec "croche" (crooked): "parle tout croche" (all funny), "la bouche croche"
        "tout_croche=bizarrement croche=tordue"
    ),
    "de": _table(
        # Swiss German: can, nothing, more, my, since, has, is, not, breathe, see, eye
        "cha=kann chan=kann chasch=kannst nut=nichts nunt=nichts meh=mehr mini=meine "
        "sit=seit het=hat hesch=hast isch=ist nid=nicht gmacht=gemacht "
        "schnufe=atmen schnuufe=atmen schnaufen=atmen schnaufe=atme schnauf=atme "
        "gseh=sehen gsehe=sehen ouge=auge "
        "mueter=mutter muetter=mutter zmittag=mittag "
        # swelling ("aufgequollen", "aufgedunsen"), a bruise ("Veilchen", "blauer Fleck",
        # "blaues Auge")
        "aufgequollen=geschwollen aufgedunsen=geschwollen veilchen=bluterguss "
        "blauer_fleck=bluterguss blauen_fleck=bluterguss blaue_flecken=blutergusse "
        "blauen_flecken=blutergussen blaue_flecke=blutergusse blaues_auge=bluterguss_am_auge "
        "blauen_auge=bluterguss_am_auge "
        # Austrian and Bavarian legs ("Haxn"), Swiss "chum" (hardly), dropped endings
        "haxn=beine haxen=beine hax=bein stehn=stehen gehn=gehen chum=kaum chuum=kaum "
        # shivering ("schlottern", "bibbern")
        "schlottern=zittern schlottere=zittere bibbern=zittern bibbere=zittere"
    ),
}

#: Words that after a number are its unit, left as they are: "39 grad" is a fever's degrees,
#: not "gerade" (just now); "2 mm" is millimetres, not "même".
_UNITS = frozenset({"grad", "grade", "mm"})


@lru_cache(maxsize=16)
def _words_of(language: str, chat: bool) -> Mapping[str, str]:
    regional = REGIONAL_WORDS.get(language, {})
    return {**regional, **CHAT_WORDS.get(language, {})} if chat else dict(regional)


@lru_cache(maxsize=16)
def _longest_key(language: str, chat: bool) -> int:
    """How many words the longest key of ``language``'s table has."""
    return max((len(key.split()) for key in _words_of(language, chat)), default=1)


def spell_out(normalised: str, language: str, *, chat: bool = True) -> str:
    """``normalised`` text with ``language``'s regional words, and unless ``chat`` is False
    its chat spellings, spelled out; at each word the longest key that starts there wins."""
    words = _words_of(language, chat)
    if not words:
        return normalised
    tokens = normalised.split()
    longest = _longest_key(language, chat)
    spelled: list[str] = []
    index = 0
    while index < len(tokens):
        word = tokens[index]
        if word in _UNITS and index > 0 and tokens[index - 1].isdigit():
            spelled.append(word)
            index += 1
            continue
        for size in range(min(longest, len(tokens) - index), 0, -1):
            key = " ".join(tokens[index : index + size])
            if key in words:
                spelled.append(words[key])
                index += size
                break
        else:
            spelled.append(word)
            index += 1
    return " ".join(spelled)


@lru_cache(maxsize=RECENT_NORMALISED)
def normalise_in(text: str, language: str, *, chat: bool = True) -> str:
    """``normalise(text)``, then ``spell_out`` in ``language``."""
    return spell_out(normalise(text), language, chat=chat)


__all__ = ["CHAT_WORDS", "REGIONAL_WORDS", "normalise_in", "spell_out"]
