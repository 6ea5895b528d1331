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
* an injury elsewhere on the body (a toe, an ankle, a knee) with no word of the treatment;
* another injectable's own aftercare: "after cheek filler", "my lip filler feels lumpy", when
  the message does not name this treatment ("filler a week after my botox" stays);
* another treatment asked about for itself: a peel, microblading, a tattoo, fat dissolving,
  hyaluronidase, teeth whitening, named with a question about what it does, where to get it or
  which is better, and no word of this treatment nor of timing around it ("peel booked next
  week, too soon?" is the FAQ's own question);
* everyday life that only shares a word with an entry: the weather forecast, a match's result,
  a recipe, homework, the next bus or train, calories, with no word of the treatment;
* someone else as the patient: a child or a pet that has a fever, will not sleep or is to be
  given something ("can my dog have botox"), when the message says nothing of the sender's face;
* the toxin's medical uses (sweating, migraines, a bladder), which are another service with its
  own prescriber, not this treatment's aftercare;
* a skin or hair product to recommend for a skin type, a job at the clinic, and food compared
  for health ("is oat milk healthier"), with no word of the treatment or timing;
* an everyday ailment (toothache, a cold sore, a sprain, a hangover) or another
  practitioner to recommend, with no word of the treatment, a time around it or a visit.

Each reads the message as a whole, so a clause about the treatment anywhere keeps it in scope.
"""

from __future__ import annotations

import re
from functools import lru_cache

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

#: Asking where the nearest one is: "nearest cash machine to the clinic" is about the machine.
_NEAREST = _any(
    r"nearest|closest|(?:mas|la mas) cercana?|nachste|le plus proche|la plus proche|piu vicin[oa]"
    r"|mais proxim[oa]",
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
    r"do you (?:also )?(?:do|offer)|can i (?:get|have) (?:\w+ ){1,3}(?:here|with you)"
    r"|how ?long (?:does|do|will) (?:\w+ ){0,3}last|how ?much",
    r"(?:haceis|haces|hacen|ofreceis|ofrecen)(?: tambien)?"
    r"|cuanto (?:dura|duran|cuesta|cuestan|tiempo)",
    r"(?:macht|machen|bietet|bieten) (?:ihr|sie)|wie lange? (?:halt|halten|dauert)|was kostet",
    r"vous (?:faites|proposez)|(?:ca|ils?|elles?) (?:dure|durent|tient|tiennent)"
    r"|combien de temps|combien (?:ca )?coute",
    r"(?:fate|fai|offrite)(?: anche)?|quanto (?:dura|durano|costa|costano|tempo)",
    r"(?:voces )?(?:fazem|faz|oferecem)(?: tambem)?|quanto (?:tempo )?(?:dura|duram|custa|custam)",
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


#: Other treatments, and their own injections ("fat dissolving injections" are not Botox).
_OTHER_TREATMENT = _any(
    r"(?:a|chemical|glycolic|acid) peels?|microdermabrasion|microblad\w*|tattoos?|fat dissolv\w*"
    r"|lemon bottle"
    r"|hyaluronidase|teeth whitening|thread lifts?|nose job|rhinoplasty|hair transplant"
    r"|fillers?|lip filler|hyaluronic|profhilo|skin boosters?|polynucleotides?"
    r"|laser hair removal|ipl|lash lift|spray tan|veneers|invisalign|braces|hair extensions"
    r"|(?:gel|acrylic) nails|acrylics|lash extensions|brow lamination|dermaplaning|hifu"
    r"|liposuction|lipo|bbl|tummy tuck|face ?lift|boob job|breast (?:implants|augmentation)"
    r"|coolsculpting|ozempic|mounjaro|wegovy|weight loss (?:jabs?|injections?)"
    # nails and hair: "how long do gel nails last" is not how long Botox lasts
    r"|(?:gel|shellac|press on) nails|nail extensions|shellac|manicure|pedicure|highlights"
    r"|balayage|hair dye|keratin (?:treatment|blow ?dry)",
    r"unas (?:de gel|acrilicas|postizas)|manicura|pedicura|mechas|tinte de pelo|alisado",
    r"gelnagel|nagelmodellage|manikure|pedikure|strahnchen|haarfarbe|keratinglattung",
    r"vernis semi permanent|semi permanent|ongles en gel|faux ongles|manucure|meches"
    r"|lissage bresilien",
    r"ricostruzione (?:delle )?unghie|unghie (?:in |di )?gel|semipermanente|colpi di sole"
    r"|stiratura alla cheratina",
    r"unhas (?:de gel|de acrilico|postic\w+)|verniz gel|madeixas|escova progressiva",
    r"peeling|microblading|tatuajes?|blanqueamiento dental|hialuronidasa|rinoplastia"
    r"|rellenos?|depilacion laser",
    r"tattoos?|tatowierung|zahnaufhellung|bleaching|hyaluronidase|nasen ?op|fadenlifting"
    r"|laser ?haarentfernung",
    r"tatouages?|blanchiment des dents|hyaluronidase|rhinoplastie|fils tenseurs|epilation laser",
    r"tatuaggi[oa]?|sbiancamento dei denti|ialuronidasi|rinoplastica|epilazione laser",
    r"tatuage(?:m|ns)|clareamento dental|hialuronidase|rinoplastia|depilacao a laser"
    r"|preenchimentos?",
)

#: Asking about the other treatment itself: what it does, where, which, whether it works.
_ABOUT_ITSELF = _any(
    r"better (?:for|than)|near me|round here|how does (?:\w+ ){1,3}work|(?:do|does|will|can) "
    r"(?:\w+ ){0,3}dissolve|dissolved|worth it|where (?:can|do|should) i (?:get|go)"
    r"|(?:does|do) (?:\w+ ){1,4}(?:hurt|work)|how ?(?:painful|long) (?:\w+ ){0,4}(?:heal|last)"
    r"|(?:swelling|bruising|lumps?) (?:last|go down)|damage|safe to|(?:is|are) (?:\w+ ){1,3}safe",
    r"mejor (?:para|que)|cerca de mi|donde (?:puedo|me)|funciona|vale la pena|duele",
    r"besser (?:fur|als)|in der nahe|wo (?:kann|bekomme)|funktioniert|lohnt sich"
    r"|tut (?:das|es) weh",
    r"mieux (?:pour|que)|pres de chez moi|ou (?:je peux|puis je|faire)|ca marche|ca vaut le coup"
    r"|ca fait mal",
    r"meglio (?:per|di)|vicino a me|dove (?:posso|fare)|funziona|ne vale la pena|fa male",
    r"melhor (?:para|pra|que|do que)|perto de mim|onde (?:posso|faco|fazer)|funciona|vale a pena"
    r"|doi",
)

#: Timing around this treatment, which keeps another treatment in the FAQ's scope.
_TIMING = _any(
    r"same (?:day|time|week)|booked|too soon|how ?soon|when can i|wait|again|next (?:week|month)"
    r"|days?|weeks?|tomorrow|tonight|today|now|yet|move it|cancel|together|combine",
    r"mismo dia|reservad[oa]|cuando puedo|esperar|semana|manana|cancel\w*|anul\w*",
    r"selben tag|gebucht|wann kann|warten|woche|morgen|verschieben|absagen",
    r"meme jour|reserve|quand (?:est ce que )?(?:je peux|puis je)|attendre|semaine|demain"
    r"|annuler|decaler",
    r"stesso giorno|prenotat[oa]|quando posso|aspettare|settimana|domani|annullare|spostare",
    r"mesmo dia|marcad[oa]|quando posso|esperar|semana|amanha|cancelar|desmarcar",
)

#: Everyday questions that share only a word with an entry: a forecast, a result, a recipe.
_EVERYDAY = _any(
    r"weather (?:tomorrow|like|for|forecast)|forecast"
    r"|(?:will|is) it (?:\w+ )?(?:rain|snow|be sunny|be hot)\w*"
    r"|(?:going to|gonna) (?:rain|snow|be sunny|be hot)\w*"
    r"|who won|what is the score|kick off|recipe|homework|next (?:bus|train)"
    r"|(?:what|which) channel|what time is the (?:\w+ )?(?:game|match|football|race|fight)"
    r"|how (?:do i|to|do you) (?:cook|bake|roast)"
    r"|trains? (?:running|times|on strike)|bus times|calories|what is on tv",
    r"(?:que|el) tiempo (?:va a hacer|hace|hara)|va a llover|llovera|nevara|quien gano"
    r"|a (?:q|que) hora (?:juega|es el partido|empieza el partido)|receta|deberes|tarea de"
    r"|calorias",
    r"wetter|regnet|regnen|schneit|schneien|wer hat (?:\w+ )?gewonnen|wann spielt"
    r"|(?:wie hat|wer hat) "
    r"(?:\w+ )*gespielt|rezept|hausaufgaben|nachste (?:bus|zug|tatort)|kalorien",
    r"meteo|quel temps (?:fait|fera|va t il faire)|il va pleuvoir|va neiger|qui a gagne"
    r"|le score|recette|devoirs|prochain (?:bus|train)"
    r"|a quelle heure (?:est|commence) le match",
    r"che tempo (?:fa|fara|ci sara)|piove|pioggia|nevica|chi ha vinto|ricetta|compiti"
    r"|prossimo (?:autobus|treno)"
    r"|calorie",
    r"previsao do tempo|como (?:vai estar|esta) o tempo"
    r"|vai (?:chover|nevar|estar calor|fazer calor)|quem ganhou|receita"
    r"|que horas (?:e|comeca) o jogo"
    r"|trabalho de casa|dever de casa|proximo (?:onibus|autocarro|comboio|trem)|calorias",
)

#: A child or a pet that is the one unwell or to be treated.
_SOMEONE_ELSE = _any(
    r"(?:my|our|her|his) (?:toddler|son|daughter|kid|child|little one|dog|cat|puppy|kitten)s?"
    r" (?:has|is|wont|cant|keeps|got|ate|have|having|needs)"
    r"|(?:can|should) (?:my|our|i give my) (?:kid|child|son|daughter)s? (?:have|get|take)"
    r"|(?:for|with) a (?:toddler|baby|kid|child) who",
    r"mi (?:hij[oa]|nin[oa]|perr[oa]|gat[oa]) (?:tiene|esta|no (?:duerme|come))",
    r"mein(?:e)? (?:sohn|tochter|kind|hund|katze) (?:hat|ist|will|schlaft)",
    r"(?:ma|mon) (?:fille|fils|enfant|chien|chat|chienne|chatte) (?:a|est|ne)",
    r"(?:mi[oa]|il mio|la mia) (?:figli[oa]|bambin[oa]|cane|gatt[oa]) (?:ha|e|non)",
    r"(?:meu|minha|o meu|a minha) (?:filh[oa]|crianca|cachorro|gat[oa]|cadela) (?:tem|esta|nao)",
)

#: A pet is never the patient, whatever else the message says ("can my dog have botox").
_A_PET_TREATED = _any(
    r"(?:can|should) (?:my|our|i give my) (?:dog|cat|puppy|kitten|pet)s? (?:have|get|take)",
)

#: The sender's own face or visit: "my cat sleeps on my face", "my kid has a cold, can i still
#: come to my appointment" are about the patient.
_OWN_FACE = _any(
    r"appointments?|appt|session|review|consultation|check ?up|follow ?up|followup"
    r"|can i still|come in|come to|cancel|reschedule|rebook|move my|top ?up"
    r"|cita|termin|rendez vous|rdv|appuntamento|controllo|consulta|kontrolle",
    r"my (?:face|forehead|brows?|eyebrows?|lips?|eyes?|frown|11s|crows feet|jaw|skin)",
    r"mi (?:cara|frente|cejas?|labios?)|mis (?:cejas|labios|ojos)",
    r"mein(?:e|en)? (?:gesicht|stirn|augenbrauen?|lippen?)",
    r"mon (?:visage|front)|mes (?:sourcils|levres)",
    r"mia fronte|mio viso|mie (?:sopracciglia|labbra)",
    r"meu rosto|minha testa|minhas (?:sobrancelhas|labios)",
)


#: The toxin's medical uses, asked about as a cure: another service, not this aftercare.
_MEDICAL_USE = _any(
    r"(?:botox|tox|toxin) (?:\w+ ){0,2}(?:help|helps|treat|treats|stop|stops|cure|work|works"
    r"|good|for)"
    r" (?:\w+ ){0,3}(?:sweat\w*|armpits?|hyperhidrosis|migraines?|bladder|incontinence|spasms?)",
    r"(?:botox|toxina|tossina|toxine|botulinum\w*) (?:para|pour|per|fur|gegen|contra|contre)"
    r" (?:\w+ ){0,2}(?:sudor\w*|axilas?|migran\w*|vejiga|bexiga|schwitz\w*|migrane|blase"
    r"|transpiration|aisselles|sudorazione|ascelle|emicrania|vescica|transpiracao)",
)

#: Skin and hair products: what to buy, not what to do around the treatment.
_PRODUCT = _any(
    r"sun ?cream|sunscreen|spf|moisturi[sz]er|serum|retinol|eye cream|shampoo|hair dye|foundation"
    r"|concealer|cleanser",
    r"protector solar|crema solar|hidratante|champu",
    r"sonnencreme|sonnenschutz|feuchtigkeitscreme|serum",
    r"creme solaire|ecran solaire|hydratant",
    r"crema solare|protezione solare|idratante",
    r"protetor solar|filtro solar|hidratante|xampu",
)

#: Asking which to buy, or for which skin.
_WHICH_TO_BUY = _any(
    r"best|which|recommend|good for (?:oily|dry|sensitive|acne)|for (?:oily|dry|sensitive) skin"
    r"|for acne|for dark circles",
    r"mejor|cual|recomiend\w*|para (?:piel|pele) \w+|pra pele",
    r"beste|welche|empfehl\w*|fur (?:fettige|trockene) haut",
    r"meilleure?|quelle?|conseill\w*|recommand\w*|peau (?:grasse|seche)",
    r"miglior\w*|quale|consigli\w*|pelle (?:grassa|secca)",
    r"melhor|qual|indica\w*|recomend\w*|pele (?:oleosa|seca)",
)

#: Work at the clinic, and food compared for health: never an aftercare question.
_JOBS_AND_FOOD = _any(
    r"hiring|vacanc\w+|jobs? (?:going|opening|available)|work experience|apprenticeship"
    r"|my cv|healthier|healthiest|calories",
    r"contratando|vacantes?|ofertas? de (?:trabajo|emprego)|curriculum|mas sano|calorias",
    r"stellenangebot\w*|(?:sucht|sucht ihr) (?:personal|mitarbeiter)|lebenslauf|gesunder|kalorien",
    r"recrutez|recrutement|embauchez|mon cv|plus sain|calories",
    r"assumete|cercate personale|curriculum|piu sano|calorie",
    r"contratando|vagas?|curriculo|mais saudavel|calorias",
)


#: Everyday ailments and other practitioners: another doctor's question, not this aftercare.
_OTHER_MEDICINE = _any(
    r"tooth ?ache|ear ?ache|ear infection|cold sores?|back pain|runny nose|blocked nose"
    r"|sore throat"
    r"|(?:stomach|tummy) (?:ache|bug)|heartburn|verrucas?|chicken ?pox|hangover|sprained"
    r"|pulled a muscle|wrists?|elbows?"
    r"|(?:recommend|know) a (?:good )?(?:dentist|physio|gp|doctor|optician|osteopath|chiropractor"
    r"|vet|plumber|hairdresser|barber|mechanic)",
    r"dolor de muelas|dolor de oido|calentura|herpes labial|dolor de espalda"
    r"|resaca|esguince|munecas?|codos?|un buen (?:dentista|fisio|medico|veterinario)",
    r"zahnschmerzen|ohrenschmerzen|lippenherpes|ruckenschmerzen"
    r"|bauchschmerzen|kater|verstaucht|handgelenk|ellenbogen|guten (?:zahnarzt|physio|tierarzt)",
    r"mal aux dents|mal a l oreille|bouton de fievre|herpes"
    r"|mal au dos|mal au ventre|gueule de bois|entorse|poignets?|coudes?"
    r"|un bon (?:dentiste|kine|medecin|veterinaire)",
    r"mal di denti|mal d orecchi|herpes|mal di schiena|mal di pancia|postumi"
    r"|distorsione|polsi|polso|gomiti?|un buon (?:dentista|fisioterapista|medico|veterinario)",
    r"dor de dente|dor de ouvido|herpes|dor nas costas|dor de barriga|ressaca"
    r"|entorse|pulsos?|cotovelos?|um bom (?:dentista|fisioterapeuta|medico|veterinario)",
)


#: This treatment by name (not the generic "injection" or "after", which another injectable
#: has too).
_THIS_BY_NAME = _any(
    r"botox|tox|toxin|toxina|tossina|toxine|botulinum|dysport|azzalure|bocouture|xeomin"
    r"|anti ?wrinkle|wrinkle relaxing|treatment|tratamiento|behandlung|traitement|trattamento"
    r"|tratamento|appointment|cita|termin|rendez vous|appuntamento|consulta",
)

#: Another injectable's own aftercare: timing after it, or its own state ("after cheek
#: filler", "my lip filler feels lumpy").
_ITS_OWN_AFTERCARE = _any(
    r"(?:after|since|from|post) (?:\w+ ){0,2}(?:fillers?|hyaluronic|profhilo|skin boosters?)"
    r"|my (?:\w+ )?fillers? (?:is|are|feels?|looks?|has|have|went|gone|seems?|still)",
    r"(?:despues|desde) (?:de )?(?:\w+ ){0,2}(?:rellenos?|hialuronico)"
    r"|mi relleno (?:esta|se ve|tiene)",
    r"nach (?:\w+ ){0,2}(?:fillern?|hyaluron\w*|aufspritzen)|mein filler (?:ist|fuhlt|sieht)",
    r"(?:apres|depuis) (?:\w+ ){0,2}(?:fillers?|acide hyaluronique|injections d acide)"
    r"|mon filler (?:est|fait)",
    r"dopo (?:\w+ ){0,2}(?:filler|acido ialuronico)|il mio filler (?:e|sembra)",
    r"(?:depois|desde) (?:d[oa] |de )?(?:\w+ ){0,2}(?:preenchimentos?|acido hialuronico)"
    r"|meu preenchimento (?:esta|ficou)",
)


def _about_another_treatment(words: str) -> bool:
    """Another treatment asked about for itself, with no word of this one nor of timing; the
    other treatment's own injections are its, not this treatment's."""
    asked = _ABOUT_ITSELF.search(words) or _OFFER_DURATION_PRICE.search(words)
    if not (_OTHER_TREATMENT.search(words) and asked):
        return False
    rest = re.sub(r"\b(?:injections?|jabs?)\b", " ", _OTHER_TREATMENT.sub(" ", words))
    return not (_THIS_TREATMENT.search(rest) or _TIMING.search(rest))


def timed(words: str) -> bool:
    """Whether normalised ``words`` name this treatment or a time around it."""
    return bool(_THIS_TREATMENT.search(words) or _TIMING.search(words))


def asks_about_elsewhere(text: str, entry_id: str) -> bool:
    """Whether answering ``text`` from the entry ``entry_id`` would answer a question about
    another place, another injectable or another part of the body (see the module doc)."""
    another_place, anything_else = _read_elsewhere(normalise(text))
    return (entry_id in CLINIC_DETAILS and another_place) or anything_else


@lru_cache(maxsize=64)
def _read_elsewhere(words: str) -> tuple[bool, bool]:
    """What ``asks_about_elsewhere`` reads in normalised ``words``: another place's details
    (which matter only for the clinic's own entries), and any other kind of elsewhere.

    Cached, once per message: the responder asks about every candidate entry (up to five) of
    the same text, and all but the first verdict is the entry's; the ~15 expressions over a
    4,096-character message were ~15 ms of the fuzz's slowest (benchmarks/RELIABILITY.md,
    session 14)."""
    treatment = _THIS_TREATMENT.search(words) is not None
    another_place = bool(
        _OTHER_PLACE.search(words) and (_NEAREST.search(words) or not _THE_CLINIC.search(words))
    )
    return another_place, _anything_else(words, treatment)


def _anything_else(words: str, treatment: bool) -> bool:
    """Every kind of elsewhere but another place's details, whatever the entry."""
    if _OTHER_INJECTABLE.search(words) and _OFFER_DURATION_PRICE.search(words) and not treatment:
        return True
    if _about_another_treatment(words):
        return True
    if _ITS_OWN_AFTERCARE.search(words) and not _THIS_BY_NAME.search(words):
        return True
    if _EVERYDAY.search(words) and not treatment:
        return True
    if _MEDICAL_USE.search(words) or (_JOBS_AND_FOOD.search(words) and not treatment):
        return True
    if _OTHER_MEDICINE.search(words) and not (timed(words) or _OWN_FACE.search(words)):
        return True
    if _PRODUCT.search(words) and _WHICH_TO_BUY.search(words) and not timed(words):
        return True
    if _A_PET_TREATED.search(words):
        return True
    if _SOMEONE_ELSE.search(words) and not (treatment or _OWN_FACE.search(words)):
        return True
    return bool(_ELSEWHERE_ON_THE_BODY.search(words)) and not treatment
