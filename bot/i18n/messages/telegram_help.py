"""Messages of /help (and /start without a payload) on Telegram (`routers/help.py`): the intros, where
a command works, and one pair per entry: what it does (`tg.help.cmd.<key>`) and an example typed as a
member here would (`tg.help.ex.<key>`). Section titles are the shared `help.section.*`. Command and
option names stay in English, as Telegram's menu shows them."""

MESSAGES = {
    "tg.help.welcome": {
        "en": "Hello {name}! I am Baithak. From now on I can send you reminders, calendar files and the "
              "outcome of your reports here.",
        "ur": "السلام علیکم {name}! یہ بیٹھک ہے۔ اب بیٹھک آپ کو یہاں یاد دہانیاں، کیلنڈر فائلیں اور آپ کی "
              "رپورٹوں کے نتائج بھیج سکے گی۔",
    },
    "tg.help.intro.group": {
        "en": "What you can do here (tap a command to send it):",
        "ur": "آپ یہاں یہ سب کر سکتے ہیں (کمانڈ پر ٹیپ کریں تو وہ بھیج دی جائے گی):",
    },
    "tg.help.intro.private": {
        "en": "What you can do in the group you last wrote in, given your roles there, and here with me:",
        "ur": "جس گروپ میں آپ نے آخری بار لکھا، وہاں آپ کے رول کے مطابق آپ یہ سب کر سکتے ہیں، اور یہاں "
              "میرے ساتھ بھی:",
    },
    "tg.help.intro.no_group": {
        "en": "What every member can do. Send /help once in your group and I will also show what your "
              "roles there let you do.",
        "ur": "ہر رکن یہ سب کر سکتا ہے۔ اپنے گروپ میں ایک بار /help بھیجیں تو وہاں آپ کے رول کے مطابق باقی "
              "کمانڈز بھی یہاں نظر آئیں گی۔",
    },
    "tg.help.intro.mods": {
        "en": "What you can do, here in the moderators' group and in the community's group:",
        "ur": "آپ یہ سب کر سکتے ہیں، یہاں ماڈریٹروں کے گروپ میں اور کمیونٹی کے گروپ میں:",
    },
    "tg.help.more": {
        "en": "Examples, and the commands for our private chat: [open the full help]({link})",
        "ur": "مثالیں اور نجی چیٹ کی کمانڈز: [پوری فہرست کھولیں]({link})",
    },
    "tg.help.section_short": {"en": "**{section}**: {commands}", "ur": "**{section}**: {commands}"},
    "tg.help.line_short": {"en": "{command}: {what}", "ur": "{command}: {what}"},
    "tg.help.line": {
        "en": "**{command}** ({where}): {what}\nExample: `{example}`",
        "ur": "**{command}** ({where}): {what}\nمثال: `{example}`",
    },
    "tg.help.where.group": {"en": "in the group", "ur": "گروپ میں"},
    "tg.help.where.private": {"en": "in a private chat with me", "ur": "میرے ساتھ نجی چیٹ میں"},
    "tg.help.where.both": {"en": "in the group or privately", "ur": "گروپ میں یا نجی چیٹ میں"},
    "tg.help.where.mods": {"en": "in the moderators' group", "ur": "ماڈریٹروں کے گروپ میں"},
    # -- everyone ------------------------------------------------------------------------------------
    "tg.help.cmd.help": {"en": "this list", "ur": "یہی فہرست"},
    "tg.help.ex.help": {"en": "/help", "ur": "/help"},
    "tg.help.cmd.start": {
        "en": "start me, so I can send you reminders, calendar files and answers",
        "ur": "بیٹھک کو شروع کریں تاکہ وہ آپ کو یاد دہانیاں، کیلنڈر فائلیں اور جوابات بھیج سکے",
    },
    "tg.help.ex.start": {"en": "/start", "ur": "/start"},
    "tg.help.cmd.events": {"en": "upcoming events in this group", "ur": "اس گروپ کی آنے والی تقریبات"},
    "tg.help.ex.events": {"en": "/events", "ur": "/events"},
    "tg.help.cmd.checkin": {
        "en": "check in at an event with the code the organiser shows at the door",
        "ur": "منتظم کا دروازے پر دکھایا ہوا کوڈ لکھ کر تقریب میں حاضری لگائیں",
    },
    "tg.help.ex.checkin": {"en": "/checkin 482913", "ur": "/checkin 482913"},
    "tg.help.cmd.my": {
        "en": "your events and a calendar file (.ics) of them",
        "ur": "آپ کی تقریبات اور ان کی کیلنڈر فائل (.ics)",
    },
    "tg.help.ex.my": {"en": "/my", "ur": "/my"},
    "tg.help.cmd.my_attendance": {
        "en": "events you went to, were late for or missed",
        "ur": "وہ تقریبات جن میں آپ گئے، دیر سے پہنچے یا نہ جا سکے",
    },
    "tg.help.ex.my_attendance": {"en": "/my_attendance", "ur": "/my_attendance"},
    "tg.help.cmd.my_timezone": {
        "en": "your own time zone, for the times I write to you (reset: the group's)",
        "ur": "آپ کا اپنا ٹائم زون، آپ کو لکھے گئے اوقات کے لیے (reset لکھیں تو گروپ والا)",
    },
    "tg.help.ex.my_timezone": {"en": "/my_timezone Europe/London", "ur": "/my_timezone Asia/Karachi"},
    "tg.help.cmd.share": {
        "en": "add a guide, toolkit or fact-check link to the library, with #tags",
        "ur": "لائبریری میں کوئی رہنما، ٹول کٹ یا حقائق کی جانچ کا لنک #ٹیگ کے ساتھ شامل کریں",
    },
    "tg.help.ex.share": {
        "en": "/share https://example.org/guide Verifying images #fact-check",
        "ur": "/share https://example.org/guide تصاویر کی تصدیق #fact-check #urdu",
    },
    "tg.help.cmd.search": {"en": "search the library, in English or Urdu", "ur": "لائبریری میں تلاش کریں، اردو یا انگریزی میں"},
    "tg.help.ex.search": {"en": "/search fact-check", "ur": "/search حقائق"},
    "tg.help.cmd.top": {"en": "the most upvoted resources, of one #tag if you like",
                        "ur": "سب سے زیادہ پسند کیے گئے وسائل، چاہیں تو کسی ایک #ٹیگ کے"},
    "tg.help.ex.top": {"en": "/top #urdu", "ur": "/top #urdu"},
    "tg.help.cmd.report": {
        "en": "report a message to the moderators (in reply to it), or privately content from elsewhere",
        "ur": "کسی پیغام کی رپورٹ ماڈریٹروں کو کریں (اسی پیغام کے جواب میں)، یا نجی چیٹ میں کہیں اور کے مواد کی",
    },
    "tg.help.ex.report": {"en": "/report (as a reply to the message)", "ur": "/report (اسی پیغام کے جواب میں)"},
    "tg.help.cmd.my_reports": {
        "en": "your reports, what became of them, and a way to answer the moderators",
        "ur": "آپ کی رپورٹیں، ان کا کیا بنا، اور ماڈریٹروں کو جواب دینے کا طریقہ",
    },
    "tg.help.ex.my_reports": {"en": "/my_reports", "ur": "/my_reports"},
    "tg.help.cmd.factcheck": {
        "en": "the community's published fact-checks: search, list (by verdict), show one",
        "ur": "کمیونٹی کی شائع شدہ حقائق کی جانچ: تلاش، فہرست (فیصلے کے لحاظ سے)، کوئی ایک دیکھیں",
    },
    "tg.help.ex.factcheck": {"en": "/factcheck search flood video", "ur": "/factcheck search سیلاب ویڈیو"},
    "tg.help.cmd.cancel": {"en": "stop a form you started", "ur": "شروع کیا ہوا فارم روک دیں"},
    "tg.help.ex.cancel": {"en": "/cancel", "ur": "/cancel"},
    # -- organisers ------------------------------------------------------------------------------------
    "tg.help.cmd.event": {
        "en": "announce an event in one line, or send /event alone to be asked one question at a time",
        "ur": "ایک سطر میں تقریب کا اعلان کریں، یا صرف /event بھیجیں تو سوال ایک ایک کر کے آئیں گے",
    },
    "tg.help.ex.event": {
        "en": "/event Creators meetup | friday 6pm | 2h | Alhamra | 40",
        "ur": "/event تخلیق کاروں کی بیٹھک | جمعہ شام 6 بجے | 2h | الحمرا | 40",
    },
    "tg.help.cmd.event_edit": {
        "en": "change an event (the number is on its announcement): when, title, place, capacity…",
        "ur": "تقریب میں تبدیلی (نمبر اعلان میں درج ہے): وقت، عنوان، مقام، گنجائش…",
    },
    "tg.help.ex.event_edit": {"en": "/event_edit 12 when kal 7 baje", "ur": "/event_edit 12 when کل شام 7 بجے"},
    "tg.help.cmd.event_cancel": {"en": "cancel an event, with a reason for those who answered",
                                 "ur": "تقریب منسوخ کریں، جواب دینے والوں کے لیے وجہ کے ساتھ"},
    "tg.help.ex.event_cancel": {"en": "/event_cancel 12 the hall is closed", "ur": "/event_cancel 12 ہال بند ہے"},
    "tg.help.cmd.attendees": {"en": "who answered an event, and how", "ur": "کسی تقریب پر کس نے کیا جواب دیا"},
    "tg.help.ex.attendees": {"en": "/attendees 12", "ur": "/attendees 12"},
    "tg.help.cmd.event_checkin_code": {
        "en": "a check-in code for the door, sent to you privately",
        "ur": "دروازے پر حاضری کے لیے کوڈ، آپ کو نجی چیٹ میں",
    },
    "tg.help.ex.event_checkin_code": {"en": "/event_checkin_code 12", "ur": "/event_checkin_code 12"},
    "tg.help.cmd.event_stats": {"en": "answers, check-ins and no-shows of an event, sent to you privately",
                                "ur": "کسی تقریب کے جوابات، حاضری اور غیر حاضری، آپ کو نجی چیٹ میں"},
    "tg.help.ex.event_stats": {"en": "/event_stats 12", "ur": "/event_stats 12"},
    "tg.help.cmd.event_report": {
        "en": "attendance over the last days (or of a #series), with CSV files, sent to you privately",
        "ur": "پچھلے دنوں (یا کسی #سلسلے) کی حاضری، CSV فائلوں کے ساتھ، آپ کو نجی چیٹ میں",
    },
    "tg.help.ex.event_report": {"en": "/event_report 30", "ur": "/event_report 30"},
    "tg.help.cmd.event_repeat": {
        "en": "a repeating event: add how it repeats (weekly, every 2 weeks, monthly, monthly date) to /event",
        "ur": "دہرائی جانے والی تقریب: /event کے آخر میں لکھیں کہ یہ کیسے دہرائی جائے (weekly، every 2 weeks، monthly، monthly date)",
    },
    "tg.help.ex.event_repeat": {
        "en": "/event Weekly clinic | friday 6pm | 1h | Online | repeat weekly count 6",
        "ur": "/event ہفتہ وار کلینک | جمعہ شام 6 بجے | 1h | آن لائن | repeat weekly count 6",
    },
    "tg.help.cmd.event_template_save": {"en": "save an event as a template to reuse",
                                        "ur": "کسی تقریب کو سانچے کے طور پر محفوظ کریں تاکہ دوبارہ کام آئے"},
    "tg.help.ex.event_template_save": {"en": "/event_template_save clinic 12", "ur": "/event_template_save clinic 12"},
    "tg.help.cmd.event_templates": {"en": "this group's event templates", "ur": "اس گروپ کے تقریبات کے سانچے"},
    "tg.help.ex.event_templates": {"en": "/event_templates", "ur": "/event_templates"},
    "tg.help.cmd.event_from": {"en": "announce an event from a template: only the time is needed",
                               "ur": "سانچے سے تقریب کا اعلان: صرف وقت لکھنا ہوگا"},
    "tg.help.ex.event_from": {"en": "/event_from clinic friday 6pm", "ur": "/event_from clinic جمعہ شام 6 بجے"},
    "tg.help.cmd.event_template_delete": {"en": "delete an event template", "ur": "تقریب کا سانچہ حذف کریں"},
    "tg.help.ex.event_template_delete": {"en": "/event_template_delete clinic", "ur": "/event_template_delete clinic"},
    # -- moderators ------------------------------------------------------------------------------------
    "tg.help.cmd.reports_queue": {"en": "cases waiting for moderators, by status or category",
                                  "ur": "ماڈریٹروں کے منتظر کیس، صورتِ حال یا زمرے کے لحاظ سے"},
    "tg.help.ex.reports_queue": {"en": "/reports_queue open misinformation", "ur": "/reports_queue open misinformation"},
    "tg.help.cmd.reports_show": {"en": "a case's card, evidence and history", "ur": "کسی کیس کا کارڈ، ثبوت اور تاریخچہ"},
    "tg.help.ex.reports_show": {"en": "/reports_show R-12", "ur": "/reports_show R-12"},
    "tg.help.cmd.reports_stats": {"en": "report counts and response times over the last days",
                                  "ur": "پچھلے دنوں کی رپورٹوں کی گنتی اور جواب کے اوقات"},
    "tg.help.ex.reports_stats": {"en": "/reports_stats 30", "ur": "/reports_stats 30"},
    "tg.help.cmd.reports_export": {"en": "cases as a CSV or JSON file", "ur": "کیس CSV یا JSON فائل میں"},
    "tg.help.ex.reports_export": {"en": "/reports_export csv 7d", "ur": "/reports_export csv 7d"},
    "tg.help.cmd.reports_snippet": {
        "en": "saved replies for answering reporters: add, list, remove; use one as #name",
        "ur": "رپورٹ کرنے والوں کو جواب کے لیے محفوظ جوابات: شامل کریں، فہرست، ہٹائیں؛ استعمال: #نام",
    },
    "tg.help.ex.reports_snippet": {
        "en": "/reports_snippet add thanks Thank you, we are looking into it.",
        "ur": "/reports_snippet add shukriya شکریہ، ہم اسے دیکھ رہے ہیں۔",
    },
    "tg.help.cmd.factcheck_publish": {
        "en": "publish a case as a fact-check (a short form), correct or withdraw one",
        "ur": "کسی کیس کو حقائق کی جانچ کے طور پر شائع کریں (مختصر فارم)، یا اس کی تصحیح کریں یا واپس لیں",
    },
    "tg.help.ex.factcheck_publish": {"en": "/factcheck publish R-12", "ur": "/factcheck publish R-12"},
    # -- admins ----------------------------------------------------------------------------------------
    "tg.help.cmd.setup": {
        "en": "the group's settings: language, time zone, reminders, where announcements go",
        "ur": "گروپ کی ترتیبات: زبان، ٹائم زون، یاد دہانیاں، اعلان کہاں جائیں",
    },
    "tg.help.ex.setup": {"en": "/setup timezone Asia/Karachi", "ur": "/setup language ur"},
    "tg.help.cmd.organiser": {
        "en": "name a member organiser, or no longer, in reply to one of their messages",
        "ur": "کسی رکن کے پیغام کے جواب میں اسے منتظم بنائیں یا منتظم سے ہٹائیں",
    },
    "tg.help.ex.organiser": {"en": "/organiser add (as a reply to their message)",
                             "ur": "/organiser add (اس رکن کے پیغام کے جواب میں)"},
    "tg.help.cmd.link": {
        "en": "link the moderators' private group with the code /setup gives (or join a Discord server's community)",
        "ur": "/setup کے دیے ہوئے کوڈ سے ماڈریٹروں کا نجی گروپ جوڑیں (یا کسی ڈسکارڈ سرور کی کمیونٹی میں شامل ہوں)",
    },
    "tg.help.ex.link": {"en": "/link K7Q2MX", "ur": "/link K7Q2MX"},
    "tg.help.cmd.network_invite": {
        "en": "a one-time code, sent to you privately, for another community (Telegram or Discord) to join the network",
        "ur": "ایک بار کا کوڈ، آپ کو نجی چیٹ میں، تاکہ کوئی دوسری کمیونٹی (ٹیلیگرام یا ڈسکارڈ) نیٹ ورک میں شامل ہو",
    },
    "tg.help.ex.network_invite": {"en": "/network_invite", "ur": "/network_invite"},
    "tg.help.cmd.network_join": {
        "en": "join a network with the code another community's admin gave you",
        "ur": "دوسری کمیونٹی کے ایڈمن کے دیے ہوئے کوڈ سے نیٹ ورک میں شامل ہوں",
    },
    "tg.help.ex.network_join": {"en": "/network_join NET-7KQ2M9XW4R", "ur": "/network_join NET-7KQ2M9XW4R"},
    "tg.help.cmd.network_share": {
        "en": "share this community's published fact-checks or resources with the network, or stop",
        "ur": "اس کمیونٹی کی شائع شدہ حقائق کی جانچ یا وسائل نیٹ ورک سے شیئر کریں، یا بند کریں",
    },
    "tg.help.ex.network_share": {"en": "/network_share factchecks on", "ur": "/network_share factchecks on"},
    "tg.help.cmd.network_leave": {
        "en": "leave the network: nothing is shared with it or from it any more",
        "ur": "نیٹ ورک چھوڑیں: پھر اس کے ساتھ یا اس کی طرف سے کچھ شیئر نہیں ہو گا",
    },
    "tg.help.ex.network_leave": {"en": "/network_leave", "ur": "/network_leave"},
    "tg.help.cmd.network_status": {
        "en": "the network's members, what each shares, and its latest changes",
        "ur": "نیٹ ورک کے اراکین، ہر ایک کیا شیئر کرتا ہے، اور تازہ تبدیلیاں",
    },
    "tg.help.ex.network_status": {"en": "/network_status", "ur": "/network_status"},
}
