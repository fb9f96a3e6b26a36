"""Messages of the report conversation: the details form of **Report message**, questions to
reporters and their answers, internal notes, `/my reports`, and DMs that belong to no case."""

MESSAGES = {
    # -- Report message: category and details in one form --------------------------------------------
    "conv.report_form.title": {"en": "Report this message", "ur": "یہ پیغام رپورٹ کریں"},
    "conv.report_form.category": {"en": "What is wrong with it?", "ur": "اس میں کیا غلط ہے؟"},
    "conv.report_form.details": {"en": "Details (optional)", "ur": "تفصیل (اختیاری)"},
    "conv.report_form.details_hint": {
        "en": "Why you are reporting it, where else you saw it. Moderators do not see your name.",
        "ur": "آپ یہ کیوں رپورٹ کر رہے ہیں، اور کہاں کہاں دیکھا۔ موڈریٹرز آپ کا نام نہیں دیکھتے۔",
    },
    # -- asking reporters ----------------------------------------------------------------------------
    "conv.button.ask": {"en": "Ask reporters", "ur": "رپورٹ کرنے والوں سے پوچھیں"},
    "conv.button.note": {"en": "Internal note", "ur": "اندرونی نوٹ"},
    "conv.ask_form.title": {"en": "Ask the reporters of {ref}", "ur": "{ref} کے رپورٹ کرنے والوں سے پوچھیں"},
    "conv.ask_form.question": {"en": "Your question", "ur": "آپ کا سوال"},
    "conv.ask_form.question_hint": {
        "en": "Sent by DM to every reporter, signed as the moderators (never your name)",
        "ur": "ہر رپورٹ کرنے والے کو DM میں جائے گا، موڈریٹرز کی طرف سے (آپ کا نام نہیں)",
    },
    "conv.note_form.title": {"en": "Internal note on {ref}", "ur": "{ref} پر اندرونی نوٹ"},
    "conv.note_form.note": {"en": "Note (moderators only)", "ur": "نوٹ (صرف موڈریٹرز کے لیے)"},
    "conv.note_form.note_hint": {
        "en": "Kept on the case; never sent to reporters",
        "ur": "کیس پر محفوظ رہے گا؛ رپورٹ کرنے والوں کو کبھی نہیں بھیجا جائے گا",
    },
    "conv.asked": {
        "en": "Your question on **{ref}** went to {reached} of {total:reporter|reporters}.",
        "ur": "**{ref}** پر آپ کا سوال {total} میں سے {reached} رپورٹ کرنے والوں تک پہنچا۔",
    },
    "conv.asked_closed": {
        "en": "{closed:reporter does|reporters do} not accept DMs from the bot; they can still answer with "
              "`/my reports`.",
        "ur": "{closed} رپورٹ کرنے والے بوٹ سے DM نہیں لیتے؛ وہ پھر بھی `/my reports` سے جواب دے سکتے ہیں۔",
    },
    "conv.noted": {"en": "Note kept on **{ref}** (moderators only).",
                   "ur": "**{ref}** پر نوٹ محفوظ ہو گیا (صرف موڈریٹرز کے لیے)۔"},
    "conv.empty": {"en": "Please write something first.", "ur": "براہِ کرم پہلے کچھ لکھیں۔"},
    "conv.too_long": {"en": "That is too long (more than {limit} characters).",
                      "ur": "یہ بہت لمبا ہے ({limit} حروف سے زیادہ)۔"},
    # -- what reporters receive ----------------------------------------------------------------------
    "conv.dm.question": {
        "en": "**The moderators of {community}** have a question about your report **{ref}**:\n>>> {text}",
        "ur": "**{community} کے موڈریٹرز** آپ کی رپورٹ **{ref}** کے بارے میں پوچھ رہے ہیں:\n>>> {text}",
    },
    "conv.dm.how_to_answer": {
        "en": "Answer by replying here (start with {ref} if you have more than one report open), or with "
              "**Reply** in `/my reports`. The moderators do not see your name.",
        "ur": "یہیں جواب لکھ دیں (اگر آپ کی ایک سے زیادہ رپورٹس کھلی ہیں تو شروع میں {ref} لکھیں)، یا "
              "`/my reports` میں **Reply** دبائیں۔ موڈریٹرز آپ کا نام نہیں دیکھتے۔",
    },
    "conv.dm.received": {
        "en": "Thank you. Your answer was added to case **{ref}** for the moderators of {community}.",
        "ur": "شکریہ۔ آپ کا جواب {community} کے موڈریٹرز کے لیے کیس **{ref}** میں شامل کر دیا گیا۔",
    },
    "conv.dm.received_late": {
        "en": "Thank you. Case **{ref}** is already closed, but your message was kept on it and the moderators "
              "of {community} can read it.",
        "ur": "شکریہ۔ کیس **{ref}** بند ہو چکا ہے، لیکن آپ کا پیغام اس پر محفوظ کر لیا گیا ہے اور {community} کے "
              "موڈریٹرز اسے پڑھ سکتے ہیں۔",
    },
    "conv.dm.help": {
        "en": "Hi! I am Baithak, the community bot. This chat is not linked to any report of yours. To report "
              "something, use **Report message** on a message or `/report` in the server; `/my reports` lists your "
              "reports; `/help` shows everything I can do.",
        "ur": "السلام علیکم! میں بیٹھک ہوں، کمیونٹی بوٹ۔ یہ گفتگو آپ کی کسی رپورٹ سے منسلک نہیں۔ کچھ رپورٹ کرنا ہو تو "
              "سرور میں کسی پیغام پر **Report message** یا `/report` استعمال کریں؛ `/my reports` میں آپ کی رپورٹس ہیں؛ "
              "`/help` میں میرے سب کام۔",
    },
    "conv.dm.which_case": {
        "en": "You have more than one report with questions from moderators ({refs}). Start your message with "
              "the case reference, e.g. `{example} your answer`.",
        "ur": "آپ کی ایک سے زیادہ رپورٹس پر موڈریٹرز کے سوال ہیں ({refs})۔ پیغام کے شروع میں کیس نمبر لکھیں، "
              "مثلاً `{example} آپ کا جواب`۔",
    },
    # -- the thread under the card -------------------------------------------------------------------
    "conv.thread.name": {"en": "{ref} conversation", "ur": "{ref} گفتگو"},
    "conv.thread.question": {"en": "**Moderators → reporters** ({moderator}):\n{text}",
                             "ur": "**موڈریٹرز ← رپورٹ کرنے والے** ({moderator}):\n{text}"},
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
    "conv.mine.title": {"en": "Your reports in {community}", "ur": "{community} میں آپ کی رپورٹس"},
    "conv.mine.empty": {"en": "You have not reported anything here.", "ur": "آپ نے یہاں کچھ رپورٹ نہیں کیا۔"},
    "conv.mine.line": {"en": "**{ref}** · {category} · {status} · reported {when}{asked}",
                       "ur": "**{ref}** · {category} · {status} · رپورٹ {when}{asked}"},
    "conv.mine.asked": {"en": " · the moderators asked you something", "ur": " · موڈریٹرز نے آپ سے کچھ پوچھا ہے"},
    "conv.mine.reply": {"en": "Reply on {ref}", "ur": "{ref} پر جواب"},
    "conv.reply_form.title": {"en": "Your message on {ref}", "ur": "{ref} پر آپ کا پیغام"},
    "conv.reply_form.text": {"en": "Message to the moderators", "ur": "موڈریٹرز کے لیے پیغام"},
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
        "en": "A snippet name is one word of letters, digits or dashes, at most {limit} characters, e.g. `need-link`.",
        "ur": "محفوظ جواب کا نام حروف، ہندسوں یا ڈیش کا ایک لفظ ہو، زیادہ سے زیادہ {limit} حروف، مثلاً `need-link`۔",
    },
    "conv.snippet.full": {"en": "This server already has {limit} snippets, the most it can keep. Remove one first.",
                          "ur": "اس سرور میں پہلے ہی {limit} محفوظ جوابات ہیں، جو زیادہ سے زیادہ حد ہے۔ پہلے ایک ہٹائیں۔"},
    "conv.snippet.pick": {"en": "Snippet (optional)", "ur": "محفوظ جواب (اختیاری)"},
    "conv.snippet.pick_placeholder": {"en": "Start from a saved reply", "ur": "کسی محفوظ جواب سے شروع کریں"},
}
