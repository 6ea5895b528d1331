"""Conversations in the core: each turn sees the state the previous turn's Outcome saved."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from bot.core.conversation import (
    Conversation,
    PatientState,
    TreatedToday,
    TypedDate,
    TypedQuestion,
)
from bot.core.dialogue import DialogueState, EscalationMemory, TreatmentTime, split_questions
from bot.core.dialogue.evaluation import apply_change, evaluate_dialogues, load_dialogues
from bot.core.journey import Treatment
from bot.core.responder import Responder
from tests.core.chatting import NOW, chat, chat_in, topics

DATA = Path(__file__).resolve().parent.parent / "data"


# ---- follow-ups ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "follow", "expected"),
    [
        ("can i go to the gym today?", "and tomorrow?", "exercise_gym"),
        ("can i go to the gym today?", "what about wine?", "alcohol"),
        ("i have a bruise on my forehead", "how long for?", "bruising"),
        ("i have a bruise on my forehead", "is that normal?", "bruising"),
        ("do i have to stay upright after", "why?", "stay_upright_lying_down"),
        ("when will i see the results", "and if it doesn't?", "not_working_after_two_weeks"),
        (
            "theres some swelling on my forehead",
            "how long does that usually last",
            "swelling_redness",
        ),
        # a moment: a number, a day, a part of the day adds nothing new
        ("can i have a sauna today?", "and on saturday evening?", "heat_sauna_sun"),
        ("do i have to stay upright after", "and in 2 hours?", "stay_upright_lying_down"),
        ("is it ok to use a sunbed this week", "why not?", "heat_sauna_sun"),
        ("i've got a bruise near my eyebrow", "howsoon will it fade roughly", "bruising"),
        # how long "it" lasts after anything but a symptom: the treatment
        ("when will i see the results", "and how long do they last?", "how_long_results_last"),
        ("can i wear foundation tomorrow", "ok how long does it last", "how_long_results_last"),
        # a bruise wears off as a bruise (the toxin's own effects: test_wearing_off.py)
        ("i have a bruise on my forehead", "will it wear off soon?", "bruising"),
        (
            "my forehead feels really heavy and stiff",
            "how long does that last?",
            "heavy_or_frozen_feeling",
        ),
        (
            "siento la frente muy pesada y rigida",
            "y cuando se pase el efecto?",
            "how_long_results_last",
        ),
        # a remedy asked for after a symptom, and nothing else named: pain relief
        (
            "is a mild headache normal after botox?",
            "is there anything i can take for it?",
            "pain_relief",
        ),
        ("my forehead is a bit tender where the needles went", "what should i take", "pain_relief"),
        # ... not after dry eyes or the frozen feeling, whose own answers say what helps
        (
            "my eyes feel a bit dry since my botox, is that normal?",
            "is there anything i can take for it?",
            "eye_dry_watery_vision",
        ),
        (
            "my forehead feels really heavy and stiff",
            "what should i take",
            "heavy_or_frozen_feeling",
        ),
        # ... a remedy that names something else is read as usual
        ("can i go to the gym today?", "can i take something for it", "exercise_gym"),
        # a named symptom's course is that symptom's answer
        ("can i fly tomorrow", "how long do headaches usually last?", "headache"),
        # two new words naming two topics: the first named is asked about
        ("can i go back to the office tomorrow", "and yoga before the office?", "exercise_gym"),
        # a message that on its own answers the topic just discussed stays on it, whatever
        # topic its keyword names ("flu" is also the flu-like symptoms' word)
        (
            "is it ok to get a shingles vaccine this week",
            "what about the flu one?",
            ("vaccines_other_injections"),
        ),
        # a word that alone reads as another topic ("side": unevenness), but adds to this one
        ("how should i sleep tonight", "what about on my back?", "sleeping_position"),
        # a question of its own that points back ("is it ...?") but, fairly compared,
        # takes from the topic just answered rather than adding to it: asked anew
        ("so what exactly is in botox", "and is it actually safe then?", "is_botox_safe"),
        ("what is botox made from", "ok but is it safe overall?", "is_botox_safe"),
        # follow-up words only, but another question of their own that takes much from the
        # topic just answered ...
        ("what is botox exactly", "and is it safe for him?", "is_botox_safe"),
        ("so what does botox actually do", "but is that safe for them?", "is_botox_safe"),
        # ... while "is it safe?" after a medicine, which takes little, is still about it
        ("can i take paracetamol tonight", "is it safe?", "pain_relief"),
        # "that feeling", "this sensation": a noun that only points back, like "it"
        (
            "my forehead feels weirdly heavy",
            "does that feeling go away after a while?",
            "heavy_or_frozen_feeling",
        ),
        (
            "the injection points are tingly",
            "is this sensation normal",
            "tenderness_numbness_tingling",
        ),
        # the same thing again, in other circumstances
        (
            "is it bad that i touched my forehead",
            "what if i did that while asleep",
            ("touching_rubbing_massage"),
        ),
    ],
)
def test_a_follow_up_is_answered_in_context(
    conversation: Conversation, first: str, follow: str, expected: str
) -> None:
    _, answer = chat(conversation, first, follow)
    assert answer.reply is not None and answer.reply.kind == "answer"
    assert topics(answer) == (expected,)


def test_after_several_answers_a_follow_up_picks_the_one_it_is_about(
    conversation: Conversation,
) -> None:
    """A moment goes with the latest answer that has a wait; how a thing goes with the
    symptom among them."""
    both = DialogueState(topics=("stay_upright_lying_down", "alcohol"), topics_at=NOW)
    later = NOW + timedelta(minutes=1)
    timed = conversation.handle(
        TypedQuestion("and tomorrow night?"), PatientState(dialogue=both), later
    )
    assert topics(timed) == ("alcohol",)
    marks = DialogueState(topics=("makeup_skincare_washing", "swelling_redness"), topics_at=NOW)
    fading = conversation.handle(
        TypedQuestion("when will they fade"), PatientState(dialogue=marks), later
    )
    assert topics(fading) == ("swelling_redness",)
    swollen_gym = DialogueState(topics=("swelling_redness", "exercise_gym"), topics_at=NOW)
    going = conversation.handle(
        TypedQuestion("and can i go on friday?"), PatientState(dialogue=swollen_gym), later
    )
    assert topics(going) == ("exercise_gym",)  # "go" is not how a symptom goes
    rules = DialogueState(
        topics=("stay_upright_lying_down", "makeup_skincare_washing"), topics_at=NOW
    )
    toner = conversation.handle(
        TypedQuestion("what sort of toner is ok"), PatientState(dialogue=rules), later
    )
    assert topics(toner) == ("makeup_skincare_washing",)


@pytest.mark.parametrize(
    ("first", "follow"),
    [
        (
            "can i go to the gym today and have a glass of wine tonight?",
            "and on saturday for both?",
        ),
        ("can i go to the gym today and have a glass of wine tonight?", "ugh. all of them sunday?"),
        ("puedo ir al gimnasio hoy y tomar vino esta noche?", "y el sabado los dos?"),
    ],
)
def test_a_follow_up_about_every_topic_answers_each_again(
    conversation: Conversation, first: str, follow: str
) -> None:
    """ "both", "all of them" after several answers: each again, in the same order."""
    several, again = chat(conversation, first, follow)
    assert len(topics(several)) == 2
    assert topics(again) == topics(several)


def test_both_in_a_new_question_is_not_every_topic(conversation: Conversation) -> None:
    """A message that says more than "both" asks its own question."""
    _, other = chat(
        conversation,
        "can i go to the gym today and have a glass of wine tonight?",
        "can i do both at the same time as a facial?",
    )
    assert topics(other) == ("facials_other_treatments",)


def test_a_pronoun_refers_back_to_the_last_topic(conversation: Conversation) -> None:
    """ "had my 11s done" answered with when results show; "they" are the 11s."""
    state = PatientState(dialogue=DialogueState(topics=("when_results_appear",), topics_at=NOW))
    outcome = conversation.handle(
        TypedQuestion("when will they stop moving?"), state, NOW + timedelta(minutes=1)
    )
    assert topics(outcome) == ("when_results_appear",)


def test_a_new_question_does_not_inherit_the_old_topic(conversation: Conversation) -> None:
    _, results = chat(conversation, "can i go to the gym today", "when will i see results?")
    assert topics(results) == ("when_results_appear",)
    _, price = chat(conversation, "can i drink tonight", "how much does a top up cost")
    assert topics(price) == ("costs_pricing",)


@pytest.mark.parametrize(
    "aside",
    [
        "btw who won the match last night lol",
        "any good pasta recipes for tonight?",
        "and who won the football last night?",
    ],
)
def test_an_out_of_scope_aside_does_not_inherit_the_old_topic(
    conversation: Conversation, aside: str
) -> None:
    _, reply = chat(conversation, "can i drink wine tonight", aside)
    assert reply.reply is not None and reply.reply.kind == "fallback"


@pytest.mark.parametrize(
    ("first", "follow", "expected"),
    [
        (
            "had my botox this morning, can i go for a run",
            "what about a slow walk with the dog?",
            "exercise_gym",
        ),
        (
            "when can i put makeup back on",
            "and rinsing my hair under the shower tonight?",
            "makeup_skincare_washing",
        ),
    ],
)
def test_a_follow_up_opening_with_and_keeps_the_topic_it_reads_as(
    conversation: Conversation, first: str, follow: str, expected: str
) -> None:
    """ "and ..." / "what about ..." with a few everyday words may look out of scope alone;
    read with the topic just answered it is still that topic."""
    _, reply = chat(conversation, first, follow)
    assert topics(reply) == (expected,), follow


@pytest.mark.parametrize("thanks", ["ok thanks that helps", "great thanks, bye"])
def test_thanks_after_an_answer_is_small_talk(conversation: Conversation, thanks: str) -> None:
    _, reply = chat(conversation, "can i go to the gym today", thanks)
    assert reply.reply is not None and reply.reply.kind == "smalltalk"


def test_the_context_expires_after_half_an_hour(conversation: Conversation) -> None:
    remembered = DialogueState(topics=("stay_upright_lying_down",), topics_at=NOW)
    assert remembered.live(NOW + timedelta(minutes=29)).topics == ("stay_upright_lying_down",)
    assert remembered.live(NOW + timedelta(minutes=31)).empty
    _, late = chat(conversation, "do i have to stay upright after", "why?", gap=45)
    assert late.reply is not None and topics(late) != ("stay_upright_lying_down",)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("¿y mañana?", "es", "exercise_gym"),
        ("und morgen?", "de", "exercise_gym"),
        ("et demain ?", "fr", "exercise_gym"),
        ("e domani?", "it", "exercise_gym"),
        ("e amanhã?", "pt", "exercise_gym"),
    ],
)
def test_follow_up_words_work_in_every_shipped_language(
    conversation: Conversation, text: str, language: str, expected: str
) -> None:
    state = PatientState(
        dialogue=DialogueState(topics=("exercise_gym",), topics_at=NOW), language=language
    )
    outcome = conversation.handle(TypedQuestion(text), state, NOW + timedelta(minutes=1))
    assert topics(outcome) == (expected,)


# ---- clarify answers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2", "alcohol"),
        ("the first one", "exercise_gym"),
        ("yes", "exercise_gym"),
        ("the alcohol one", "alcohol"),
        ("the last one", "flying_travel"),
        # an ordinal among filler words
        ("yes the first", "exercise_gym"),
        ("second please", "alcohol"),
        ("the 3rd one", "flying_travel"),
        ("no, the middle one", "alcohol"),
        ("l'ultima", "flying_travel"),
        ("la segunda", "alcohol"),
    ],
)
def test_a_typed_answer_picks_a_clarify_option(
    conversation: Conversation, typed: str, expected: str
) -> None:
    offered = DialogueState(clarify=("exercise_gym", "alcohol", "flying_travel"), clarify_at=NOW)
    state = PatientState(dialogue=offered)
    outcome = conversation.handle(TypedQuestion(typed), state, NOW + timedelta(minutes=1))
    assert topics(outcome) == (expected,)
    assert outcome.change is not None and outcome.change.dialogue is not None
    assert outcome.change.dialogue.clarify == ()  # settled


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("the second one", "flying_travel"), ("2", "flying_travel"), ("the first option", "alcohol")],
)
def test_a_place_picks_one_of_several_answers_just_given(
    conversation: Conversation, typed: str, expected: str
) -> None:
    """Several short answers, then "the second one": that one, in full."""
    several, picked = chat(conversation, "can i drink wine and fly tomorrow", typed)
    assert topics(several) == ("alcohol", "flying_travel")
    assert picked.reply is not None and picked.reply.kind == "answer"
    assert topics(picked) == (expected,)


def test_a_yes_after_several_answers_picks_none_of_them(conversation: Conversation) -> None:
    _, agreed = chat(conversation, "can i drink wine and fly tomorrow", "ok")
    assert agreed.reply is not None and agreed.reply.kind != "answer"


def test_none_of_these_gets_the_honest_fallback(conversation: Conversation) -> None:
    offered = DialogueState(clarify=("exercise_gym", "alcohol"), clarify_at=NOW)
    outcome = conversation.handle(
        TypedQuestion("none of these"), PatientState(dialogue=offered), NOW
    )
    assert outcome.reply is not None and outcome.reply.kind == "fallback"


# ---- several questions -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "can i work out tomorrow and also drink wine tonight? and when can i wear makeup",
            ("exercise_gym", "alcohol", "makeup_skincare_washing"),
        ),
        (
            "i look frozen like a waxwork, how long till it wears off",
            ("heavy_or_frozen_feeling", "how_long_results_last"),
        ),
        ("can i fly on friday\nand can i go in the sauna", ("flying_travel", "heat_sauna_sun")),
        # how a named symptom goes is that symptom's question, not how long botox lasts
        (
            "can i take paracetamol for this headache and how long do headaches last",
            ("pain_relief", "headache"),
        ),
        # a question the matcher is unsure of, named by its one new word
        (
            "is the soreness ok and can i drink beer tonight",
            ("tenderness_numbness_tingling", "alcohol"),
        ),
    ],
)
def test_each_question_of_a_message_is_answered_in_order(
    conversation: Conversation, text: str, expected: tuple[str, ...]
) -> None:
    (outcome,) = chat(conversation, text)
    assert topics(outcome) == expected
    reply = outcome.reply
    assert reply is not None and reply.text.count("Your practitioner knows") == 1  # signed once


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("is aspirin ok or will it make me bruise", "pain_relief"),
        ("is ibuprofen fine or does it thin the blood", "pain_relief"),
        ("can i have red wine or only white?", "alcohol"),
    ],
)
def test_an_option_that_only_worries_is_read_without_it(
    conversation: Conversation, text: str, expected: str
) -> None:
    """ "or will it make me bruise?" is a worry about the aspirin, not a second question:
    unsure of the whole, the bot answers the question without it rather than asking."""
    (outcome,) = chat(conversation, text)
    assert outcome.reply is not None and outcome.reply.kind == "answer"
    assert topics(outcome) == (expected,)


def test_a_question_and_its_is_that_normal_are_one_question(conversation: Conversation) -> None:
    (outcome,) = chat(conversation, "my forehead is bruised, is that normal?")
    assert topics(outcome) == ("bruising",)


def test_triage_runs_on_the_whole_message_first(conversation: Conversation) -> None:
    (outcome,) = chat(conversation, "can i drink tonight? also i cant swallow properly")
    assert outcome.reply is not None and outcome.reply.level == "emergency"
    assert outcome.alert is not None


def test_splitting_cuts_at_question_marks_lines_and_joining_words() -> None:
    pieces = split_questions(
        "can i run? and when can i wear makeup\nalso sauna ok", ["and when", "also"]
    )
    assert pieces == ["can i run", "and when can i wear makeup", "also sauna ok"]


# ---- after an escalation -----------------------------------------------------------------

FOLLOW_UPS = [
    "is that normal?",
    "ok but can i still go to the gym later?",
    "can I wait till morning?",
    "it's eased off now",
    "I'll sleep it off",
    "clinic is shut till Monday",
    "what do I tell them?",
    "thanks",
]


def test_after_an_emergency_follow_ups_get_the_advice_again_and_no_second_alert(
    conversation: Conversation,
) -> None:
    first, *rest = chat(conversation, "my face feels tight and im a bit wheezy", *FOLLOW_UPS)
    assert first.reply is not None and first.reply.level == "emergency" and first.alert
    for text, outcome in zip(FOLLOW_UPS, rest, strict=True):
        reply = outcome.reply
        assert reply is not None and reply.kind == "escalation", text
        assert reply.level == "emergency", text
        assert reply.text.startswith("Please call 999 now."), text
        assert "normal" not in reply.text.replace("can't tell you this is normal", ""), text
        assert outcome.alert is None, text  # the staff were alerted once
        assert len(reply.text.split()) < 80, text
        assert outcome.record is not None and outcome.record.kind == "reminder"


def test_the_logistics_are_answered(conversation: Conversation) -> None:
    outcomes = chat(conversation, "since the botox i cant swallow properly", *FOLLOW_UPS)
    by_text = {
        text: o.reply.text for text, o in zip(FOLLOW_UPS, outcomes[1:], strict=True) if o.reply
    }
    assert "day and night" in by_text["clinic is shut till Monday"]
    assert "botulinum toxin" in by_text["what do I tell them?"]
    assert "don't exercise" in by_text["ok but can i still go to the gym later?"]


@pytest.mark.parametrize(
    ("language", "red_flag", "asks", "says"),
    [
        (
            "en",
            "my tongue feels thick and i cant get my words out",
            "could my flatmate give me a lift to a&e?",
            "drive yourself",
        ),
        (
            "en",
            "my eyelid has dropped over my eye since friday",
            "can i just drive over to the clinic myself?",
            "Someone else can take you",
        ),
        (
            "es",
            "me cuesta mucho respirar desde el botox",
            "¿me lleva mi novio en coche al hospital?",
            "no conduzca",
        ),
        (
            "de",
            "seit gestern hängt mein oberlid über das auge",
            "kann mich mein mann hinbringen oder fahr ich selbst?",
            "nicht selbst",
        ),
        (
            "fr",
            "j'ai du mal à avaler depuis les injections",
            "ma voisine peut m'emmener aux urgences ?",
            "Ne conduisez pas",
        ),
        (
            "it",
            "faccio fatica a respirare dopo il botox",
            "mi accompagna mia sorella in macchina?",
            "non guidi",
        ),
        (
            "pt",
            "custa-me muito engolir desde o botox",
            "a minha vizinha pode levar-me ao hospital?",
            "não conduza",
        ),
    ],
)
def test_how_to_get_there_is_answered_at_the_same_level(
    conversation: Conversation, language: str, red_flag: str, asks: str, says: str
) -> None:
    """ "Can someone drive me?" during an escalation: don't drive yourself, at its level."""
    first, again = chat_in(conversation, language, red_flag, asks)
    assert first.reply is not None and first.reply.level is not None
    reply = again.reply
    assert reply is not None and reply.kind == "escalation", asks
    assert reply.level == first.reply.level, asks
    assert says in reply.text, reply.text
    assert again.alert is None


@pytest.mark.parametrize(
    ("language", "red_flag", "correction", "says"),
    [
        (
            "en",
            "my brother had botox on monday and now he cant swallow his drink",
            "sorry to be clear its not me, im fine",
            "for them",
        ),
        (
            "es",
            "mi hermano se puso botox y ahora no puede tragar",
            "no soy yo, eh, es mi hermano",
            "por esa persona",
        ),
        (
            "de",
            "mein bruder hatte botox und kann jetzt nicht mehr schlucken",
            "also es geht nicht um mich",
            "für sie",
        ),
        (
            "fr",
            "mon frère a eu du botox et il n'arrive plus à avaler",
            "ce n'est pas moi hein",
            "pour elle",
        ),
        (
            "it",
            "mio fratello ha fatto il botox e non riesce più a deglutire",
            "non sono io eh",
            "per questa persona",
        ),
        ("pt", "o meu irmão fez botox e não consegue engolir", "não sou eu, atenção", "por ela"),
    ],
)
def test_not_me_keeps_the_advice_for_whoever_it_is(
    conversation: Conversation, language: str, red_flag: str, correction: str, says: str
) -> None:
    """ "It's not me": someone still needs help now; the advice is kept and addressed to them,
    and reassurance about them afterwards is not given either."""
    first, corrected, after = chat_in(
        conversation, language, red_flag, correction, "is it serious?"
    )
    assert first.reply is not None and first.reply.level == "emergency", red_flag
    for outcome in (corrected, after):
        assert outcome.reply is not None and outcome.reply.level == "emergency"
        assert outcome.reply.kind == "escalation"
    reply = corrected.reply
    assert reply is not None
    assert says in reply.text, reply.text


@pytest.mark.parametrize(
    ("language", "symptom", "worse"),
    [
        (
            "en",
            "i've got a headache since my botox this morning",
            "it's getting worse and worse, paracetamol isnt doing anything",
        ),
        ("en", "small bruise on my temple after tox", "now it's spreading down towards my jaw"),
        (
            "es",
            "me duele la cabeza desde el botox de ayer",
            "cada día está peor y no se me pasa con nada",
        ),
        (
            "de",
            "hab seit der Behandlung Kopfschmerzen",
            "es wird immer schlimmer, Tabletten helfen nichts",
        ),
        (
            "fr",
            "j'ai un bleu sur la tempe après les injections",
            "il s'étend maintenant jusqu'à la joue",
        ),
        ("it", "ho un livido sulla tempia dopo il botox", "adesso si allarga verso la guancia"),
        ("pt", "dor de cabeça desde o botox", "está a piorar e nada ajuda"),
    ],
)
def test_a_symptom_getting_worse_after_its_answer_is_escalated(
    conversation: Conversation, language: str, symptom: str, worse: str
) -> None:
    """ "It's getting worse" just after the headache's answer is a worsening headache, though
    the message alone names no symptom; the staff are alerted."""
    answered, worsened = chat_in(conversation, language, symptom, worse)
    assert answered.reply is not None and answered.reply.kind == "answer", symptom
    reply = worsened.reply
    assert reply is not None and reply.kind == "escalation", worse
    assert reply.level is not None and worsened.alert is not None


@pytest.mark.parametrize(
    "follow",
    ["will it get worse?", "what if it gets worse tomorrow?", "can i take ibuprofen for it"],
)
def test_asking_whether_a_symptom_will_get_worse_is_answered(
    conversation: Conversation, follow: str
) -> None:
    _, asked = chat(conversation, "got a headache after my botox", follow)
    reply = asked.reply
    assert reply is not None and reply.kind == "answer" and reply.level is None, follow
    assert asked.alert is None


@pytest.mark.parametrize(
    ("language", "urgent", "worse"),
    [
        (
            "en",
            "really bad headache since my botox, worse every day, painkillers do nothing",
            "and now my neck is stiff",
        ),
        (
            "es",
            "el dolor de cabeza va a peor cada día y no me hacen nada las pastillas",
            "y ahora tengo el cuello rígido",
        ),
        (
            "de",
            "Kopfschmerzen werden jeden Tag schlimmer, Tabletten helfen nicht",
            "jetzt ist auch der Nacken steif",
        ),
    ],
)
def test_a_new_sign_read_with_the_urgent_flag_can_make_it_an_emergency(
    conversation: Conversation, language: str, urgent: str, worse: str
) -> None:
    """A stiff neck after a worsening headache is an emergency though neither message says
    so alone: a new alert at the higher level."""
    first, worsened = chat_in(conversation, language, urgent, worse)
    assert first.reply is not None and first.reply.level == "urgent", urgent
    assert worsened.reply is not None and worsened.reply.level == "emergency", worse
    assert worsened.alert is not None and worsened.alert.level == "emergency"


@pytest.mark.parametrize(
    "follow",
    ["what if my neck goes stiff?", "cant i just sleep on it and see how my head is tomorrow"],
)
def test_a_question_or_a_delay_after_an_urgent_flag_stays_urgent(
    conversation: Conversation, follow: str
) -> None:
    first, again = chat(
        conversation, "my headache since botox is getting worse and tablets dont help", follow
    )
    assert first.reply is not None and first.reply.level == "urgent"
    assert again.reply is not None and again.reply.level == "urgent", follow
    assert again.alert is None


def test_after_an_urgent_flag_the_route_is_the_clinic(conversation: Conversation) -> None:
    _, again = chat(conversation, "my eyelid is drooping since yesterday", "is that normal?")
    reply = again.reply
    assert reply is not None and reply.level == "urgent"
    assert reply.text.startswith("Please contact your practitioner today.")
    assert "020 7946 0000" in reply.text
    assert again.alert is None


def test_a_worsening_raises_a_new_alert(conversation: Conversation) -> None:
    urgent, worse, same = chat(
        conversation,
        "my eyelid is drooping",
        "and now i find it hard to swallow",
        "i still cant swallow",
    )
    assert urgent.alert is not None and urgent.alert.level == "urgent"
    assert worse.alert is not None and worse.alert.level == "emergency"
    assert same.reply is not None and same.reply.level == "emergency"
    assert same.alert is None  # nothing new: no duplicate


def test_a_lesser_flag_during_an_emergency_keeps_one_level(conversation: Conversation) -> None:
    _, lesser = chat(conversation, "i cant breathe properly", "my eyelid is drooping too")
    reply = lesser.reply
    assert reply is not None and reply.level == "emergency"
    assert "today" not in reply.text.split("\n")[0]
    assert lesser.alert is not None  # a flag the staff have not heard of yet


def test_the_escalation_is_remembered_for_a_day_not_longer(conversation: Conversation) -> None:
    memory = EscalationMemory("urgent", ("U1_eyelid_brow_droop",), NOW, alerted=True)
    state = PatientState(dialogue=DialogueState(escalation=memory))
    soon = conversation.handle(
        TypedQuestion("can i go to the gym?"), state, NOW + timedelta(hours=20)
    )
    later = conversation.handle(
        TypedQuestion("can i go to the gym?"), state, NOW + timedelta(hours=25)
    )
    assert soon.reply is not None and soon.reply.level == "urgent"
    assert later.reply is not None and later.reply.topic == "exercise_gym"


def test_a_button_after_a_red_flag_gets_the_advice(conversation: Conversation) -> None:
    from bot.core.conversation import TopicChosen

    memory = EscalationMemory("emergency", ("E1_swallowing",), NOW, alerted=True)
    state = PatientState(dialogue=DialogueState(escalation=memory))
    outcome = conversation.handle(TopicChosen("exercise_gym"), state, NOW)
    assert outcome.reply is not None and outcome.reply.level == "emergency"


# ---- escalation replies ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "my eyelid is drooping",
        "cant swallow and my eyelid droops and there is pus",
        "my vision is blurry and the pain is severe",
        "my face feels tight and im a bit wheezy",
    ],
)
def test_an_escalation_reply_is_one_level_short_and_action_first(
    responder: Responder, text: str
) -> None:
    reply = responder.respond(text, now=NOW)
    assert reply.kind == "escalation"
    paragraphs = reply.text.split("\n\n")
    english = next(p for p in paragraphs if p.startswith(("Call 999", "Please contact")))
    pointer = paragraphs[-1]
    assert len(f"{english} {pointer}".split()) <= 100  # about 80, the route included
    assert reply.text.split("\n")[0] == to_html_first(reply)  # the action line comes first
    if reply.level == "emergency":
        assert english.startswith("Call 999 now.")
        assert "needs to check it today" not in reply.text  # one level per reply
    else:
        assert english.startswith("Please contact your practitioner today.")


def to_html_first(reply: object) -> str:
    """The bold first line of the reply's HTML, as plain text."""
    html = getattr(reply, "html", "")
    return str(html.split("\n")[0].removeprefix("<b>").removesuffix("</b>"))


# ---- treatment time ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "said_at", "hour", "minute", "days_back"),
    [
        ("had it done this morning", time(9, 50), 9, 50, 0),  # before 10:00: not last night
        ("this afternoon", time(14, 20), 14, 20, 0),
        ("this evening", time(22, 0), 19, 0, 0),
        ("at lunchtime", time(12, 10), 12, 10, 0),
    ],
)
def test_a_part_of_the_day_is_never_later_than_now(
    knowledge_words: TreatmentTime, text: str, said_at: time, hour: int, minute: int, days_back: int
) -> None:
    """ "this morning" said at 9:50 was at 9:50 at the latest: taking it as 10:00 moved it to
    yesterday, and the 24-hour wait for the gym ended "today at 10am", 10 minutes away."""
    now = datetime.combine(NOW.date(), said_at, tzinfo=NOW.tzinfo)
    found = knowledge_words.find(text, now)
    assert found is not None and found[1] is not None
    assert (found[1].hour, found[1].minute) == (hour, minute)
    assert found[0] == (now - timedelta(days=days_back)).date()


@pytest.mark.parametrize(
    ("text", "hour", "minute", "days_back"),
    [
        ("2 hours ago", 12, 0, 0),
        ("this morning", 10, 0, 0),
        ("at 5pm", 17, 0, 1),  # said at 14:00: 5pm today is still to come
        ("at 11:30", 11, 30, 0),
        ("yesterday at 17:30", 17, 30, 1),
        ("hace 3 horas", 11, 0, 0),
        ("vor 2 Stunden", 12, 0, 0),
        ("il y a 2 heures", 12, 0, 0),
        ("2 ore fa", 12, 0, 0),
        ("há 2 horas", 12, 0, 0),
    ],
)
def test_treatment_times_are_read(
    knowledge_words: TreatmentTime, text: str, hour: int, minute: int, days_back: int
) -> None:
    found = knowledge_words.find(text, NOW)
    assert found is not None
    day, moment = found
    assert moment is not None
    assert (moment.hour, moment.minute) == (hour, minute)
    assert day == (NOW - timedelta(days=days_back)).date()


@pytest.fixture(scope="module")
def knowledge_words(conversation: Conversation) -> TreatmentTime:
    return conversation.times


def test_a_time_said_in_passing_is_used_and_saved(conversation: Conversation) -> None:
    (outcome,) = chat(conversation, "had it done 2 hours ago, can i lie down yet?")
    assert topics(outcome) == ("stay_upright_lying_down",)
    assert outcome.reply is not None and "not yet" in outcome.reply.text
    assert outcome.change is not None and outcome.change.treated_at == NOW - timedelta(hours=2)


def test_today_assumes_just_now_and_says_so(conversation: Conversation) -> None:
    outcome = conversation.handle(TreatedToday(), PatientState(), NOW)
    assert outcome.change is not None and outcome.change.treated_at == NOW
    assert outcome.reply is not None and "assumed" in outcome.reply.text
    assert "14:00" in outcome.reply.text
    typed = conversation.handle(TypedDate("at 5pm"), PatientState(), NOW + timedelta(hours=4))
    assert typed.change is not None and typed.change.treated_at is not None
    assert typed.change.treated_at.hour == 17
    # At 19:00 after a 17:00 appointment, lying down is "not yet" (the example).
    state = apply_change(PatientState(), typed)
    later = conversation.handle(TypedQuestion("can i lie down"), state, NOW + timedelta(hours=5))
    assert later.reply is not None and "not yet" in later.reply.text


# ---- the dev dialogue set ---------------------------------------------------------------


def test_the_dev_dialogue_set_meets_the_targets(conversation: Conversation) -> None:
    report = evaluate_dialogues(conversation, load_dialogues(DATA / "dialogues_dev.jsonl"))
    kept, kept_total = report.escalation_kept
    follow, follow_total = report.followups
    multi, multi_total = report.multi_question
    false, _ = report.added_false_escalations  # single messages are triage's own sets
    assert kept == kept_total
    # The targets are 90% and 85% on blind sets; the dev set keeps a margin for the
    # understanding model's retraining, which moves single-message answers a little.
    assert follow / follow_total >= 0.85
    assert multi / multi_total >= 0.85
    assert false == 0


def test_a_timed_answer_says_what_it_assumes_or_asks(conversation: Conversation) -> None:
    (unknown,) = chat(conversation, "can i lie down now?")
    assert unknown.reply is not None and "when you were treated" in unknown.reply.text
    dated = PatientState(treatment=Treatment(NOW.date()))  # a date, no time
    outcome = conversation.handle(TypedQuestion("can i lie down now?"), dated, NOW)
    assert outcome.reply is not None and "assumed" in outcome.reply.text
    assert "12:00" in outcome.reply.text
    timed = PatientState(treatment=Treatment(NOW.date(), NOW - timedelta(hours=1)))
    outcome = conversation.handle(TypedQuestion("can i lie down now?"), timed, NOW)
    assert outcome.reply is not None and "assumed" not in outcome.reply.text
    assert "not yet" in outcome.reply.text
