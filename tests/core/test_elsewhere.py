"""Questions about another place, another injectable or another part of the body fall back,
in every shipped language (issue 14); the same words about this clinic and this treatment are
still answered. Wordings of our own, never an evaluation set's sentence."""

from __future__ import annotations

import pytest

from bot.core.elsewhere import asks_about_elsewhere
from bot.core.responder import Responder


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        # another place's hours, address or prices
        ("a qué hora cierra la farmacia de la esquina?", "contact_clinic"),
        ("wie viel kostet ein Brötchen in der Bäckerei gegenüber?", "costs_pricing"),
        ("la boulangerie d'en face ouvre à quelle heure dimanche ?", "contact_clinic"),
        ("sai a che ora chiude il supermercato qui sotto?", "contact_clinic"),
        ("quanto custa o almoço na lanchonete da esquina?", "costs_pricing"),
        # another injectable, asked about for itself
        ("hacéis también relleno de labios con hialurónico?", "facials_other_treatments"),
        ("bietet ihr auch Hyaluron für die Nasolabialfalten an?", "facials_other_treatments"),
        (
            "combien de temps ça tient, l'acide hyaluronique dans les lèvres ?",
            "how_long_results_last",
        ),
        ("fate anche il filler alle labbra?", "facials_other_treatments"),
        ("quanto tempo dura um preenchimento de olheiras?", "how_long_results_last"),
        # an injury elsewhere on the body
        ("me di con la mesa en la rodilla y tengo un moratón enorme", "bruising"),
        ("hab mir den Knöchel verstaucht, Kühlen oder Wärme?", "swelling_redness"),
        ("je me suis tordu la cheville au foot, glace ou chaud ?", "swelling_redness"),
        ("ho sbattuto il piede contro la porta ed è tutto viola", "bruising"),
        ("torci o tornozelo na academia, gelo ou calor?", "swelling_redness"),
    ],
)
def test_questions_about_somewhere_else_are_out_of_scope(text: str, entry_id: str) -> None:
    assert asks_about_elsewhere(text, entry_id), text


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("a qué hora cerráis la clínica el sábado?", "contact_clinic"),
        ("are you open on the bank holiday monday?", "contact_clinic"),
        (
            "puedo ponerme relleno de labios una semana después del botox?",
            "facials_other_treatments",
        ),
        ("Hyaluron und Botox am selben Tag, geht das?", "facials_other_treatments"),
        ("j'ai un bleu au niveau des pattes d'oie depuis la piqûre", "bruising"),
        ("fiquei com um roxinho nos pés de galinha", "bruising"),
        ("bruise by my crows feet since the jabs", "bruising"),
        ("ho un livido vicino all'occhio dopo le punture, e un altro sul ginocchio", "bruising"),
        ("can i have a pie and a pint tonight?", "alcohol"),
    ],
)
def test_the_same_words_about_this_clinic_or_treatment_stay_in_scope(
    text: str, entry_id: str
) -> None:
    assert not asks_about_elsewhere(text, entry_id), text


@pytest.mark.parametrize(
    "text",
    [
        "sabéis a qué hora abre la panadería de al lado?",
        "vous savez si la pharmacie de la gare est ouverte ce soir ?",
        "vocês fazem preenchimento labial? quanto tempo dura?",
        "machen Sie auch Lippen aufspritzen mit Hyaluron, wie lange hält das?",
        "mi sono storta la caviglia giocando a tennis, cosa faccio?",
    ],
)
def test_the_bot_does_not_answer_them_from_the_faq(responder: Responder, text: str) -> None:
    reply = responder.respond(text)
    assert reply.kind in {"fallback", "clarify"}, (text, reply.kind, reply.topic)
    assert reply.kind == "fallback" or not set(reply.suggestions) & {
        "contact_clinic",
        "costs_pricing",
        "how_long_results_last",
    }, (text, reply.suggestions)


@pytest.mark.parametrize(
    "text",
    [
        # another treatment asked about for itself
        "which is better for freckles, a peel or ipl?",
        "anyone know where i can get a lash lift near me",
        "does a thread lift actually work on jowls",
        "how long do tattoos take to heal properly",
        "la hialuronidasa funciona de verdad o no?",
        "wo kann man hier Zahnaufhellung machen lassen?",
        "le blanchiment des dents, ça fait mal ?",
        "dove posso fare un tatuaggio piccolo?",
        "clareamento dental vale a pena?",
        # everyday life that shares a word with an entry
        "is it going to be sunny in brighton on sunday",
        "what is the weather like in cardiff this week",
        "who won the rugby on saturday",
        "got a recipe for lemon drizzle cake?",
        "is the next train to york on time",
        "va a llover el sábado en valencia?",
        "wie wird das Wetter morgen in Bremen?",
        "tu as une recette de crêpes ?",
        "chi ha vinto la partita di ieri?",
        "quem ganhou o clássico de domingo?",
        # someone else as the patient
        "my son has a temperature and a rash, what should i give him",
        "can my cat have ibuprofen for her leg",
        "mi hija tiene fiebre desde anoche, qué le doy?",
        "mein Hund hat Durchfall, was tun?",
        "mon fils a mal aux oreilles depuis hier",
        "il mio cane non mangia da due giorni",
        "meu filho está com tosse, que xarope dou?",
    ],
)
def test_other_treatments_everyday_life_and_other_patients_are_out_of_scope(text: str) -> None:
    assert asks_about_elsewhere(text, "facials_other_treatments"), text


@pytest.mark.parametrize(
    "text",
    [
        "my peel is booked for next week, is that too soon",
        "can i get my lashes lifted the same day as the jabs",
        "tattoo appointment on saturday, had tox on monday, ok?",
        "hot weather ok after my forehead injections?",
        "can i play rugby on saturday after botox",
        "my toddler grabbed my forehead this morning, have i ruined it",
        "my dog slept on my face last night lol",
        "is lifting my kid ok after the injections",
        "tengo cita de tatuaje la semana que viene, lo cambio?",
        "Zahnaufhellung nächste Woche, geht das nach dem Botox?",
    ],
)
def test_the_same_things_around_the_treatment_stay_in_scope(text: str) -> None:
    assert not asks_about_elsewhere(text, "facials_other_treatments"), text


@pytest.mark.parametrize(
    "text",
    [
        "had eczema as a kid, does that matter for botox?",
        "my daughter has a cough, can i still come to my appointment friday",
        "my son is poorly but i am fine, is my review still on",
        "my little one has chickenpox, should i put off my botox",
    ],
)
def test_a_child_mentioned_around_the_patients_own_visit_stays_in_scope(text: str) -> None:
    assert not asks_about_elsewhere(text, "contact_clinic"), text


@pytest.mark.parametrize(
    "text",
    [
        # the toxin's medical uses
        "would botox stop my hands sweating so much",
        "is tox any good for chronic migraines",
        "botox para la sudoración de las axilas, funciona?",
        # products to buy
        "which spf would you recommend for sensitive skin",
        "qual o melhor hidratante pra pele seca?",
        "quelle crème solaire vous conseillez pour peau grasse ?",
        # jobs, food compared for health, another treatment offered
        "any vacancies for a nurse at your place?",
        "is brown rice healthier than white",
        "can i get a lash lift with you",
    ],
)
def test_medical_uses_products_jobs_and_food_are_out_of_scope(text: str) -> None:
    assert asks_about_elsewhere(text, "makeup_skincare_washing"), text


@pytest.mark.parametrize(
    "text",
    [
        "which spf should i wear after the injections",
        "what moisturiser is ok to use tonight",
        "i get migraines, can i still have botox",
        "can i get my top up here next month",
    ],
)
def test_products_and_conditions_around_the_treatment_stay_in_scope(text: str) -> None:
    assert not asks_about_elsewhere(text, "makeup_skincare_washing"), text


@pytest.mark.parametrize(
    "text",
    [
        # other treatments and other practitioners
        "are veneers worth it or do they ruin your teeth",
        "how long do lash extensions last usually",
        "know a good physio for a bad knee?",
        # everyday ailments
        "best thing for a cold sore coming up",
        "got awful toothache, what helps",
        "sprained my wrist at netball, ice or heat",
        "tengo un herpes labial, qué crema va bien?",
        "j'ai une entorse au poignet, je mets de la glace ?",
        # sports and cooking
        "which channel is the boxing on",
        "how do i roast a chicken without drying it out",
        "a que hora es el partido del betis?",
    ],
)
def test_other_medicine_practitioners_sport_and_cooking_are_out_of_scope(text: str) -> None:
    assert asks_about_elsewhere(text, "pain_relief"), text


@pytest.mark.parametrize(
    "text",
    [
        "can i take my hay fever tablets today",
        "i have period pain, is ibuprofen ok after the injections",
        "cold sore on my lip since the jabs yesterday, is that linked",
        "toothache since my masseter botox, normal?",
    ],
)
def test_ailments_around_the_treatment_stay_in_scope(text: str) -> None:
    assert not asks_about_elsewhere(text, "pain_relief"), text


@pytest.mark.parametrize(
    ("text", "in_scope"),
    [
        ("closest chemist to your clinic?", False),
        ("wo ist die nächste Apotheke bei eurer Praxis?", False),
        ("where do i park when i come to the clinic", True),
        ("what time does the clinic shut on fridays", True),
    ],
)
def test_the_nearest_other_place_is_about_that_place(text: str, in_scope: bool) -> None:
    assert asks_about_elsewhere(text, "contact_clinic") is not in_scope, text


@pytest.mark.parametrize(
    "text",
    [
        "is a hot bath ok straight after cheek filler",
        "my chin filler still looks a bit uneven",
        "puedo hacer deporte después del relleno de labios?",
        "darf ich nach dem Filler in die Sauna?",
        "je peux me maquiller après mon filler des lèvres ?",
        "posso truccarmi dopo il filler alle labbra?",
        "posso beber depois do preenchimento labial?",
        "che tempo farà domenica a bari?",
        "is profhilo safe for everyone",
    ],
)
def test_another_injectables_own_aftercare_is_out_of_scope(text: str) -> None:
    assert asks_about_elsewhere(text, "heat_sauna_sun"), text


@pytest.mark.parametrize(
    "text",
    [
        "is a hot bath ok after filler and botox on the same day",
        "filler booked two weeks after my anti wrinkle, is that enough of a gap",
        "had filler last month, can i have my treatment today",
    ],
)
def test_filler_around_this_treatment_stays_in_scope(text: str) -> None:
    assert not asks_about_elsewhere(text, "heat_sauna_sun"), text


@pytest.mark.parametrize(
    "text",
    [
        "my son has a fever, can i still come in on monday",
        "my little girl is poorly so i need to reschedule",
        "how many calories does a long walk burn, is that ok after tox",
    ],
)
def test_the_patients_own_visit_or_treatment_keeps_a_child_or_food_in_scope(text: str) -> None:
    assert not asks_about_elsewhere(text, "contact_clinic"), text


@pytest.mark.parametrize(
    "text",
    [
        "fine to lie on the sofa with something on tv tonight?",
        "really hot weather today, is that ok for my forehead",
        "my skin peels a bit, how long will it take to heal",
    ],
)
def test_words_shared_with_everyday_life_in_an_aftercare_question_stay_in_scope(
    text: str,
) -> None:
    assert not asks_about_elsewhere(text, "heat_sauna_sun"), text


@pytest.mark.parametrize(
    "text",
    [
        "how long will a shellac manicure last on holiday",
        "are balayage highlights worth it",
        "cuánto cuestan las uñas de gel en un salón normal",
        "was kostet strähnchen beim friseur",
        "ça dure combien une manucure semi permanent ?",
        "quanto costano i colpi di sole",
        "madeixas quanto tempo duram?",
    ],
)
def test_nails_and_hair_asked_about_for_themselves_are_out_of_scope(text: str) -> None:
    """How long gel nails or highlights last is not how long Botox lasts (issue 12)."""
    assert asks_about_elsewhere(text, "how_long_results_last"), text
    assert asks_about_elsewhere(text, "costs_pricing"), text


@pytest.mark.parametrize(
    "text",
    [
        "can i get a manicure the day after botox",
        "had highlights done after my tox, is the hair dye ok",
        "puedo hacerme las mechas una semana después del bótox",
        "kann ich nach dem botox zur maniküre",
        "est-ce que je peux faire une manucure demain après le botox",
    ],
)
def test_nails_and_hair_around_the_treatment_stay_in_scope(text: str) -> None:
    assert not asks_about_elsewhere(text, "facials_other_treatments"), text
    assert not asks_about_elsewhere(text, "how_long_results_last"), text
