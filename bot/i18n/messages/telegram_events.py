"""Messages of the Telegram organisers' event commands, check-in, /my_attendance, /my_timezone and
forum topics (`routers/events_manage.py`, `routers/setup.py`). Keys `tg.<domain key>` replace a shared
text where Telegram's words differ (no command options, a group instead of a server)."""

MESSAGES = {
    # -- the command menu ------------------------------------------------------------------------
    "tg.command.event_edit": {"en": "Change an event: /event_edit 12 when kal 7 baje (organisers)",
                              "ur": "تقریب میں تبدیلی: /event_edit 12 when کل شام 7 بجے (منتظمین)"},
    "tg.command.event_cancel": {"en": "Cancel an event: /event_cancel 12 reason (organisers)",
                                "ur": "تقریب منسوخ کریں: /event_cancel 12 وجہ (منتظمین)"},
    "tg.command.event_checkin_code": {"en": "A check-in code, sent to you privately (organisers)",
                                      "ur": "حاضری کوڈ، آپ کو نجی چیٹ میں (منتظمین)"},
    "tg.command.event_stats": {"en": "Answers, check-ins, no-shows of an event (organisers)",
                               "ur": "کسی تقریب کے جوابات، حاضری اور غیر حاضری (منتظمین)"},
    "tg.command.event_report": {"en": "Attendance over a period, with CSV files (organisers)",
                                "ur": "کسی مدت کی حاضری، CSV فائلوں کے ساتھ (منتظمین)"},
    "tg.command.checkin": {"en": "Check in with the organiser's code: /checkin 123456",
                           "ur": "منتظم کے کوڈ سے حاضری لگائیں: /checkin 123456"},
    "tg.command.my_attendance": {"en": "Events you went to, were late for or missed",
                                 "ur": "وہ تقریبات جن میں آپ گئے، دیر سے پہنچے یا نہ جا سکے"},
    "tg.command.my_timezone": {"en": "Your own time zone: /my_timezone Europe/London",
                               "ur": "آپ کا اپنا ٹائم زون: /my_timezone Europe/London"},
    # -- edit and cancel -------------------------------------------------------------------------
    "tg.event.ref_missing": {"en": "Write the event's number (from its announcement), e.g. 12.",
                             "ur": "تقریب کا نمبر لکھیں (اعلان میں درج)، مثلاً 12۔"},
    "tg.event.unknown": {
        "en": "I found no event `{value}` in this group. Use the number its announcement shows (Event #12).",
        "ur": "اس گروپ میں `{value}` کی کوئی تقریب نہیں ملی۔ اعلان میں درج نمبر لکھیں (تقریب #12)۔",
    },
    "tg.event.nothing_changed": {
        "en": "Nothing to change: that is already how the event stands.",
        "ur": "بدلنے کو کچھ نہیں: تقریب پہلے ہی ایسی ہے۔",
    },
    "tg.event_edit.usage": {
        "en": "Write the event's number, then what to change, one field each between |: "
              "/event_edit 12 when kal shaam 7 baje | capacity 40. Fields: title, when, duration, location, "
              "description, capacity (- removes the limit).",
        "ur": "تقریب کا نمبر لکھیں، پھر جو بدلنا ہے، ہر چیز | سے الگ: "
              "/event_edit 12 when کل شام 7 بجے | capacity 40۔ یہ بدلے جا سکتے ہیں: title، when، duration، "
              "location، description، capacity (- لکھنے سے حد ختم ہو جاتی ہے)۔",
    },
    "tg.event_cancel.usage": {"en": "Write the event's number and, if you like, why: /event_cancel 12 rain expected",
                              "ur": "تقریب کا نمبر اور چاہیں تو وجہ لکھیں: /event_cancel 12 بارش کا امکان"},
    "tg.scope.ask_edit": {
        "en": "Event #{id} **{title}** is one date of a repeating event. Which dates should this change?",
        "ur": "تقریب #{id} **{title}** دہرائی جانے والی تقریب کی ایک تاریخ ہے۔ یہ تبدیلی کن تاریخوں پر لاگو ہو؟",
    },
    "tg.scope.ask_cancel": {
        "en": "Event #{id} **{title}** is one date of a repeating event. Which dates should be cancelled?",
        "ur": "تقریب #{id} **{title}** دہرائی جانے والی تقریب کی ایک تاریخ ہے۔ کون سی تاریخیں منسوخ ہوں؟",
    },
    "tg.scope.button.this": {"en": "This date", "ur": "صرف یہ تاریخ"},
    "tg.scope.button.following": {"en": "This and following", "ur": "یہ اور بعد کی"},
    "tg.scope.button.all": {"en": "All dates to come", "ur": "آنے والی تمام"},
    # -- check-in --------------------------------------------------------------------------------
    "tg.checkin.usage": {"en": "Write the code the organiser gave you: /checkin 123456",
                         "ur": "منتظم کا دیا ہوا کوڈ لکھیں: /checkin 123456"},
    "tg.checkin.no_group": {
        "en": "I don't know which community this is for yet. Send it in your group, or write or press something there first.",
        "ur": "ابھی معلوم نہیں کہ یہ کس کمیونٹی کے لیے ہے۔ اسے اپنے گروپ میں بھیجیں، یا پہلے وہاں کچھ لکھیں یا کوئی بٹن دبائیں۔",
    },
    "tg.checkin.code_sent": {"en": "The check-in code is in your private chat with me.",
                             "ur": "حاضری کوڈ آپ کو نجی چیٹ میں بھیج دیا گیا ہے۔"},
    "tg.checkin.code_start_first": {
        "en": "The check-in code can only be sent to you privately, so nobody here reads it: start me first ({link}), then send the command again.",
        "ur": "حاضری کوڈ صرف نجی چیٹ میں بھیجا جا سکتا ہے تاکہ یہاں کوئی اسے نہ پڑھے: پہلے بیٹھک کو شروع کریں ({link})، پھر کمانڈ دوبارہ بھیجیں۔",
    },
    "tg.event_report.usage": {
        "en": "Write how many days back and, for one repeating event, its number after #: /event_report 30 #12",
        "ur": "کتنے دن پیچھے تک، اور کسی ایک دہرائی جانے والی تقریب کے لیے # کے بعد اس کا نمبر لکھیں: /event_report 30 #12",
    },
    "tg.attendance.bad_days": {"en": "The number of days must be from 1 to {maximum}, not {value}.",
                               "ur": "دنوں کی تعداد 1 سے {maximum} تک ہو، {value} نہیں۔"},
    "tg.private_command": {"en": "Send {command} to me in a private chat: {link}",
                           "ur": "{command} مجھے نجی چیٹ میں بھیجیں: {link}"},
    # -- /my_timezone ----------------------------------------------------------------------------
    "tg.myzone.current": {"en": "Your time zone is **{zone}**. Change it with /my_timezone Zone, or /my_timezone reset.",
                          "ur": "آپ کا ٹائم زون **{zone}** ہے۔ اسے /my_timezone Zone سے بدلیں، یا /my_timezone reset لکھیں۔"},
    "tg.myzone.default": {
        "en": "You have not chosen a time zone: times are written out in your community's, **{zone}**. "
              "Choose yours with /my_timezone Europe/London (any IANA zone).",
        "ur": "آپ نے کوئی ٹائم زون نہیں چنا: وقت آپ کی کمیونٹی کے ٹائم زون **{zone}** میں لکھا جاتا ہے۔ "
              "اپنا ٹائم زون /my_timezone Europe/London کی طرح چنیں (کوئی بھی IANA ٹائم زون)۔",
    },
    "tg.myzone.cleared": {"en": "Your own time zone is removed: times are written out in your community's, **{zone}**.",
                          "ur": "آپ کا اپنا ٹائم زون ہٹا دیا گیا: اب وقت آپ کی کمیونٹی کے ٹائم زون **{zone}** میں لکھا جائے گا۔"},
    "tg.myzone.bad": {"en": "`{value}` is not a time zone I know. Write an IANA name, e.g. Asia/Karachi or Europe/London.",
                      "ur": "`{value}` کوئی معلوم ٹائم زون نہیں۔ IANA نام لکھیں، مثلاً Asia/Karachi یا Europe/London۔"},
}

MESSAGES.update({
    # -- forum topics ----------------------------------------------------------------------------
    "tg.setup.topic": {"en": "Event announcements and shared resources now go to the topic «{name}».",
                       "ur": "تقریبات کے اعلان اور شیئر کیے گئے وسائل اب «{name}» والے موضوع میں جائیں گے۔"},
    "tg.setup.topic_general": {
        "en": "Event announcements and shared resources go to the General topic. Run /setup inside a topic to send them there.",
        "ur": "تقریبات کے اعلان اور شیئر کیے گئے وسائل General موضوع میں جاتے ہیں۔ انہیں کسی اور موضوع میں بھیجنے کے لیے اسی موضوع میں /setup چلائیں۔",
    },
})


MESSAGES.update({
    # -- repeating events from /event (one line and the guided form) -------------------------------
    "tg.event.ask.repeat": {
        "en": "(6/6) Does it repeat? weekly, every 2 weeks, monthly (same weekday) or monthly date (same date), "
              "then if you like until 2027-06-30 or count 6. For example: weekly count 6. Or - for once.",
        "ur": "(6/6) کیا یہ دہرائی جائے گی؟ weekly (ہر ہفتے)، every 2 weeks (ہر دو ہفتے بعد)، monthly (ہر مہینے اسی دن) "
              "یا monthly date (ہر مہینے اسی تاریخ کو)، پھر چاہیں تو until 2027-06-30 یا count 6۔ مثلاً: weekly count 6۔ "
              "صرف ایک بار ہو تو -۔",
    },
    "tg.event.field.repeat": {"en": "Repeat: weekly count 6, or -", "ur": "دہرانا: weekly count 6، یا -"},
    "tg.event.repeat_usage": {
        "en": "Write how it repeats, then if you like until a date or a count: repeat weekly count 6, "
              "repeat every 2 weeks until 2027-06-30, repeat monthly date announce_ahead 3.",
        "ur": "لکھیں کہ تقریب کیسے دہرائی جائے، پھر چاہیں تو کسی تاریخ تک یا کتنی بار: repeat weekly count 6، "
              "repeat every 2 weeks until 2027-06-30، repeat monthly date announce_ahead 3۔",
    },
    "tg.event.repeats": {"en": "Repeats {rule}, for a year", "ur": "{rule}، ایک سال تک"},
    "tg.event.repeats_count": {"en": "Repeats {rule}: {count:date|dates}", "ur": "{rule}: کل {count:تاریخ|تاریخیں}"},
    "tg.event.repeats_until": {"en": "Repeats {rule} until {until}", "ur": "{rule}، {until} تک"},
})

MESSAGES.update({
    # -- /event_stats and /event_report: sent privately --------------------------------------------
    "tg.figures.sent": {"en": "Sent to you in a private chat.", "ur": "آپ کو نجی چیٹ میں بھیج دیا گیا ہے۔"},
    "tg.figures.start_first": {
        "en": "These figures name members, so they are sent only privately: start me first ({link}), then send the command again.",
        "ur": "ان اعداد و شمار میں اراکین کے نام ہیں، اس لیے یہ صرف نجی چیٹ میں بھیجے جاتے ہیں: پہلے بیٹھک کو شروع کریں ({link})، پھر کمانڈ دوبارہ بھیجیں۔",
    },
})

MESSAGES.update({
    # -- event templates -------------------------------------------------------------------------
    "tg.command.event_from": {"en": "An event from a template: /event_from name when (organisers)",
                              "ur": "سانچے سے تقریب: /event_from نام کب (منتظمین)"},
    "tg.command.event_templates": {"en": "This group's event templates (organisers)",
                                   "ur": "اس گروپ کے تقریبات کے سانچے (منتظمین)"},
    "tg.command.event_template_save": {"en": "Save an event as a template: /event_template_save name N (organisers)",
                                       "ur": "تقریب کو سانچے کے طور پر محفوظ کریں: /event_template_save نام N (منتظمین)"},
    "tg.command.event_template_delete": {"en": "Delete an event template (organisers)",
                                         "ur": "تقریب کا سانچہ حذف کریں (منتظمین)"},
    "tg.event_from.usage": {
        "en": "Write the template's name and when: /event_from chai kal shaam 6 baje, and for a repeating event "
              "| repeat weekly count 6. /event_templates lists the templates.",
        "ur": "سانچے کا نام اور وقت لکھیں: /event_from chai کل شام 6 بجے، اور دہرائی جانے والی تقریب کے لیے "
              "| repeat weekly count 6۔ سانچوں کی فہرست /event_templates سے دیکھیں۔",
    },
    "tg.event_template.usage": {
        "en": "Write a name and the event's number: /event_template_save chai 12; to delete: /event_template_delete chai.",
        "ur": "نام اور تقریب کا نمبر لکھیں: /event_template_save chai 12؛ حذف کرنے کے لیے: /event_template_delete chai۔",
    },
    "tg.template.saved": {
        "en": "Template `{name}` saved from **{title}**. Use it with /event_from {name} kal shaam 6 baje.",
        "ur": "سانچہ `{name}`، **{title}** سے محفوظ ہو گیا۔ اسے /event_from {name} کل شام 6 بجے سے استعمال کریں۔",
    },
    "tg.template.list_empty": {
        "en": "No templates yet. Save one from an event with /event_template_save name N.",
        "ur": "ابھی کوئی سانچہ نہیں۔ کسی تقریب سے /event_template_save نام N کے ذریعے محفوظ کریں۔",
    },
    "tg.template.unknown": {
        "en": "There is no template called `{name}` in this group. /event_templates shows them.",
        "ur": "اس گروپ میں `{name}` نام کا کوئی سانچہ نہیں۔ /event_templates سے سب دیکھیں۔",
    },
    "tg.template.too_many": {
        "en": "This group already has {maximum} templates. Delete one with /event_template_delete name first.",
        "ur": "اس گروپ میں پہلے ہی {maximum} سانچے ہیں۔ پہلے /event_template_delete نام سے کوئی ایک ہٹائیں۔",
    },
})
