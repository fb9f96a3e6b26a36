"""A Telegram supergroup with forum topics: commands are answered in the topic they were sent in, and
/setup run inside a topic makes it the place of the bot's posts (kept across a restart)."""

from __future__ import annotations

import asyncio

from bot.i18n import t


def thread_of(message):  # type: ignore[no-untyped-def]
    return message.thread.id if message.thread is not None else None


async def test_topics(tg) -> None:
    w = tg.world
    news = w.group.create_topic("Announcements", by=w.admin)
    chat = w.group.create_topic("Chai chat", by=w.ali)

    waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.group, lambda m: m.reply_to is not None and m.from_bot,
                                                            timeout=10))
    w.admin.send(w.group, "/setup", topic=news)
    panel = await waiter
    assert thread_of(panel) == news.id and panel.is_topic_message
    assert "now go to the topic «Announcements»" in panel.text

    # A command in another topic is answered there; the announcement goes to the chosen topic.
    waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.group, lambda m: "announced" in m.text, timeout=10))
    w.admin.send(w.group, "/event Chai <b>meetup</b> | tomorrow 6pm", topic=chat)
    reply = await waiter
    assert thread_of(reply) == chat.id
    ann = await tg.fake.wait_for_message(w.group, lambda m: "Going" in m.button_texts, include_existing=True)
    assert thread_of(ann) == news.id and "Chai <b>meetup</b>" in ann.text
    answer = await w.ali.press(ann, "Going")
    assert "going" in answer.text.lower()

    waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.group, lambda m: "Upcoming" in m.text, timeout=10))
    w.ali.send(w.group, "/events", topic=chat)
    assert thread_of(await waiter) == chat.id
    # A refusal is answered in the topic too.
    waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.group, lambda m: "organiser" in m.text.lower(), timeout=10))
    w.ali.send(w.group, "/event_cancel 1", topic=chat)
    assert thread_of(await waiter) == chat.id

    # The guided form asks its questions in the topic it was started in.
    waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.group, lambda m: m.force_reply, timeout=10))
    w.admin.send(w.group, "/event", topic=chat)
    question = await waiter
    assert thread_of(question) == chat.id
    waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.group, lambda m: m.force_reply and "When" in m.text, timeout=10))
    w.admin.reply(question, "Topic talk")
    assert thread_of(await waiter) == chat.id
    waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.group, lambda m: "stopped" in m.text, timeout=10))
    w.admin.send(w.group, "/cancel", topic=chat)
    assert thread_of(await waiter) == chat.id

    # In a topic every message "replies" to the topic's opening message: that is nobody to name.
    waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.group, lambda m: "/organiser add" in m.text, timeout=10))
    w.admin.send(w.group, "/organiser add", topic=chat)
    usage = await waiter
    assert thread_of(usage) == chat.id and "Reply to a message" in usage.text
    assert not await tg.app.telegram.is_organiser(w.group.id, w.ali.id)

    # The chosen topic is kept across a restart.
    await tg.restart_bot()
    waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.group, lambda m: "Second" in m.text and bool(m.buttons),
                                                            timeout=10))
    w.admin.send(w.group, "/event Second | tomorrow 8pm", topic=chat)
    assert thread_of(await waiter) == news.id

    # /setup in General: the bot's posts go to General again (in Urdu, too).
    waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.group, lambda m: "General" in m.text, timeout=10))
    w.admin.send(w.group, "/setup language ur")
    await tg.fake.wait_for_message(w.group, lambda m: "محفوظ" in m.text, timeout=10)
    w.admin.send(w.group, "/setup")
    general = await waiter
    assert thread_of(general) is None and t("ur", "tg.setup.topic_general") in general.text
    waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.group, lambda m: "Third" in m.text and bool(m.buttons),
                                                            timeout=10))
    w.admin.send(w.group, "/event Third | tomorrow 9pm", topic=chat)
    assert thread_of(await waiter) is None


async def test_report_in_a_topic_without_a_reply_reports_nothing(tg) -> None:
    w = tg.world
    await tg.setup_group()
    chat = w.group.create_topic("Chai chat", by=w.ali)
    said = w.ali.send(w.group, "a message in the topic", topic=chat)
    # Sara never started the bot: the start link is posted in the topic the command was sent in.
    waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.group, lambda m: "private chat" in m.text, timeout=10))
    command = w.sara.send(w.group, "/report", topic=chat)
    hint = await waiter
    assert thread_of(hint) == chat.id
    await tg.fake.wait_for_deletion(command)
    # Zainab gets the usage privately: no case was opened about the topic's opening message.
    waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.zainab, lambda m: "reply to it with /report" in m.text,
                                                            timeout=10))
    w.zainab.send(w.group, "/report", topic=chat)
    await waiter
    assert await tg.app.telegram.form(w.zainab.id, w.zainab.id) is None
    # A real reply inside the topic reports that message.
    waiter = asyncio.ensure_future(tg.fake.wait_for_message(w.zainab, lambda m: bool(m.buttons), timeout=10))
    w.zainab.reply(said, "/report")
    picker = await waiter
    assert picker.buttons
