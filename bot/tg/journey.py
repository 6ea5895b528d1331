"""Telegram callbacks for the patient journey: treatment date, check-ins, forgetting."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop

from bot.core.checkins import plan_checkins
from bot.core.conversation import CheckinAnswered, TreatedToday, TypedDate
from bot.core.journey import date_example, parse_treatment_date
from bot.core.knowledge import JourneyMessages
from bot.core.replies import to_html
from bot.tg.callbacks import CheckinReply, Forget, TreatedAgo, TreatedArea, decode
from bot.tg.context import BotContext
from bot.tg.keyboards import Keyboards
from bot.tg.outcomes import carry_out, patient_language, state_of
from bot.tg.send import send_text

logger = logging.getLogger(__name__)

AWAITING_DATE = "awaiting_treatment_date"
DEEP_LINK_PREFIX = "treated-"


def _say(context: BotContext, lang: str | None, template: str, **values: str) -> str:
    return context.responder.renderer.speaking(lang).say(template, **values)


async def _tell(
    context: BotContext,
    chat_id: int,
    lang: str | None,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Send ``text``, written in ``lang`` (None: the clinic's first language)."""
    language = context.responder.renderer.speaking(lang).language
    await send_text(context.bot, chat_id, text, language=language, markup=markup)


def _labels(context: BotContext, lang: str | None) -> JourneyMessages:
    """The journey's words in ``lang`` (None: the clinic's first language)."""
    return context.responder.renderer.speaking(lang).messages.journey


def _language(update: Update) -> str | None:
    user = update.effective_user
    return user.language_code if user is not None else None


def _month_first(context: BotContext) -> bool:
    return context.responder.knowledge.clinic.country in {"US", "PH", "CA"}


def _example(context: BotContext) -> str:
    return date_example(_month_first(context))


async def _ask_with_buttons(
    update: Update,
    context: BotContext,
    question: Callable[[JourneyMessages], str],
    buttons: Callable[[Keyboards], InlineKeyboardMarkup],
) -> None:
    """Ask one of the journey's questions with its one-tap answers, in the patient's language."""
    lang = await patient_language(update, context)
    if update.effective_chat is None:
        return
    text = _say(context, lang, question(_labels(context, lang)))
    markup = buttons(context.keyboards.speaking(lang))
    await _tell(context, update.effective_chat.id, lang, text, markup)


async def cmd_treated(update: Update, context: BotContext) -> None:
    """Ask when the treatment was, with one-tap answers."""
    await _ask_with_buttons(update, context, lambda words: words.treated_ask, Keyboards.treated)


async def on_treated_button(update: Update, context: BotContext) -> None:
    lang = await patient_language(update, context)
    query = update.callback_query
    callback = decode(query.data) if query is not None else None
    if query is None or not isinstance(callback, TreatedAgo) or update.effective_chat is None:
        return
    await query.answer()
    journey = _labels(context, lang)
    if callback.days is None:
        if context.user_data is not None:
            context.user_data[AWAITING_DATE] = True
        text = _say(context, lang, journey.treated_pick, example=_example(context))
        await _tell(context, update.effective_chat.id, lang, text)
        return
    if callback.days == 0:
        # "Today": the time is assumed (just now) and said, so the patient can correct it.
        outcome = context.conversation.handle(
            TreatedToday(), state_of(update, None), datetime.now(UTC)
        )
        change = outcome.change
        if change is not None and change.treated_on is not None:
            for reply in outcome.replies:
                await _tell(context, update.effective_chat.id, reply.language, reply.text)
            await save_treatment(
                update, context, change.treated_on, ask_area=True, treated_at=change.treated_at
            )
        return
    today = context.clock.today(datetime.now(UTC))
    await save_treatment(update, context, today - timedelta(days=callback.days), ask_area=True)


async def receive_typed_date(update: Update, context: BotContext) -> bool:
    """When /treated asked for a typed date, read it; True when the message was the date."""
    message = update.effective_message
    if context.user_data is None or not context.user_data.get(AWAITING_DATE):
        return False
    if message is None or message.text is None:
        return False
    event = TypedDate(message.text, month_first=_month_first(context))
    outcome = context.conversation.handle(event, state_of(update, None), datetime.now(UTC))
    if not outcome.handled:
        return False  # a red flag or a question: the ordinary text handler (triage) takes it
    change = outcome.change
    if change is not None and change.treated_on is not None:
        context.user_data.pop(AWAITING_DATE, None)
        for reply in outcome.replies:  # what was assumed about the time, if anything
            if update.effective_chat is not None:
                await _tell(context, update.effective_chat.id, reply.language, reply.text)
        await save_treatment(
            update, context, change.treated_on, ask_area=True, treated_at=change.treated_at
        )
    else:
        await carry_out(update, context, outcome)
    return True


async def save_treatment(
    update: Update,
    context: BotContext,
    treated_on: date,
    *,
    ask_area: bool,
    area: str | None = None,
    treated_at: datetime | None = None,
) -> None:
    """Store the date (and area), plan the check-ins, and tell the patient."""
    lang = await patient_language(update, context)
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    storage = context.storage
    now = datetime.now(UTC)
    patient = await storage.touch_patient(
        context.clinic_id,
        user.id,
        chat_id=chat.id,
        first_name=user.first_name,
        language=user.language_code,
        now=now,
    )
    await storage.set_treatment(context.clinic_id, user.id, treated_on, area, treated_at=treated_at)
    journey = _labels(context, lang)
    if ask_area:
        markup = context.keyboards.speaking(lang).areas()
        await _tell(context, chat.id, lang, _say(context, lang, journey.area_ask), markup)
        return
    await _confirm(context, chat.id, user.id, treated_on, area, patient.checkins_enabled, lang)


async def _confirm(
    context: BotContext,
    chat_id: int,
    user_id: int,
    treated_on: date,
    area: str | None,
    checkins_enabled: bool,
    lang: str | None = None,
) -> None:
    journey = _labels(context, lang)
    days = context.settings.checkin_days
    area_text = f" ({journey.areas.get(area, area).lower()})" if area else ""
    time_words = context.responder.renderer.speaking(lang).messages.time_words
    when = treated_on.strftime(time_words.date_format)
    planned = []
    if checkins_enabled and days:
        clock = context.clock
        planned = plan_checkins(
            treated_on,
            days=days,
            send_at=context.settings.checkin_time,
            tz=clock.zone,
            quiet_hours=clock.quiet_hours,
            now=datetime.now(UTC),
        )
        await context.storage.schedule_checkins(context.clinic_id, user_id, chat_id, planned)
    if planned:
        text = _say(
            context,
            lang,
            journey.saved,
            date=when,
            area=area_text,
            days=", ".join(p.kind.removeprefix("day") for p in planned),
        )
    else:
        text = _say(context, lang, journey.saved_no_checkins, date=when, area=area_text)
    await _tell(context, chat_id, lang, text)


async def on_area_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    user, chat = update.effective_user, update.effective_chat
    callback = decode(query.data) if query is not None else None
    if query is None or not isinstance(callback, TreatedArea) or user is None or chat is None:
        return
    await query.answer()
    area = callback.area
    patient = await context.storage.get_patient(context.clinic_id, user.id)
    if patient is None or patient.treated_on is None:
        await cmd_treated(update, context)
        return
    await context.storage.set_treatment(
        context.clinic_id, user.id, patient.treated_on, area, treated_at=patient.treated_at
    )
    lang = await patient_language(update, context)
    await _confirm(
        context, chat.id, user.id, patient.treated_on, area, patient.checkins_enabled, lang
    )


async def start_with_deep_link(update: Update, context: BotContext) -> bool:
    """``/start treated-2026-11-20`` (a link the clinic hands out) records the date."""
    args = context.args or []
    if not args or not args[0].startswith(DEEP_LINK_PREFIX):
        return False
    found = parse_treatment_date(
        args[0].removeprefix(DEEP_LINK_PREFIX),
        context.clock.today(datetime.now(UTC)),
    )
    if found is None:
        return False
    await save_treatment(update, context, found, ask_area=False)
    return True


async def cmd_stop_checkins(update: Update, context: BotContext) -> None:
    lang = await patient_language(update, context)
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    await context.storage.set_checkins_enabled(context.clinic_id, user.id, False)
    await context.storage.cancel_checkins(context.clinic_id, user.id)
    await _tell(
        context, chat.id, lang, _say(context, lang, _labels(context, lang).checkins_stopped)
    )


async def cmd_forget(update: Update, context: BotContext) -> None:
    """Ask the patient to confirm that everything kept about them is deleted."""
    await _ask_with_buttons(update, context, lambda words: words.forget_confirm, Keyboards.forget)


async def on_forget_button(update: Update, context: BotContext) -> None:
    lang = await patient_language(update, context)
    query = update.callback_query
    user, chat = update.effective_user, update.effective_chat
    if query is None or user is None or chat is None:
        return
    await query.answer()
    journey = _labels(context, lang)
    if isinstance(callback := decode(query.data), Forget) and callback.confirmed:
        removed = await context.storage.forget_patient(context.clinic_id, user.id)
        if context.user_data is not None:
            context.user_data.clear()
        logger.info("patient data deleted on request (%d rows)", removed)
        await _tell(context, chat.id, lang, _say(context, lang, journey.forget_done))
    else:
        await _tell(context, chat.id, lang, _say(context, lang, journey.forget_cancelled))


async def on_checkin_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    if query is None or query.data is None or update.effective_chat is None:
        return
    await query.answer()
    callback = decode(query.data)
    user = update.effective_user
    if user is None or not isinstance(callback, CheckinReply):
        return
    answer = callback.answer
    stored = await context.storage.record_checkin_response(
        callback.checkin_id, answer, datetime.now(UTC), user_id=user.id
    )
    if not stored:
        return  # not this patient's check-in (an old or forged button)
    patient = await context.storage.get_patient(context.clinic_id, user.id)
    outcome = context.conversation.handle(
        CheckinAnswered(answer), state_of(update, patient), datetime.now(UTC)
    )
    await carry_out(update, context, outcome)


async def job_send_checkins(context: BotContext) -> None:
    """The sweep: send every due check-in once, outside quiet hours, even after downtime."""
    now = datetime.now(UTC)
    storage = context.storage
    clock = context.clock
    for checkin in await storage.claim_due_checkins(now):
        allowed = clock.next_allowed_time(now)
        if allowed > now:
            await storage.defer_checkin(checkin.id, allowed)
            continue
        patient = await storage.get_patient(checkin.clinic_id, checkin.user_id)
        day = checkin.kind.removeprefix("day")
        if patient is not None and patient.treated_on is not None:
            day = str(clock.recovery_day(patient.treated_on, now))
        # A check-in has no message to read the language from: the patient's choice, else
        # the Telegram language last seen, else the clinic's first language.
        lang = context.responder.language_for(
            None,
            patient.chosen_language if patient is not None else None,
            patient.language if patient is not None else None,
        )
        text = _say(context, lang, _labels(context, lang).checkin, day=day)
        try:
            await context.bot.send_message(
                chat_id=checkin.chat_id,
                text=to_html(text),
                parse_mode=ParseMode.HTML,
                reply_markup=context.keyboards.speaking(lang).checkin(checkin.id),
            )
        except TelegramError as error:
            logger.warning(
                "check-in %s not sent (%s); will retry", checkin.id, type(error).__name__
            )
            await storage.defer_checkin(
                checkin.id, now + timedelta(minutes=2), error=type(error).__name__
            )
            continue
        await storage.mark_checkin_sent(checkin.id, now)


async def cmd_start(update: Update, context: BotContext) -> None:
    """``/start``: record a treatment date from a clinic's deep link, then greet."""
    from bot.tg.patient import cmd_start as greet

    await greet(update, context)
    if context.bot_data.storage is not None:
        await start_with_deep_link(update, context)


async def on_typed_date(update: Update, context: BotContext) -> None:
    """Runs before the ordinary text handler while /treated waits for a typed date."""
    if await receive_typed_date(update, context):
        raise ApplicationHandlerStop
