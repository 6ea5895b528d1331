"""Questions about somewhere or something else that borrow the FAQ's words (issue 14).

The FAQ answers about this clinic and this treatment. Patients also ask the bot everyday
questions that share a word with an entry, and the matcher and the model then answer them
from that entry: "à quelle heure ferme la friterie ?" got the clinic's opening hours, "quanto
tá o pão de queijo na padaria?" its prices, "e preenchimento labial, quanto tempo dura?" how
long Botox lasts, "bati o dedinho do pé e tá roxo" the bruising after injections. Three kinds
of question are read as out of scope here, in every shipped language (normalised words):

* another place's hours, address or prices: the answer would be the clinic's contact or cost
  entry, and the message names another business and not the clinic;
* another injectable asked about for itself: filler or hyaluronic acid named with an offer,
  a duration or a price ("do you also do ...", "how long does it last"), and no word of this
  treatment nor of timing around it (filler *after* Botox is the FAQ's own question);
* an injury elsewhere on the body (a toe, an ankle, a knee) with no word of the treatment.

Each reads the message as a whole, so a clause about the treatment anywhere keeps it in scope.
"""

from __future__ import annotations

import re

from bot.core.text import normalise


def _any(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


#: The FAQ entries that give the clinic's own details: wrong for another place.
CLINIC_DETAILS = frozenset({"contact_clinic", "costs_pricing", "next_appointment_and_interval"})

#: Businesses and places that are not the clinic, in every shipped language.
_OTHER_PLACE = _any(
    r"bakery|restaurant|cafe|coffee shop|pub|supermarket|pharmacy|chemist|bank(?! holiday)"
    r"|post office"
    r"|cinema|takeaway|chippy|cash machine|petrol station|hairdresser",
    r"panaderia|restaurante|cafeteria|supermercado|mercadona|farmacia|tienda|cine|correos"
    r"|gasolinera|peluqueria",
    r"backerei|kneipe|supermarkt|apotheke|laden|kino|imbiss|tankstelle|friseur",
    r"boulangerie|(?:un|le|au|du|ce) resto|restau|supermarche|pharmacie|banque|la poste"
    r"|friterie|brasserie|magasin|boutique|station essence|coiffeur",
    r"panetteria|forno|ristorante|pizzeria|supermercato|negozio|benzinaio|parrucchiere",
    r"padaria|lanchonete|mercado|correios|loja|posto de gasolina|cabeleireiro",
)

#: Words that name the clinic itself: "what time does the clinic close" stays in scope.
_THE_CLINIC = _any(
    r"clinic|clinica|clinique|klinik|praxis|studio|consultorio|ambulatorio|surgery|salon",
)

#: Other injectables, asked about on their own.
_OTHER_INJECTABLE = _any(
    r"fillers?|lip filler|hyaluronic|hyaluron|hyaluronsaure|hialuronico|hyaluronique"
    r"|ialuronico|hialuronico|preenchimentos?|rellenos?|aufspritzen|aufgespritzt"
    r"|riempitivo|profhilo|skin boosters?",
)

#: Asking whether the clinic offers it, how long it lasts or what it costs.
_OFFER_DURATION_PRICE = _any(
    r"do you (?:also )?(?:do|offer)|how long (?:does|do|will) (?:\w+ ){0,3}last|how much",
    r"(?:haceis|haces|hacen|ofreceis|ofrecen)(?: tambien)?|cuanto (?:dura|duran|cuesta|tiempo)",
    r"(?:macht|machen|bietet|bieten) (?:ihr|sie)|wie lange? (?:halt|halten|dauert)|was kostet",
    r"vous (?:faites|proposez)|(?:ca|ils?|elles?) (?:dure|durent|tient|tiennent)"
    r"|combien de temps|combien (?:ca )?coute",
    r"(?:fate|fai|offrite)(?: anche)?|quanto (?:dura|durano|costa|tempo)",
    r"(?:voces )?(?:fazem|faz|oferecem)(?: tambem)?|quanto (?:tempo )?(?:dura|duram|custa)",
)

#: Words of this treatment, or of timing around it ("filler after my botox").
_THIS_TREATMENT = _any(
    r"botox|tox|toxin|toxina|tossina|botulinum|dysport|azzalure|bocouture|xeomin"
    r"|anti ?wrinkle|wrinkle relaxing|injections?|jabs?|inyecciones|pinchazos?|spritzen?"
    r"|injektion\w*|piqures?|iniezioni|punture|injecoes|aplicacao|picadas?",
    r"after|before|same day|despues|antes|nach|vor|apres|avant|dopo|prima|depois|tras",
)

#: Parts of the body well away from the face, and what happens to them.
_ELSEWHERE_ON_THE_BODY = _any(
    # Not "crows feet", "pés de galinha", "pattes d'oie": the eyes' lines are the face.
    r"toes?|foot|(?<!crows )(?<!crow s )(?<!crow )feet|ankles?|knees?|shins?",
    r"dedo (?:pequeno )?del pie|(?:el|del|al|los|mis) pies?|tobillos?|rodillas?|espinillas?|talon",
    r"zehs?|zehen|fuss|fusse|knochel|knie|schienbein|ferse",
    r"orteils?|pieds?|chevilles?|genoux?|tibias?|talons?",
    r"dito del piede|piedi|piede|caviglie|caviglia|ginocchi[oa]?|stinco|tallone",
    r"ded(?:o|inho) do pe|(?:(?:o|no|do|meu) pe|(?:os|nos|dos|meus) pes)(?! de galinha)"
    r"|tornozelos?|joelhos?"
    r"|canela|calcanhar",
)


def asks_about_elsewhere(text: str, entry_id: str) -> bool:
    """Whether answering ``text`` from the entry ``entry_id`` would answer a question about
    another place, another injectable or another part of the body (see the module doc)."""
    words = normalise(text)
    treatment = _THIS_TREATMENT.search(words) is not None
    if entry_id in CLINIC_DETAILS and _OTHER_PLACE.search(words) and not _THE_CLINIC.search(words):
        return True
    if _OTHER_INJECTABLE.search(words) and _OFFER_DURATION_PRICE.search(words) and not treatment:
        return True
    return bool(_ELSEWHERE_ON_THE_BODY.search(words)) and not treatment
