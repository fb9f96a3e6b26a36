"""Messages of /help: the sections, one line per command (what it does and an example)."""

MESSAGES = {
    "help.intro": {
        "en": "Here is what you can do in this server. Type `/` and the command's name to start; Discord shows each option as you go.",
        "ur": "اس سرور میں آپ یہ سب کر سکتے ہیں۔ شروع کرنے کے لیے `/` اور کمانڈ کا نام لکھیں؛ ڈسکارڈ ہر آپشن ساتھ ساتھ دکھاتا ہے۔",
    },
    "help.intro_dm": {
        "en": "These commands work in a server where Baithak is a member, not here in direct messages. Run `/help` there to see what your roles let you do.",
        "ur": "یہ کمانڈز اُس سرور میں چلتی ہیں جہاں بیٹھک موجود ہے، یہاں براہِ راست پیغامات میں نہیں۔ وہاں `/help` چلائیں تو آپ کے رول کے مطابق سب کچھ نظر آئے گا۔",
    },
    "help.nothing": {
        "en": "There are no commands to show here yet.",
        "ur": "یہاں ابھی دکھانے کو کوئی کمانڈ نہیں۔",
    },
    "help.line": {
        "en": "**/{command}**: {what}\nExample: `/{example}`",
        "ur": "**/{command}**: {what}\nمثال: `/{example}`",
    },
    "help.line_menu": {
        "en": "**{name}**: {what}\nHow: {example}",
        "ur": "**{name}**: {what}\nطریقہ: {example}",
    },
    "help.section.member": {"en": "For everyone", "ur": "سب کے لیے"},
    "help.section.organiser": {"en": "For organisers", "ur": "منتظمین کے لیے"},
    "help.section.moderator": {"en": "For moderators", "ur": "ماڈریٹروں کے لیے"},
    "help.section.admin": {"en": "For admins", "ur": "ایڈمنز کے لیے"},
    # -- one pair per command: what it does, and an example (command names and option names stay in
    # English, as Discord shows them; the values are what a member here would type) ---------------
    "help.cmd.help": {"en": "this list", "ur": "یہی فہرست"},
    "help.ex.help": {"en": "help", "ur": "help"},
    "help.cmd.event_list": {"en": "upcoming events in this server", "ur": "اس سرور کی آنے والی تقریبات"},
    "help.ex.event_list": {"en": "event list", "ur": "event list"},
    "help.cmd.event_info": {"en": "the details of one event", "ur": "کسی ایک تقریب کی تفصیل"},
    "help.ex.event_info": {"en": "event info event:Creators meetup", "ur": "event info event:تخلیق کاروں کی بیٹھک"},
    "help.cmd.my_events": {
        "en": "events you answered Going or Maybe, or are waitlisted for",
        "ur": "وہ تقریبات جن پر آپ نے \"ہاں، شرکت\" یا \"شاید\" دبایا، یا جن کی انتظار کی فہرست میں آپ ہیں",
    },
    "help.ex.my_events": {"en": "my events", "ur": "my events"},
    "help.cmd.my_calendar": {
        "en": "your upcoming events as a calendar file (.ics)",
        "ur": "آپ کی آنے والی تقریبات کیلنڈر فائل (.ics) کی صورت میں",
    },
    "help.ex.my_calendar": {"en": "my calendar", "ur": "my calendar"},
    "help.cmd.resource_share": {
        "en": "add a guide, toolkit or fact-check link to the library",
        "ur": "لائبریری میں کوئی رہنما، ٹول کٹ یا حقائق کی جانچ کا لنک شامل کریں",
    },
    "help.ex.resource_share": {
        "en": "resource share url:https://example.org/guide title:Verifying images tags:fact-check",
        "ur": "resource share url:https://example.org/guide title:تصاویر کی تصدیق tags:fact-check, urdu",
    },
    "help.cmd.resource_search": {
        "en": "search the library, in English or Urdu",
        "ur": "لائبریری میں تلاش کریں، اردو یا انگریزی میں",
    },
    "help.ex.resource_search": {"en": "resource search query:fact-check", "ur": "resource search query:حقائق"},
    "help.cmd.resource_top": {"en": "the most upvoted resources", "ur": "سب سے زیادہ پسند کیے گئے وسائل"},
    "help.ex.resource_top": {"en": "resource top tag:urdu", "ur": "resource top tag:urdu"},
    "help.cmd.resource_remove": {
        "en": "remove a resource you shared (moderators: any resource)",
        "ur": "اپنا شیئر کیا ہوا وسیلہ ہٹائیں (ماڈریٹر کوئی بھی وسیلہ ہٹا سکتے ہیں)",
    },
    "help.ex.resource_remove": {"en": "resource remove id:12", "ur": "resource remove id:12"},
    "help.cmd.report": {
        "en": "report misinformation or harmful content seen elsewhere, privately to the moderators",
        "ur": "کہیں اور دیکھی گئی غلط معلومات یا نقصان دہ مواد کی رپورٹ، خاموشی سے ماڈریٹروں کو",
    },
    "help.ex.report": {
        "en": "report target:https://example.com/post/123 category:Misinformation",
        "ur": "report target:https://example.com/post/123 category:Misinformation",
    },
    "help.cmd.report_message": {
        "en": "report a message in this server, privately to the moderators",
        "ur": "اس سرور کے کسی پیغام کی رپورٹ، خاموشی سے ماڈریٹروں کو",
    },
    "help.ex.report_message": {
        "en": "right-click the message (on a phone: press and hold), then Apps, then Report message",
        "ur": "پیغام پر رائٹ کلک کریں (فون پر: دبائے رکھیں)، پھر Apps، پھر Report message",
    },
    "help.cmd.event_create": {"en": "announce an event with RSVP buttons", "ur": "حاضری کے بٹنوں کے ساتھ تقریب کا اعلان"},
    "help.ex.event_create": {
        "en": "event create title:Creators meetup when:next friday 6pm capacity:30",
        "ur": "event create title:تخلیق کاروں کی بیٹھک when:جمعہ شام 6 بجے capacity:30",
    },
    "help.cmd.event_edit": {
        "en": "change an event; everyone who answered is told what changed",
        "ur": "تقریب میں تبدیلی؛ جواب دینے والے سب اراکین کو بتایا جاتا ہے کہ کیا بدلا",
    },
    "help.ex.event_edit": {"en": "event edit event:Creators meetup when:saturday 5pm", "ur": "event edit event:تخلیق کاروں کی بیٹھک when:ہفتہ شام 5 بجے"},
    "help.cmd.event_cancel": {
        "en": "cancel an event; everyone who answered is told",
        "ur": "تقریب منسوخ کریں؛ جواب دینے والے سب اراکین کو بتایا جاتا ہے",
    },
    "help.ex.event_cancel": {"en": "event cancel event:Creators meetup reason:the hall is closed", "ur": "event cancel event:تخلیق کاروں کی بیٹھک reason:ہال بند ہے"},
    "help.cmd.event_attendees": {
        "en": "who answered, with a CSV file",
        "ur": "کس نے کیا جواب دیا، CSV فائل کے ساتھ",
    },
    "help.ex.event_attendees": {"en": "event attendees event:Creators meetup", "ur": "event attendees event:تخلیق کاروں کی بیٹھک"},
    "help.cmd.reports_queue": {"en": "cases waiting for moderators, urgent first", "ur": "ماڈریٹروں کے منتظر کیس، فوری والے پہلے"},
    "help.ex.reports_queue": {"en": "reports queue status:new", "ur": "reports queue status:new"},
    "help.cmd.reports_show": {"en": "a case's card, evidence and history", "ur": "کسی کیس کا کارڈ، ثبوت اور تاریخچہ"},
    "help.ex.reports_show": {"en": "reports show case:R-0001", "ur": "reports show case:R-0001"},
    "help.cmd.reports_outcome": {
        "en": "record what a platform did with an escalated case",
        "ur": "آگے بھیجے گئے کیس پر پلیٹ فارم کا فیصلہ درج کریں",
    },
    "help.ex.reports_outcome": {"en": "reports outcome case:R-0003 result:Removed", "ur": "reports outcome case:R-0003 result:Removed"},
    "help.cmd.reports_stats": {
        "en": "counts, median times and how platforms answered",
        "ur": "تعداد، عموماً لگنے والا وقت (میڈین) اور پلیٹ فارموں کا ردِعمل",
    },
    "help.ex.reports_stats": {"en": "reports stats days:30", "ur": "reports stats days:30"},
    "help.cmd.reports_export": {
        "en": "cases as a CSV or JSON file, without who reported them",
        "ur": "کیس CSV یا JSON فائل میں، رپورٹ کرنے والوں کے نام کے بغیر",
    },
    "help.ex.reports_export": {"en": "reports export format:csv since:7d", "ur": "reports export format:csv since:7d"},
    "help.cmd.setup": {
        "en": "show or change the bot's settings for this server",
        "ur": "اس سرور کے لیے بوٹ کی ترتیبات دیکھیں یا بدلیں",
    },
    "help.ex.setup": {"en": "setup language:ur reminders:24h,1h", "ur": "setup language:ur reminders:24h,1h"},
    "help.cmd.factcheck_search": {
        "en": "search fact-checks, this community's and the network's",
        "ur": "حقائق کی جانچ تلاش کریں، اس کمیونٹی کی بھی اور نیٹ ورک کی بھی",
    },
    "help.ex.factcheck_search": {"en": "factcheck search query:vaccine rumour", "ur": "factcheck search query:ویکسین افواہ"},
    "help.cmd.factcheck_list": {
        "en": "the latest fact-checks, optionally of one verdict",
        "ur": "تازہ ترین حقائق کی جانچ، چاہیں تو کسی ایک فیصلے کی",
    },
    "help.ex.factcheck_list": {"en": "factcheck list verdict:false", "ur": "factcheck list verdict:false"},
    "help.cmd.factcheck_show": {
        "en": "one fact-check with its sources and corrections",
        "ur": "ایک جانچ، اس کے ذرائع اور درستیوں سمیت",
    },
    "help.ex.factcheck_show": {"en": "factcheck show id:F-12", "ur": "factcheck show id:F-12"},
    "help.cmd.factcheck_publish": {
        "en": "publish a fact-check from a misinformation case; its reporters are told",
        "ur": "غلط معلومات کے کیس سے جانچ شائع کریں؛ رپورٹ کرنے والوں کو بتا دیا جاتا ہے",
    },
    "help.ex.factcheck_publish": {
        "en": "factcheck publish case:R-0042 verdict:false summary:The photo is from 2015",
        "ur": "factcheck publish case:R-0042 verdict:false summary:یہ تصویر 2015 کی ہے",
    },
    "help.cmd.factcheck_correct": {
        "en": "add a visible correction to a fact-check",
        "ur": "کسی جانچ میں نظر آنے والی درستی شامل کریں",
    },
    "help.ex.factcheck_correct": {
        "en": "factcheck correct id:F-12 note:The date was 2016",
        "ur": "factcheck correct id:F-12 note:تاریخ 2016 تھی",
    },
    "help.cmd.factcheck_withdraw": {
        "en": "withdraw a fact-check, with the reason shown",
        "ur": "جانچ واپس لیں، وجہ سب کو نظر آئے گی",
    },
    "help.ex.factcheck_withdraw": {
        "en": "factcheck withdraw id:F-12 reason:Published by mistake",
        "ur": "factcheck withdraw id:F-12 reason:غلطی سے شائع ہوئی",
    },
    "help.cmd.network_invite": {
        "en": "a one-time code that lets another community join your network",
        "ur": "ایک بار چلنے والا کوڈ، جس سے دوسری کمیونٹی آپ کے نیٹ ورک میں آ سکے",
    },
    "help.ex.network_invite": {"en": "network invite", "ur": "network invite"},
    "help.cmd.network_join": {
        "en": "join a network with a code from another community's admin",
        "ur": "دوسری کمیونٹی کے ایڈمن کے کوڈ سے نیٹ ورک میں شامل ہوں",
    },
    "help.ex.network_join": {"en": "network join code:NET-7KQ2M9XW4R", "ur": "network join code:NET-7KQ2M9XW4R"},
    "help.cmd.network_share": {
        "en": "choose what this community shares: fact-checks, resources",
        "ur": "طے کریں کہ یہ کمیونٹی کیا شیئر کرے: حقائق کی جانچ، وسائل",
    },
    "help.ex.network_share": {"en": "network share factchecks:on resources:off", "ur": "network share factchecks:on resources:off"},
    "help.cmd.network_leave": {
        "en": "leave the network; nothing is shared any more",
        "ur": "نیٹ ورک چھوڑ دیں؛ اس کے بعد کچھ شیئر نہیں ہو گا",
    },
    "help.ex.network_leave": {"en": "network leave", "ur": "network leave"},
    "help.cmd.network_status": {
        "en": "the network's members, what each shares, and its log",
        "ur": "نیٹ ورک کے اراکین، کون کیا شیئر کرتا ہے، اور اس کا ریکارڈ",
    },
    "help.ex.network_status": {"en": "network status", "ur": "network status"},
    "help.cmd.event_checkin-code": {
        "en": "a short code members enter with /checkin at an in-person meetup",
        "ur": "ایک مختصر کوڈ، جو اراکین آمنے سامنے کی بیٹھک میں /checkin سے درج کرتے ہیں",
    },
    "help.ex.event_checkin-code": {"en": "event checkin-code event:Creators meetup", "ur": "event checkin-code event:تخلیق کاروں کی بیٹھک"},
    "help.cmd.event_stats": {
        "en": "going, maybe, waitlisted, checked in and no-shows for one event",
        "ur": "ایک تقریب کے آنے والے، شاید، انتظار میں، حاضر اور غیر حاضر",
    },
    "help.ex.event_stats": {"en": "event stats event:Creators meetup", "ur": "event stats event:تخلیق کاروں کی بیٹھک"},
    "help.cmd.event_report": {
        "en": "attendance over a period, with repeat attendees, no-show rate and CSV files",
        "ur": "کسی مدت کی حاضری، بار بار آنے والے، غیر حاضری کی شرح اور CSV فائلیں",
    },
    "help.ex.event_report": {"en": "event report days:90", "ur": "event report days:90"},
    "help.cmd.checkin": {
        "en": "check in at a meetup with the code the organiser shows",
        "ur": "منتظم کا دکھایا ہوا کوڈ درج کر کے بیٹھک میں حاضری لگائیں",
    },
    "help.ex.checkin": {"en": "checkin code:482913", "ur": "checkin code:482913"},
    "help.cmd.my_attendance": {
        "en": "the events you attended, were late to or missed",
        "ur": "وہ تقریبات جن میں آپ آئے، دیر سے آئے یا نہیں آ سکے",
    },
    "help.ex.my_attendance": {"en": "my attendance", "ur": "my attendance"},
    "help.cmd.my_reports": {
        "en": "your own reports and their status, with Reply to answer the moderators",
        "ur": "آپ کی اپنی رپورٹیں اور ان کی صورتِ حال، اور ماڈریٹروں کو جواب دینے کے لیے Reply",
    },
    "help.ex.my_reports": {"en": "my reports", "ur": "my reports"},
    "help.cmd.reports_snippet_add": {
        "en": "save a reply you send often to reporters",
        "ur": "رپورٹ کرنے والوں کو اکثر بھیجا جانے والا جواب محفوظ کریں",
    },
    "help.ex.reports_snippet_add": {
        "en": "reports snippet add name:need-link text:Could you send us the link to the post?",
        "ur": "reports snippet add name:need-link text:کیا آپ ہمیں پوسٹ کا لنک بھیج سکتے ہیں؟",
    },
    "help.cmd.reports_snippet_list": {
        "en": "the saved replies of this server",
        "ur": "اس سرور کے محفوظ جوابات",
    },
    "help.ex.reports_snippet_list": {"en": "reports snippet list", "ur": "reports snippet list"},
    "help.cmd.reports_snippet_remove": {
        "en": "remove a saved reply",
        "ur": "محفوظ جواب ہٹائیں",
    },
    "help.ex.reports_snippet_remove": {"en": "reports snippet remove name:need-link", "ur": "reports snippet remove name:need-link"},
    # -- event templates, /my timezone ---------------------------------------------------------
    "help.cmd.event_template_save": {
        "en": "save an event's details as a template for /event create template:",
        "ur": "کسی تقریب کی تفصیلات سانچے کے طور پر محفوظ کریں، /event create template: کے لیے",
    },
    "help.ex.event_template_save": {"en": "event template save name:clinic event:Weekly clinic",
                                    "ur": "event template save name:clinic event:ہفتہ وار کلینک"},
    "help.cmd.event_template_list": {"en": "this server's event templates", "ur": "اس سرور کے تقریبات کے سانچے"},
    "help.ex.event_template_list": {"en": "event template list", "ur": "event template list"},
    "help.cmd.event_template_delete": {"en": "delete an event template", "ur": "تقریب کا سانچہ حذف کریں"},
    "help.ex.event_template_delete": {"en": "event template delete name:clinic", "ur": "event template delete name:clinic"},
    "help.cmd.my_timezone": {
        "en": "your own time zone for reminders, calendar and CSV files",
        "ur": "یاد دہانیوں، کیلنڈر اور CSV فائلوں کے لیے آپ کا اپنا ٹائم زون",
    },
    "help.ex.my_timezone": {"en": "my timezone zone:Asia/Karachi", "ur": "my timezone zone:Asia/Karachi"},
}
