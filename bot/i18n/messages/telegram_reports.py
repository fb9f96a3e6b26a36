"""Telegram's words for the moderators' report commands, the case card's conversation and actions,
and /factcheck (commands have no options on Telegram, so usages and reply prompts stand in)."""

MESSAGES = {
    # -- command menu ------------------------------------------------------------------------------
    "tg.command.reports_queue": {"en": "Cases waiting for moderators (moderators' group)",
                                 "ur": "ماڈریٹروں کے منتظر کیس (ماڈریٹروں کا گروپ)"},
    "tg.command.reports_show": {"en": "A case's card, evidence and history (moderators' group)",
                                "ur": "کسی کیس کا کارڈ، ثبوت اور تاریخچہ (ماڈریٹروں کا گروپ)"},
    "tg.command.reports_stats": {"en": "Report counts and times (moderators' group)",
                                 "ur": "رپورٹوں کی گنتی اور اوقات (ماڈریٹروں کا گروپ)"},
    "tg.command.reports_export": {"en": "Cases as a CSV or JSON file (moderators' group)",
                                  "ur": "کیس CSV یا JSON فائل میں (ماڈریٹروں کا گروپ)"},
    "tg.command.my_reports": {"en": "Your reports, their status, and a way to answer",
                              "ur": "آپ کی رپورٹیں، ان کی صورتِ حال، اور جواب دینے کا طریقہ"},
    "tg.command.factcheck": {"en": "Fact-checks: search, list, show", "ur": "حقائق کی جانچ: تلاش، فہرست، تفصیل"},

    # -- /reports_* ---------------------------------------------------------------------------------
    "tg.reports.mods_group_only": {
        "en": "Use this in the moderators' group (the group linked with the code /setup shows).",
        "ur": "یہ ماڈریٹروں کے گروپ میں استعمال کریں (وہ گروپ جو /setup میں دکھائے گئے کوڈ سے جوڑا گیا)۔",
    },
    "tg.reports.queue_usage": {
        "en": "`{value}` is neither a status nor a category. For example: /reports_queue, /reports_queue new, "
              "/reports_queue open misinformation. Statuses: open, {statuses}. Categories: {categories}.",
        "ur": "`{value}` نہ صورتِ حال ہے نہ زمرہ۔ مثلاً: /reports_queue، /reports_queue new، "
              "/reports_queue open misinformation۔ صورتِ حال: open، {statuses}۔ زمرے: {categories}۔",
    },
    "tg.reports.show_usage": {"en": "Write the case's reference: /reports_show R-12",
                              "ur": "کیس کا حوالہ لکھیں: /reports_show R-12"},
    "tg.reports.stats_usage": {"en": "`{value}` is not a number of days from 1 to 3650: /reports_stats 30",
                               "ur": "`{value}` 1 سے 3650 تک دنوں کی تعداد نہیں: /reports_stats 30"},
    "tg.reports.export_usage": {
        "en": "Too many words. For example: /reports_export, /reports_export json, /reports_export csv 7d, "
              "/reports_export 2026-01-31.",
        "ur": "الفاظ زیادہ ہیں۔ مثلاً: /reports_export، /reports_export json، /reports_export csv 7d، "
              "/reports_export 2026-01-31۔",
    },
    "tg.reports.snippet_usage": {
        "en": "/reports_snippet add need-link Please send us the link to the post · /reports_snippet list · "
              "/reports_snippet remove need-link",
        "ur": "/reports_snippet add need-link براہِ کرم پوسٹ کا لنک بھیجیں · /reports_snippet list · "
              "/reports_snippet remove need-link",
    },
    "tg.reports.snippet_hint": {
        "en": "Saved replies: {names} (start your reply with one to use it; text after it is added).",
        "ur": "محفوظ جوابات: {names} (استعمال کے لیے جواب انہی میں سے کسی سے شروع کریں؛ بعد کا متن ساتھ جڑ جائے گا)۔",
    },
    "tg.command.reports_snippet": {"en": "Saved replies for moderators: add, list, remove",
                                   "ur": "ماڈریٹروں کے محفوظ جوابات: شامل کریں، فہرست، ہٹائیں"},
    "tg.reports.mine_where": {
        "en": "I don't know which community you mean yet. Write or press something in your group first, then "
              "send /my_reports again.",
        "ur": "مجھے ابھی معلوم نہیں کہ آپ کس کمیونٹی کی بات کر رہے ہیں۔ پہلے اپنے گروپ میں کچھ لکھیں یا کوئی بٹن "
              "دبائیں، پھر دوبارہ /my_reports بھیجیں۔",
    },
    "tg.reports.mine_private": {"en": "Your reports are private: send /my_reports to me in a private chat: {link}",
                                "ur": "آپ کی رپورٹیں نجی ہیں: /my_reports مجھے نجی چیٹ میں بھیجیں: {link}"},

    # -- the conversation and notes, asked with reply prompts ---------------------------------------
    "tg.conv.ask_prompt": {
        "en": "Your question to the reporters of {ref}? Reply to this message. It goes to each of them privately, "
              "signed by the moderators, never your name.",
        "ur": "{ref} کی رپورٹ کرنے والوں سے آپ کا سوال؟ اس پیغام کا جواب دیں۔ یہ ہر ایک کو براہِ راست پیغام میں "
              "ماڈریٹروں کی طرف سے جائے گا، آپ کے نام سے کبھی نہیں۔",
    },
    "tg.conv.note_prompt": {
        "en": "Internal note on {ref}? Reply to this message. It is kept on the case and never sent to anyone.",
        "ur": "{ref} پر اندرونی نوٹ؟ اس پیغام کا جواب دیں۔ یہ کیس پر محفوظ رہے گا اور کسی کو بھیجا نہیں جائے گا۔",
    },
    "tg.conv.reply_prompt": {
        "en": "Your answer on {ref}? Reply to this message. The moderators do not see your name.",
        "ur": "{ref} پر آپ کا جواب؟ اس پیغام کا جواب دیں۔ ماڈریٹر آپ کا نام نہیں دیکھتے۔",
    },
    "conv.dm.how_to_answer.telegram": {
        "en": "Answer by replying to this message (start with {ref} if you have more than one report open), or "
              "press **Reply** in /my_reports. The moderators do not see your name.",
        "ur": "اس پیغام کا جواب دے کر جواب لکھیں (اگر آپ کی ایک سے زیادہ رپورٹیں کھلی ہیں تو شروع میں {ref} لکھیں)، یا "
              "/my_reports میں **Reply** دبائیں۔ ماڈریٹر آپ کا نام نہیں دیکھتے۔",
    },

    # -- actions on the reported message -------------------------------------------------------------
    "tg.action.ask_delete": {
        "en": "Why delete the reported message of {ref}? Reply to this message (kept in the case's history).",
        "ur": "{ref} کا رپورٹ شدہ پیغام کیوں حذف کیا جائے؟ اس پیغام کا جواب دیں (کیس کی تاریخچے میں محفوظ رہے گا)۔",
    },
    "tg.action.pick_duration": {"en": "How long should the author of {ref} be timed out?",
                                "ur": "{ref} کے لکھنے والے کو کتنی دیر کے لیے ٹائم آؤٹ کیا جائے؟"},
    "tg.action.ask_timeout": {
        "en": "Why time out the author of {ref} for {duration}? Reply to this message (kept in the case's history). "
              "They cannot send anything in the group until it ends.",
        "ur": "{ref} کے لکھنے والے کو {duration} کے لیے ٹائم آؤٹ کیوں کیا جائے؟ اس پیغام کا جواب دیں (کیس کی تاریخچے "
              "میں محفوظ رہے گا)۔ اس دوران وہ گروپ میں کچھ نہیں بھیج سکیں گے۔",
    },
    "tg.actions.missing_permission": {
        "en": "I cannot do that: I need the admin right **{permission}** in the group. Ask a group admin to give it to me.",
        "ur": "بوٹ یہ نہیں کر سکتا: اسے گروپ میں ایڈمن کا اختیار **{permission}** چاہیے۔ گروپ کے کسی ایڈمن سے کہیں کہ بوٹ کو یہ اختیار دے دیں۔",
    },
    "tg.action.ask_warn": {
        "en": "The warning for the author of {ref}? Reply to this message: it is sent to them privately, "
              "signed by the moderators.",
        "ur": "{ref} کے لکھنے والے کے لیے تنبیہ؟ اس پیغام کا جواب دیں: یہ انہیں براہِ راست پیغام میں ماڈریٹروں "
              "کی طرف سے بھیجی جائے گی۔",
    },

    # -- /factcheck -------------------------------------------------------------------------------
    "tg.factcheck.usage": {
        "en": "/factcheck search words · /factcheck list [verdict] · /factcheck show F-1\n"
              "Moderators: /factcheck publish R-12 (a guided form) · /factcheck correct F-1 [verdict] note · "
              "/factcheck withdraw F-1 reason\nVerdicts: false, misleading, missing_context, true, unverified.",
        "ur": "/factcheck search الفاظ · /factcheck list [فیصلہ] · /factcheck show F-1\n"
              "ماڈریٹر: /factcheck publish R-12 (مرحلہ وار فارم) · /factcheck correct F-1 [فیصلہ] نوٹ · "
              "/factcheck withdraw F-1 وجہ\nفیصلے: false، misleading، missing_context، true، unverified۔",
    },
    "tg.factcheck.pick_verdict": {"en": "A fact-check for {ref}: what is the verdict?",
                                  "ur": "{ref} کی حقائق کی جانچ: فیصلہ کیا ہے؟"},
    "tg.factcheck.ask_summary": {
        "en": "The verdict for {ref}: {verdict}. Now what is true, briefly? Reply to this message (up to 1500 characters).",
        "ur": "{ref} کا فیصلہ: {verdict}۔ اب مختصراً بتائیں کہ درست کیا ہے؟ اس پیغام کا جواب دیں (زیادہ سے زیادہ 1500 حروف)۔",
    },
    "tg.factcheck.ask_sources": {
        "en": "Sources for {ref}: up to 5 links separated by spaces, or - for none. Reply to this message.",
        "ur": "{ref} کے ماخذ: زیادہ سے زیادہ 5 لنک، خالی جگہ سے الگ، یا نہ ہوں تو -۔ اس پیغام کا جواب دیں۔",
    },
    "tg.factcheck.confirm": {
        "en": "Publish this fact-check for {ref}? It is posted with the resources and every reporter is told.\n"
              "Verdict: {verdict}\n{summary}\nSources: {sources}",
        "ur": "{ref} کی یہ حقائق کی جانچ شائع کریں؟ یہ وسائل کے ساتھ پوسٹ ہو گی اور ہر رپورٹ کرنے والے کو بتایا جائے گا۔\n"
              "فیصلہ: {verdict}\n{summary}\nماخذ: {sources}",
    },
    "tg.factcheck.no_sources": {"en": "none", "ur": "کوئی نہیں"},
    "tg.factcheck.button.publish": {"en": "Publish", "ur": "شائع کریں"},
    "tg.factcheck.dropped": {"en": "Fact-check dropped; nothing was published.",
                             "ur": "حقائق کی جانچ چھوڑ دی گئی؛ کچھ شائع نہیں ہوا۔"},
}
