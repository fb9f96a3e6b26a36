"""Messages of the Telegram front end (`routers/`). Keys `tg.<domain key>` replace a shared refusal
where Telegram's words differ (a group instead of a server, group admins instead of Manage Server)."""

MESSAGES = {
    # -- writing out times (Telegram has no per-reader timestamps) -------------------------------
    "tg.months": {
        "en": "January,February,March,April,May,June,July,August,September,October,November,December",
        "ur": "جنوری,فروری,مارچ,اپریل,مئی,جون,جولائی,اگست,ستمبر,اکتوبر,نومبر,دسمبر",
    },
    "tg.weekdays": {
        "en": "Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday",
        "ur": "پیر,منگل,بدھ,جمعرات,جمعہ,ہفتہ,اتوار",
    },
    "tg.date.full": {"en": "{weekday} {day} {month} {year}, {time} ({zone})",
                     "ur": "{weekday}، {day} {month} {year}، {time} ({zone})"},
    "tg.date.medium": {"en": "{day} {month} {year}, {time}", "ur": "{day} {month} {year}، {time}"},
    "tg.date.day": {"en": "{day} {month} {year}", "ur": "{day} {month} {year}"},
    "tg.date.short": {"en": "{day} {month}", "ur": "{day} {month}"},
    "tg.date.time": {"en": "{time}", "ur": "{time}"},
    "tg.time.now": {"en": "now", "ur": "ابھی"},
    "tg.time.in": {"en": "in {span}", "ur": "{span} میں"},
    "tg.time.ago": {"en": "{span} ago", "ur": "{span} پہلے"},
    "tg.span.minutes": {"en": "{count:minute|minutes}", "ur": "{count:منٹ|منٹ}"},
    "tg.span.hours": {"en": "{count:hour|hours}", "ur": "{count:گھنٹہ|گھنٹے}"},
    "tg.span.days": {"en": "{count:day|days}", "ur": "{count:دن|دن}"},
    # -- Telegram's words for shared refusals ----------------------------------------------------
    "tg.perm.need_admin": {"en": "Only the group's admins can do this.",
                           "ur": "یہ صرف گروپ کے ایڈمن کر سکتے ہیں۔"},
    "tg.perm.need_organiser": {
        "en": "Only organisers can do this: the group's admins, and members an admin named with /organiser add.",
        "ur": "یہ صرف منتظمین کر سکتے ہیں: گروپ کے ایڈمن، اور وہ اراکین جنہیں کسی ایڈمن نے /organiser add سے منتظم بنایا ہو۔",
    },
    "tg.perm.need_moderator": {
        "en": "Only moderators can do this: the members of this community's moderators' group.",
        "ur": "یہ صرف ماڈریٹر کر سکتے ہیں: یعنی اس کمیونٹی کے ماڈریٹروں کے گروپ کے اراکین۔",
    },
    "tg.common.guild_only": {"en": "This works only in the group, not in a private chat.",
                             "ur": "یہ صرف گروپ میں چلتا ہے، نجی چیٹ میں نہیں۔"},
    "tg.common.not_found": {"en": "That no longer exists here, or it belongs to another group.",
                            "ur": "یہ چیز یہاں موجود نہیں، یا کسی اور گروپ کی ہے۔"},
    "tg.event.no_channel": {"en": "Announce events from the group itself: send /event there.",
                            "ur": "تقریب کا اعلان گروپ ہی سے کریں: وہاں /event بھیجیں۔"},
    "tg.private_only": {"en": "Send this to me in a private chat: {link}",
                        "ur": "یہ مجھے نجی چیٹ میں بھیجیں: {link}"},
    # -- start and help --------------------------------------------------------------------------
    "tg.start.welcome": {
        "en": "Hello {name}! I am Baithak. From now on I can send you reminders, calendar files and "
              "the outcome of your reports here.\nSend /help to see what you can do.",
        "ur": "السلام علیکم {name}! یہ بیٹھک ہے۔ اب بیٹھک آپ کو یہاں یاد دہانیاں، کیلنڈر فائلیں اور آپ کی "
              "رپورٹوں کے نتائج بھیج سکے گی۔\nآپ کیا کر سکتے ہیں، دیکھنے کے لیے /help بھیجیں۔",
    },
    "tg.start.hint": {
        "en": "Start me in a private chat to get reminders: {link}",
        "ur": "یاد دہانیاں پانے کے لیے مجھے نجی چیٹ میں شروع کریں: {link}",
    },
    # -- setup -----------------------------------------------------------------------------------
    "tg.setup.title": {"en": "Baithak settings for {group}", "ur": "{group} کے لیے بیٹھک کی ترتیبات"},
    "tg.setup.moderators": {"en": "Moderators' group", "ur": "ماڈریٹروں کا گروپ"},
    "tg.setup.code": {
        "en": "To link the moderators' private group: add me there and have one of its admins send "
              "`/link {code}` in it (valid 10 minutes, once).",
        "ur": "ماڈریٹروں کا نجی گروپ جوڑنے کے لیے: مجھے وہاں شامل کریں اور اس کا کوئی ایڈمن وہاں "
              "`/link {code}` بھیجے (10 منٹ کے لیے، صرف ایک بار)۔",
    },
    "tg.setup.usage": {
        "en": "I know these settings: language (en, ur), timezone (e.g. Asia/Karachi), reminders (e.g. 24h,1h), "
              "approval (on, off), sla (hours), digest (a day and a time, e.g. friday 18:00, or off), "
              "network_verdicts (on, off). For example: /setup language ur",
        "ur": "یہ ترتیبات بدلی جا سکتی ہیں: language (en، ur)، timezone (مثلاً Asia/Karachi)، reminders (مثلاً 24h,1h)، "
              "approval (on، off)، sla (گھنٹے)، digest (دن اور وقت، مثلاً friday 18:00، یا off)، "
              "network_verdicts (on، off)۔ مثال: /setup language ur",
    },
    "tg.setup.saved": {"en": "Saved: {field} is now {value}.", "ur": "محفوظ ہو گیا: {field} اب {value} ہے۔"},
    "tg.setup.button.language": {"en": "Language: {value}", "ur": "زبان: {value}"},
    "tg.setup.button.approval": {"en": "Resource approval: {value}", "ur": "وسائل کی منظوری: {value}"},
    "tg.setup.in_group": {"en": "Run /setup in the group you want to set up.",
                          "ur": "جس گروپ کی ترتیب کرنی ہے، /setup وہیں چلائیں۔"},
    # -- organisers and the moderators' group ------------------------------------------------------
    "tg.organiser.usage": {
        "en": "Reply to a message of the member with /organiser add (or /organiser remove).",
        "ur": "جس رکن کو منتظم بنانا ہے، اس کے پیغام کے جواب میں /organiser add (یا /organiser remove) لکھیں۔",
    },
    "tg.organiser.added": {"en": "{name} is now an organiser here.", "ur": "{name} اب یہاں منتظم ہیں۔"},
    "tg.organiser.already": {"en": "{name} is already an organiser here.", "ur": "{name} پہلے ہی یہاں منتظم ہیں۔"},
    "tg.organiser.removed": {"en": "{name} is no longer an organiser here.", "ur": "{name} اب یہاں منتظم نہیں رہے۔"},
    "tg.organiser.not_one": {"en": "{name} was not an organiser here.", "ur": "{name} یہاں منتظم نہیں تھے۔"},
    "tg.link.usage": {"en": "Send /link followed by the code that /setup shows in the main group.",
                      "ur": "مرکزی گروپ میں /setup جو کوڈ دکھاتا ہے، اس کے ساتھ /link بھیجیں۔"},
    "tg.link.bad_code": {
        "en": "That code is unknown, already used or older than 10 minutes. Run /setup in the main group for a new one.",
        "ur": "یہ کوڈ نامعلوم ہے، استعمال ہو چکا ہے یا 10 منٹ سے پرانا ہے۔ نیا کوڈ مرکزی گروپ میں /setup سے لیں۔",
    },
    "tg.link.same_group": {"en": "The moderators' group must be another group than the community's.",
                           "ur": "ماڈریٹروں کا گروپ کمیونٹی کے گروپ سے الگ ہونا چاہیے۔"},
    "tg.link.moderators_done": {
        "en": "Linked: the members of this group are now the community's moderators, and report cases come here.",
        "ur": "جڑ گیا: اس گروپ کے اراکین اب کمیونٹی کے ماڈریٹر ہیں، اور رپورٹ کیسز یہیں آئیں گے۔",
    },
    # -- events ----------------------------------------------------------------------------------
    "tg.event.ask.title": {"en": "New event (1/6). What is it called? Reply to this message. (/cancel to stop)",
                           "ur": "نئی تقریب (1/6)۔ اس کا عنوان کیا ہے؟ اس پیغام کا جواب دیں۔ (روکنے کے لیے /cancel)"},
    "tg.event.ask.when": {"en": "(2/6) When does it start? For example: kal shaam 6 baje, tomorrow 6pm, 2026-12-05 18:00",
                          "ur": "(2/6) یہ کب شروع ہوگی؟ مثلاً: کل شام 6 بجے، kal shaam 6 baje، 2026-12-05 18:00"},
    "tg.event.ask.duration": {"en": "(3/6) How long? For example 90m or 2h (- for one hour).",
                              "ur": "(3/6) کتنی دیر؟ مثلاً 90m یا 2h (ایک گھنٹے کے لیے -)۔"},
    "tg.event.ask.location": {"en": "(4/6) Where? An address or a link (- for none).",
                              "ur": "(4/6) کہاں؟ پتہ یا لنک (نہ ہو تو -)۔"},
    "tg.event.ask.capacity": {"en": "(5/6) How many places? A number, or - for no limit.",
                              "ur": "(5/6) کتنی نشستیں؟ کوئی عدد، یا کوئی حد نہ ہو تو -۔"},
    "tg.event.confirm": {"en": "Announce this event?\n**{title}**\n{when}\n{details}",
                         "ur": "کیا اس تقریب کا اعلان کر دوں؟\n**{title}**\n{when}\n{details}"},
    "tg.event.button.confirm": {"en": "Announce", "ur": "اعلان کریں"},
    "tg.event.button.cancel": {"en": "Cancel", "ur": "منسوخ کریں"},
    "tg.event.form_cancelled": {"en": "Form stopped; nothing was created.", "ur": "فارم روک دیا گیا؛ کچھ نہیں بنایا گیا۔"},
    "tg.event.no_form": {"en": "You have no form open here.", "ur": "یہاں آپ کا کوئی فارم کھلا نہیں۔"},
    "tg.event.bad_capacity": {"en": "`{value}` is not a number of places: write a whole number from 1, or - for no limit.",
                              "ur": "`{value}` نشستوں کی تعداد نہیں: 1 یا اس سے بڑا پورا عدد لکھیں، یا کوئی حد نہ ہو تو -۔"},
    "tg.event.too_many_parts": {
        "en": "Write at most five parts: /event Title | when | duration | place | capacity, "
              "and for a repeating event a last part: | repeat weekly count 6",
        "ur": "زیادہ سے زیادہ پانچ حصے لکھیں: /event عنوان | کب | دورانیہ | مقام | گنجائش، "
              "اور دہرائی جانے والی تقریب کے لیے آخری حصہ: | repeat weekly count 6",
    },
    "tg.rsvp.ics_sent": {"en": "I sent the calendar file to you privately.",
                         "ur": "کیلنڈر فائل آپ کو نجی چیٹ میں بھیج دی۔"},
    "tg.rsvp.start_first": {"en": "Start me in a private chat first, then press again: I can't write to you yet.",
                            "ur": "پہلے بیٹھک کو نجی چیٹ میں شروع کریں، پھر دوبارہ دبائیں: ابھی بیٹھک آپ کو پیغام نہیں بھیج سکتی۔"},
    "tg.rsvp.no_reminders": {"en": " Start me privately to get reminders.",
                             "ur": " یاد دہانیوں کے لیے مجھے نجی چیٹ میں شروع کریں۔"},
    "tg.event.unreachable_going": {
        "en": "Reminders may not reach {count:member|members} who answered: they have not started me privately.",
        "ur": "جواب دینے والے {count:رکن|اراکین} نے مجھے نجی چیٹ میں شروع نہیں کیا، اس لیے شاید یاد دہانیاں ان تک نہ پہنچیں۔",
    },
    "tg.my.calendar": {"en": "Your calendar file:", "ur": "آپ کی کیلنڈر فائل:"},
}

MESSAGES.update({
    "tg.command.event": {"en": "Announce an event (organisers)", "ur": "تقریب کا اعلان (منتظمین)"},
    "tg.command.events": {"en": "Upcoming events", "ur": "آنے والی تقریبات"},
    "tg.command.setup": {"en": "Settings (admins)", "ur": "ترتیبات (ایڈمن)"},
    "tg.command.organiser": {"en": "Name or remove an organiser, in reply (admins)",
                             "ur": "جواب میں کسی کو منتظم بنائیں یا ہٹائیں (ایڈمن)"},
    "tg.command.link": {"en": "Link this moderators' group with a code", "ur": "کوڈ سے ماڈریٹروں کا گروپ جوڑیں"},
    "tg.command.help": {"en": "What I can do", "ur": "بیٹھک کیا کر سکتی ہے"},
    "tg.command.start": {"en": "Start: get reminders and files here", "ur": "شروع کریں: یاد دہانیاں اور فائلیں یہاں پائیں"},
    "tg.command.my": {"en": "Your events and calendar file", "ur": "آپ کی تقریبات اور کیلنڈر فائل"},
    "tg.command.cancel": {"en": "Stop the form you started", "ur": "شروع کیا ہوا فارم روکیں"},
})

MESSAGES.update({
    "tg.command.share": {"en": "Share a link: /share url title #tag", "ur": "لنک شیئر کریں: /share url عنوان #ٹیگ"},
    "tg.command.search": {"en": "Search the library", "ur": "لائبریری میں تلاش کریں"},
    "tg.command.top": {"en": "The most upvoted resources", "ur": "سب سے زیادہ پسند کیے گئے وسائل"},
    "tg.command.report": {"en": "Report a message (reply with it) or content elsewhere",
                          "ur": "کسی پیغام (جواب میں) یا کہیں اور کے مواد کی رپورٹ کریں"},
    "tg.share.usage": {
        "en": "Write it like this: /share https://example.org Title of the guide #tag #tag (a description may follow on the next lines).",
        "ur": "یوں لکھیں: /share https://example.org رہنما کا عنوان #ٹیگ #ٹیگ (اگلی سطروں میں تفصیل لکھی جا سکتی ہے)۔",
    },
    "tg.search.usage": {"en": "Write what to look for: /search fact check #urdu",
                        "ur": "جو تلاش کرنا ہے وہ لکھیں: /search fact check #urdu"},
    "tg.resource.ask_reason": {"en": "Why is resource #{id} rejected? Reply to this message; the sharer is told.",
                               "ur": "وسیلہ #{id} کیوں رد کیا جا رہا ہے؟ اس پیغام کا جواب دیں؛ شیئر کرنے والے کو بتایا جائے گا۔"},
})

MESSAGES.update({
    "tg.report.usage": {
        "en": "To report a message in the group, reply to it with /report. To report something from elsewhere, "
              "send it to me here: forward it, or paste its link or text.",
        "ur": "گروپ کے کسی پیغام کی رپورٹ کے لیے اس کے جواب میں /report لکھیں۔ کہیں اور کی چیز کی رپورٹ کے لیے "
              "اسے یہاں مجھے بھیجیں: فارورڈ کریں، یا اس کا لنک یا متن چسپاں کریں۔",
    },
    "tg.report.start_first": {
        "en": "Reports continue in a private chat with me, so nobody here sees who reported. Open it here: {link}",
        "ur": "رپورٹ میرے ساتھ نجی چیٹ میں آگے بڑھتی ہے، تاکہ یہاں کوئی نہ دیکھے کہ رپورٹ کس نے کی۔ یہاں کھولیں: {link}",
    },
    "tg.report.no_group": {
        "en": "I don't know which community this report is for yet. Write or press something in your group first, then send it again.",
        "ur": "مجھے ابھی معلوم نہیں کہ یہ رپورٹ کس کمیونٹی کے لیے ہے۔ پہلے اپنے گروپ میں کچھ لکھیں یا کوئی بٹن دبائیں، پھر دوبارہ بھیجیں۔",
    },
    "tg.report.dropped": {"en": "Report dropped; nothing was sent.", "ur": "رپورٹ چھوڑ دی گئی؛ کچھ نہیں بھیجا گیا۔"},
    "tg.report.sent": {"en": "Sent: case {ref}", "ur": "بھیج دی گئی: کیس {ref}"},
    "tg.report.ask_reason": {"en": "Why is {ref} dismissed? Reply to this message (the reporters are told).",
                             "ur": "{ref} کیوں خارج کیا جا رہا ہے؟ اس پیغام کا جواب دیں (رپورٹ کرنے والوں کو بتایا جائے گا)۔"},
    "tg.report.ask_reference": {"en": "The platform's reference for {ref}? Reply to this message (- for none).",
                                "ur": "{ref} کے لیے پلیٹ فارم کا حوالہ؟ اس پیغام کا جواب دیں (نہ ہو تو -)۔"},
    "tg.report.ask_note": {"en": "A note to the reporters of {ref}? Reply to this message (- for none).",
                           "ur": "{ref} کی رپورٹ کرنے والوں کے لیے کوئی نوٹ؟ اس پیغام کا جواب دیں (نہ ہو تو -)۔"},
})

MESSAGES.update({
    "resource.shared_posted": {"en": "Saved as #{id} **{title}** and posted with the library's resources.",
                               "ur": "#{id} **{title}** کے طور پر محفوظ ہو گیا اور لائبریری کے وسائل میں پوسٹ کر دیا گیا۔"},
})

MESSAGES.update({
    "embed.footer_written": {"en": "Event #{id} · times in {zone}", "ur": "تقریب #{id} · اوقات {zone} کے مطابق"},
    "tg.command.attendees": {"en": "Who answered an event (organisers)", "ur": "کسی تقریب کے جوابات (منتظمین)"},
    "tg.attendees.usage": {"en": "Write the event's number (from its announcement): /attendees 12",
                           "ur": "تقریب کا نمبر لکھیں (اعلان میں درج): /attendees 12"},
})

MESSAGES.update({
    "link.code": {
        "en": "To bring a Telegram group into this community, an admin of the group sends there `/link {code}` "
              "(valid 10 minutes, once). Events, RSVPs, reports and the library are then shared.",
        "ur": "کسی ٹیلیگرام گروپ کو اس کمیونٹی میں شامل کرنے کے لیے گروپ کا کوئی ایڈمن وہاں `/link {code}` بھیجے "
              "(10 منٹ کے لیے، صرف ایک بار)۔ اس کے بعد تقریبات، حاضری، رپورٹیں اور لائبریری مشترک ہوں گی۔",
    },
    "link.joined": {
        "en": "Linked: this group is now part of the community. Its events and RSVP lists are shared with the other platform.",
        "ur": "جڑ گیا: یہ گروپ اب کمیونٹی کا حصہ ہے۔ اس کی تقریبات اور حاضری کی فہرستیں دوسرے پلیٹ فارم کے ساتھ مشترک ہیں۔",
    },
    "link.same_platform": {"en": "That code is for a community on this same platform: link groups across platforms only.",
                           "ur": "یہ کوڈ اسی پلیٹ فارم کی کمیونٹی کا ہے: صرف الگ الگ پلیٹ فارم کے گروپ جوڑے جا سکتے ہیں۔"},
})
