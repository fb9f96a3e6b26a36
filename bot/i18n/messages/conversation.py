"""Messages of the report conversation: the details form of **Report message**, questions to
reporters and their answers, internal notes, `/my reports`, and DMs that belong to no case."""

MESSAGES = {
    # -- Report message: category and details in one form --------------------------------------------
    "conv.report_form.title": {"en": "Report this message", "ur": "یہ پیغام رپورٹ کریں"},
    "conv.report_form.category": {"en": "What is wrong with it?", "ur": "اس میں کیا غلط ہے؟"},
    "conv.report_form.details": {"en": "Details (optional)", "ur": "تفصیل (اختیاری)"},
    "conv.report_form.details_hint": {
        "en": "Why you are reporting it, where else you saw it. Moderators do not see your name.",
        "ur": "آپ یہ کیوں رپورٹ کر رہے ہیں، اور کہاں کہاں دیکھا۔ ماڈریٹر آپ کا نام نہیں دیکھتے۔",
    },
    # -- asking reporters ----------------------------------------------------------------------------
    "conv.button.ask": {"en": "Ask reporters", "ur": "رپورٹ کرنے والوں سے پوچھیں"},
    "conv.button.note": {"en": "Internal note", "ur": "اندرونی نوٹ"},
    "conv.ask_form.title": {"en": "Ask the reporters of {ref}", "ur": "{ref} کے رپورٹ کرنے والوں سے پوچھیں"},
    "conv.ask_form.question": {"en": "Your question", "ur": "آپ کا سوال"},
    "conv.ask_form.question_hint": {
        "en": "Sent by DM to every reporter, signed as the moderators (never your name)",
        "ur": "ہر رپورٹ کرنے والے کو براہِ راست پیغام میں جائے گا، ماڈریٹروں کی طرف سے (آپ کا نام نہیں)",
    },
    "conv.note_form.title": {"en": "Internal note on {ref}", "ur": "{ref} پر اندرونی نوٹ"},
    "conv.note_form.note": {"en": "Note (moderators only)", "ur": "نوٹ (صرف ماڈریٹروں کے لیے)"},
    "conv.note_form.note_hint": {
        "en": "Kept on the case; never sent to reporters",
        "ur": "کیس پر محفوظ رہے گا؛ رپورٹ کرنے والوں کو کبھی نہیں بھیجا جائے گا",
    },
    "conv.asked": {
        "en": "Your question on **{ref}** went to {reached} of {total:reporter|reporters}.",
        "ur": "**{ref}** پر آپ کا سوال {total:رپورٹ کرنے والے|رپورٹ کرنے والوں} میں سے {reached} تک پہنچا۔",
    },
    "conv.asked_closed": {
        "en": "{closed:reporter does|reporters do} not accept DMs from the bot; they can still answer with "
              "`/my reports`.",
        "ur": "{closed:رپورٹ کرنے والے|رپورٹ کرنے والوں} کے براہِ راست پیغامات بوٹ کے لیے بند ہیں؛ وہ پھر بھی `/my reports` سے جواب دے سکتے ہیں۔",
    },
    "conv.noted": {"en": "Note kept on **{ref}** (moderators only).",
                   "ur": "**{ref}** پر نوٹ محفوظ ہو گیا (صرف ماڈریٹروں کے لیے)۔"},
    "conv.empty": {"en": "Please write something first.", "ur": "براہِ کرم پہلے کچھ لکھیں۔"},
    "conv.too_long": {"en": "That is too long (more than {limit:character|characters}).",
                      "ur": "یہ بہت لمبا ہے ({limit:حرف|حروف} سے زیادہ)۔"},
    # -- what reporters receive ----------------------------------------------------------------------
    "conv.dm.question": {
        "en": "**The moderators of {community}** have a question about your report **{ref}**:\n>>> {text}",
        "ur": "**{community} کے ماڈریٹر** آپ کی رپورٹ **{ref}** کے بارے میں پوچھ رہے ہیں:\n>>> {text}",
    },
    "conv.dm.how_to_answer": {
        "en": "Answer by replying here (start with {ref} if you have more than one report open), or with "
              "**Reply** in `/my reports`. The moderators do not see your name.",
        "ur": "یہیں جواب لکھ دیں (اگر آپ کی ایک سے زیادہ رپورٹیں کھلی ہیں تو شروع میں {ref} لکھیں)، یا `/my reports` میں **Reply** دبائیں۔ ماڈریٹر آپ کا نام نہیں دیکھتے۔",
    },
    "conv.dm.received": {
        "en": "Thank you. Your answer was added to case **{ref}** for the moderators of {community}.",
        "ur": "شکریہ۔ آپ کا جواب {community} کے ماڈریٹروں کے لیے کیس **{ref}** میں شامل کر دیا گیا۔",
    },
    "conv.dm.received_late": {
        "en": "Thank you. Case **{ref}** is already closed, but your message was kept on it and the moderators "
              "of {community} can read it.",
        "ur": "شکریہ۔ کیس **{ref}** بند ہو چکا ہے، لیکن آپ کا پیغام اس پر محفوظ کر لیا گیا ہے اور {community} کے "
              "ماڈریٹر اسے پڑھ سکتے ہیں۔",
    },
    "conv.dm.help": {
        "en": "Hi! I am Baithak, the community bot. This chat is not linked to any report of yours. To report "
              "something, use **Report message** on a message or `/report` in the server; `/my reports` lists your "
              "reports; `/help` shows everything I can do.",
        "ur": "السلام علیکم! میں بیٹھک ہوں، کمیونٹی بوٹ۔ یہ گفتگو آپ کی کسی رپورٹ سے منسلک نہیں۔ کچھ رپورٹ کرنا ہو تو سرور میں کسی پیغام پر **Report message** یا `/report` استعمال کریں؛ `/my reports` میں آپ کی رپورٹیں ہیں؛ `/help` میں میرے سب کام۔",
    },
    "conv.dm.which_case": {
        "en": "You have more than one report with questions from moderators ({refs}). Start your message with "
              "the case reference, e.g. `{example} your answer`.",
        "ur": "آپ کی ایک سے زیادہ رپورٹوں پر ماڈریٹروں کے سوال ہیں ({refs})۔ پیغام کے شروع میں کیس نمبر لکھیں، مثلاً `{example} آپ کا جواب`۔",
    },
    # -- the thread under the card -------------------------------------------------------------------
    "conv.thread.name": {"en": "{ref} conversation", "ur": "{ref} گفتگو"},
    "conv.thread.question": {"en": "**Moderators → reporters** ({moderator}):\n{text}",
                             "ur": "**ماڈریٹر ← رپورٹ کرنے والے** ({moderator}):\n{text}"},
    "conv.thread.answer": {"en": "**Reporter {number}**:\n{text}", "ur": "**رپورٹ کرنے والا {number}**:\n{text}"},
    "conv.thread.late_answer": {"en": "**Reporter {number}** (late reply, the case is closed):\n{text}",
                                "ur": "**رپورٹ کرنے والا {number}** (دیر سے جواب، کیس بند ہے):\n{text}"},
    "conv.thread.note": {"en": "**Internal note** ({moderator}):\n{text}",
                         "ur": "**اندرونی نوٹ** ({moderator}):\n{text}"},
    # -- history in /reports show --------------------------------------------------------------------
    "conv.history": {"en": "Conversation and notes", "ur": "گفتگو اور نوٹس"},
    "conv.history.question": {"en": "{when} · {actor} asked reporters: {text}",
                              "ur": "{when} · {actor} نے رپورٹ کرنے والوں سے پوچھا: {text}"},
    "conv.history.answer": {"en": "{when} · Reporter {number}: {text}",
                            "ur": "{when} · رپورٹ کرنے والا {number}: {text}"},
    "conv.history.late_answer": {"en": "{when} · Reporter {number} (late reply): {text}",
                                 "ur": "{when} · رپورٹ کرنے والا {number} (دیر سے جواب): {text}"},
    "conv.history.note": {"en": "{when} · {actor} noted: {text}", "ur": "{when} · {actor} کا نوٹ: {text}"},
    # -- /my reports ---------------------------------------------------------------------------------
    "conv.mine.title": {"en": "Your reports in {community}", "ur": "{community} میں آپ کی رپورٹیں"},
    "conv.mine.empty": {"en": "You have not reported anything here.", "ur": "آپ نے یہاں کچھ رپورٹ نہیں کیا۔"},
    "conv.mine.line": {"en": "**{ref}** · {category} · {status} · reported {when}{asked}",
                       "ur": "**{ref}** · {category} · {status} · رپورٹ {when}{asked}"},
    "conv.mine.asked": {"en": " · the moderators asked you something", "ur": " · ماڈریٹروں نے آپ سے کچھ پوچھا ہے"},
    "conv.mine.reply": {"en": "Reply on {ref}", "ur": "{ref} پر جواب"},
    "conv.reply_form.title": {"en": "Your message on {ref}", "ur": "{ref} پر آپ کا پیغام"},
    "conv.reply_form.text": {"en": "Message to the moderators", "ur": "ماڈریٹروں کے لیے پیغام"},
    "conv.reply_form.hint": {"en": "They see it as from \"a reporter\", never your name",
                             "ur": "وہ اسے \"رپورٹ کرنے والے\" کی طرف سے دیکھیں گے، آپ کا نام کبھی نہیں"},
    "conv.community_fallback": {"en": "your community", "ur": "آپ کی کمیونٹی"},
    "conv.not_your_case": {"en": "That is not one of your reports.", "ur": "یہ آپ کی رپورٹ نہیں۔"},
    # -- snippets ------------------------------------------------------------------------------------
    "conv.snippet.added": {"en": "Snippet **{name}** saved. Pick it when asking reporters, resolving or dismissing.",
                           "ur": "محفوظ جواب **{name}** رکھ لیا گیا۔ رپورٹ کرنے والوں سے پوچھتے، حل کرتے یا مسترد کرتے وقت اسے چنیں۔"},
    "conv.snippet.removed": {"en": "Snippet **{name}** removed.", "ur": "محفوظ جواب **{name}** ہٹا دیا گیا۔"},
    "conv.snippet.none": {"en": "No snippets yet. Add one with `/reports snippet add`.",
                          "ur": "ابھی کوئی محفوظ جواب نہیں۔ `/reports snippet add` سے شامل کریں۔"},
    "conv.snippet.title": {"en": "Snippets ({count})", "ur": "محفوظ جوابات ({count})"},
    "conv.snippet.exists": {"en": "There is already a snippet called **{name}**. Remove it first or pick another name.",
                            "ur": "**{name}** نام کا محفوظ جواب پہلے سے موجود ہے۔ پہلے اسے ہٹائیں یا کوئی اور نام چنیں۔"},
    "conv.snippet.unknown": {"en": "There is no snippet called **{name}**. See `/reports snippet list`.",
                             "ur": "**{name}** نام کا کوئی محفوظ جواب نہیں۔ `/reports snippet list` دیکھیں۔"},
    "conv.snippet.bad_name": {
        "en": "A snippet name is one word of letters, digits or dashes, at most {limit:character|characters}, e.g. `need-link`.",
        "ur": "محفوظ جواب کا نام حروف، ہندسوں یا ڈیش کا ایک لفظ ہو، زیادہ سے زیادہ {limit:حرف|حروف}، مثلاً `need-link`۔",
    },
    "conv.snippet.full": {"en": "This server already has {limit} snippets, the most it can keep. Remove one first.",
                          "ur": "اس سرور میں پہلے ہی {limit} محفوظ جوابات ہیں، جو زیادہ سے زیادہ حد ہے۔ پہلے ایک ہٹائیں۔"},
    "conv.snippet.pick": {"en": "Snippet (optional)", "ur": "محفوظ جواب (اختیاری)"},
    "conv.snippet.pick_placeholder": {"en": "Start from a saved reply", "ur": "کسی محفوظ جواب سے شروع کریں"},
    # -- actions from the card ------------------------------------------------------------------------
    "conv.thread.action": {"en": "**Action** ({moderator}): {text}", "ur": "**کارروائی** ({moderator}): {text}"},
    "conv.history.action": {"en": "{when} · {actor}: {text}", "ur": "{when} · {actor}: {text}"},
    "actions.button.delete": {"en": "Delete message", "ur": "پیغام حذف کریں"},
    "actions.button.timeout": {"en": "Time out author", "ur": "لکھنے والے کو ٹائم آؤٹ"},
    "actions.button.warn": {"en": "Warn author", "ur": "لکھنے والے کو تنبیہ"},
    "actions.offer": {"en": "**{ref}** is resolved as actioned. Act on the reported message now?",
                      "ur": "**{ref}** کارروائی کے ساتھ حل ہو گیا۔ کیا رپورٹ شدہ پیغام پر ابھی کارروائی کریں؟"},
    "actions.form.delete": {"en": "Delete the message reported in {ref}?", "ur": "{ref} میں رپورٹ شدہ پیغام حذف کریں؟"},
    "actions.form.timeout": {"en": "Time out the author of {ref}?", "ur": "{ref} کے لکھنے والے کو ٹائم آؤٹ کریں؟"},
    "actions.form.warn": {"en": "Warn the author of {ref} by DM?", "ur": "{ref} کے لکھنے والے کو تنبیہ کا پیغام بھیجیں؟"},
    "actions.form.reason": {"en": "Reason (kept in the case history)", "ur": "وجہ (کیس کی تاریخ میں محفوظ)"},
    "actions.form.reason_hint": {"en": "Why, for the other moderators", "ur": "کیوں، دوسرے ماڈریٹروں کے لیے"},
    "actions.form.duration": {"en": "For how long?", "ur": "کتنی دیر کے لیے؟"},
    "actions.form.warning": {"en": "Warning sent to the author", "ur": "لکھنے والے کو بھیجی جانے والی تنبیہ"},
    "actions.form.warning_hint": {"en": "Sent by DM, signed by the moderators", "ur": "براہِ راست پیغام میں جائے گی، ماڈریٹروں کی طرف سے"},
    "actions.duration.600": {"en": "10 minutes", "ur": "10 منٹ"},
    "actions.duration.3600": {"en": "1 hour", "ur": "1 گھنٹہ"},
    "actions.duration.21600": {"en": "6 hours", "ur": "6 گھنٹے"},
    "actions.duration.86400": {"en": "1 day", "ur": "1 دن"},
    "actions.duration.259200": {"en": "3 days", "ur": "3 دن"},
    "actions.duration.604800": {"en": "7 days", "ur": "7 دن"},
    "actions.warning": {
        "en": "**A warning from the moderators of {community}** about your message {link}:\n>>> {text}",
        "ur": "**{community} کے ماڈریٹروں کی طرف سے تنبیہ**، آپ کے پیغام {link} کے بارے میں:\n>>> {text}",
    },
    "actions.done.delete": {"en": "The message reported in **{ref}** was deleted.",
                            "ur": "**{ref}** میں رپورٹ شدہ پیغام حذف کر دیا گیا۔"},
    "actions.done.delete_gone": {"en": "The message reported in **{ref}** was already gone.",
                                 "ur": "**{ref}** میں رپورٹ شدہ پیغام پہلے ہی ہٹ چکا تھا۔"},
    "actions.done.timeout": {"en": "The author of **{ref}** is timed out for {duration}.",
                             "ur": "**{ref}** کے لکھنے والے کو {duration} کے لیے ٹائم آؤٹ کر دیا گیا۔"},
    "actions.done.author_gone": {"en": "The author of **{ref}** is no longer in the server; nothing was done.",
                                 "ur": "**{ref}** کا لکھنے والا اب سرور میں نہیں؛ کچھ نہیں کیا گیا۔"},
    "actions.done.warn": {"en": "The author of **{ref}** was warned by DM.",
                          "ur": "**{ref}** کے لکھنے والے کو براہِ راست پیغام میں تنبیہ بھیج دی گئی۔"},
    "actions.done.warn_closed": {"en": "The author of **{ref}** does not accept DMs from the bot; the warning was not "
                                       "delivered (kept in the case history).",
                                 "ur": "**{ref}** کا لکھنے والا بوٹ سے براہِ راست پیغامات نہیں لیتا؛ تنبیہ نہیں پہنچی (کیس کی تاریخ میں محفوظ ہے)۔"},
    "actions.record.delete": {"en": "deleted the reported message ({result})", "ur": "رپورٹ شدہ پیغام حذف کیا ({result})"},
    "actions.record.timeout": {"en": "timed out the author for {duration} ({result})",
                               "ur": "لکھنے والے کو {duration} کے لیے ٹائم آؤٹ کیا ({result})"},
    "actions.record.warn": {"en": "warned the author by DM ({result})", "ur": "لکھنے والے کو براہِ راست پیغام میں تنبیہ کی ({result})"},
    "actions.missing_permission": {
        "en": "I cannot do that: I need the **{permission}** permission here. Ask an admin to give it to my role.",
        "ur": "بوٹ یہ نہیں کر سکتا: اسے یہاں **{permission}** کی اجازت چاہیے۔ کسی ایڈمن سے کہیں کہ بوٹ کے رول کو یہ اجازت دے دیں۔",
    },
    "actions.no_target": {"en": "**{ref}** was not reported from a message on this server, so there is nothing to act on.",
                          "ur": "**{ref}** اس سرور کے کسی پیغام سے رپورٹ نہیں ہوا، اس لیے اس پر کوئی کارروائی نہیں ہو سکتی۔"},
    "actions.reason_required": {"en": "Please give a reason.", "ur": "براہِ کرم وجہ لکھیں۔"},
    "actions.bad_duration": {"en": "A timeout lasts from 10 minutes to 7 days.",
                             "ur": "ٹائم آؤٹ 10 منٹ سے 7 دن تک ہو سکتا ہے۔"},
    "actions.unavailable": {"en": "Actions are not available for this platform here.",
                            "ur": "یہاں اس پلیٹ فارم کے لیے کارروائیاں دستیاب نہیں۔"},
    "actions.failed": {"en": "The platform did not accept that action; nothing was recorded. Please try again.",
                       "ur": "پلیٹ فارم نے یہ کارروائی قبول نہیں کی؛ کچھ محفوظ نہیں ہوا۔ دوبارہ کوشش کریں۔"},
}
