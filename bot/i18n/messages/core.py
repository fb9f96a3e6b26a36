"""Messages shared by every feature: errors, permissions, durations, /setup."""

MESSAGES = {
    "common.error": {
        "en": "Sorry, something went wrong on our side. Nothing you sent was lost. Reference: `{ref}`",
        "ur": "معذرت، ہماری طرف کوئی خرابی ہو گئی۔ آپ کا بھیجا ہوا کچھ ضائع نہیں ہوا۔ حوالہ: `{ref}`",
    },
    "common.not_saved": {
        "en": "Sorry, something went wrong on our side and this could not be saved. Please try again. "
              "Reference: `{ref}`",
        "ur": "معذرت، ہماری طرف کوئی خرابی ہو گئی اور یہ محفوظ نہیں ہو سکا۔ براہِ کرم دوبارہ کوشش کریں۔ "
              "حوالہ: `{ref}`",
    },
    "common.not_saved_full": {
        "en": "Sorry, the bot's storage is full right now, so this could not be saved. Please try again "
              "in a few minutes.",
        "ur": "معذرت، اس وقت بوٹ کی اسٹوریج بھری ہوئی ہے، اس لیے یہ محفوظ نہیں ہو سکا۔ براہِ کرم چند منٹ "
              "بعد دوبارہ کوشش کریں۔",
    },
    "common.button_gone": {
        "en": "This button no longer works. Use the latest message or the command instead.",
        "ur": "یہ بٹن اب کام نہیں کرتا۔ اس کے بجائے تازہ پیغام یا کمانڈ استعمال کریں۔",
    },
    "common.not_found": {
        "en": "That no longer exists here, or it belongs to another server.",
        "ur": "یہ اب یہاں موجود نہیں، یا کسی اور سرور سے تعلق رکھتی ہے۔",
    },
    "common.guild_only": {
        "en": "This works only inside a server, not in direct messages.",
        "ur": "یہ کام صرف سرور کے اندر ہو سکتا ہے، براہِ راست پیغامات میں نہیں۔",
    },
    "common.too_long": {
        "en": "`{field}` is too long: at most {limit:character|characters}.",
        "ur": "`{field}` بہت لمبا ہے: زیادہ سے زیادہ {limit:حرف|حروف}۔",
    },
    "common.none": {"en": "not set", "ur": "مقرر نہیں"},
    "common.on": {"en": "on", "ur": "آن"},
    "common.off": {"en": "off", "ur": "آف"},
    "common.dm_closed": {
        "en": "I could not DM them: their direct messages are closed.",
        "ur": "انہیں براہِ راست پیغام نہیں بھیجا جا سکا: ان کے براہِ راست پیغامات بند ہیں۔",
    },
    "common.form_expired": {
        "en": "This form has expired (it stayed open too long, or the bot restarted). Please start again.",
        "ur": "اس فارم کی مدت ختم ہو گئی (یہ بہت دیر کھلا رہا، یا بوٹ دوبارہ شروع ہوا)۔ براہِ کرم نئے سرے سے شروع کریں۔",
    },
    "common.page": {"en": "Page {page} of {pages}", "ur": "کل {pages} میں سے صفحہ {page}"},
    "common.previous": {"en": "Previous", "ur": "پچھلا"},
    "common.next": {"en": "Next", "ur": "اگلا"},
    "perm.need_admin": {
        "en": "Only admins (Manage Server) can do this.",
        "ur": "یہ صرف ایڈمن (Manage Server) کر سکتے ہیں۔",
    },
    "perm.need_organiser": {
        "en": "Only organisers can do this: you need the organiser role or Manage Events.",
        "ur": "یہ صرف منتظمین کر سکتے ہیں: اس کے لیے منتظم رول یا Manage Events کی اجازت چاہیے۔",
    },
    "perm.need_moderator": {
        "en": "Only moderators can do this: you need the moderator role or Manage Server.",
        "ur": "یہ صرف ماڈریٹر کر سکتے ہیں: اس کے لیے ماڈریٹر رول یا Manage Server کی اجازت چاہیے۔",
    },
    "duration.invalid": {
        "en": "`{value}` is not a duration. Write it like `90m`, `2h` or `1h30m`.",
        "ur": "`{value}` سے دورانیہ سمجھ نہیں آیا۔ یوں لکھیں: `90m`، `2h` یا `1h30m`۔",
    },
    "duration.out_of_range": {
        "en": "`{value}` is out of range: use between {minimum} and {maximum}.",
        "ur": "`{value}` حد سے باہر ہے: {minimum} اور {maximum} کے درمیان رکھیں۔",
    },
    "offsets.invalid": {
        "en": "`{value}` is not a list of reminder times. Write it like `24h,1h` or `30m`.",
        "ur": "`{value}` سے یاد دہانی کے اوقات سمجھ نہیں آئے۔ یوں لکھیں: `24h,1h` یا `30m`۔",
    },
    "offsets.too_many": {
        "en": "At most {maximum:reminder time|reminder times}, please.",
        "ur": "زیادہ سے زیادہ {maximum:یاد دہانی|یاد دہانیاں} رکھیں۔",
    },
    "setup.title": {"en": "Baithak settings", "ur": "بیٹھک کی ترتیبات"},
    "setup.saved": {"en": "Settings saved.", "ur": "ترتیبات محفوظ ہو گئیں۔"},
    "setup.current": {
        "en": "Current settings. Use `/setup` with options to change any of them.",
        "ur": "یہ موجودہ ترتیبات ہیں۔ کوئی ترتیب بدلنی ہو تو `/setup` کے ساتھ وہی آپشن دیں۔",
    },
    "setup.bad_timezone": {
        "en": "`{value}` is not a time zone I know. Pick one from the list, e.g. `Asia/Karachi`. Nothing was changed.",
        "ur": "`{value}` کوئی معلوم ٹائم زون نہیں۔ فہرست میں سے چنیں، مثلاً `Asia/Karachi`۔ کچھ تبدیل نہیں ہوا۔",
    },
    "setup.bad_language": {
        "en": "`{value}` is not a language I speak: use `en` or `ur`.",
        "ur": "`{value}` زبان دستیاب نہیں: `en` یا `ur` چنیں۔",
    },
    "setup.bad_sla": {
        "en": "Report SLA must be between 1 and 720 hours, not {value}.",
        "ur": "رپورٹ کا SLA ایک سے 720 گھنٹے کے درمیان ہونا چاہیے، {value} نہیں۔",
    },
    "setup.bad_channel": {
        "en": "{channel} is not a text channel I can post in.",
        "ur": "{channel} میں پیغام نہیں بھیجا جا سکتا: ایسا ٹیکسٹ چینل چنیں جس میں بوٹ کو لکھنے کی اجازت ہو۔",
    },
    "setup.warn_role_silent": {
        "en": "Note: {role} is not mentionable and I lack Mention Everyone, so urgent report cards cannot "
              "notify moderators. Make the role mentionable (Server Settings > Roles) or grant me Mention Everyone.",
        "ur": "نوٹ: {role} مینشن کے قابل نہیں اور میرے پاس Mention Everyone نہیں، اس لیے فوری رپورٹ کارڈ "
              "ماڈریٹروں کو اطلاع نہیں دے سکیں گے۔ رول کو مینشن کے قابل بنائیں (Server Settings > Roles) یا مجھے Mention Everyone دیں۔",
    },
    "setup.field.announcements": {"en": "Announcements channel", "ur": "اعلانات کا چینل"},
    "setup.field.moderation": {"en": "Moderation channel", "ur": "ماڈریشن چینل"},
    "setup.field.resources": {"en": "Resources channel", "ur": "وسائل کا چینل"},
    "setup.field.organiser_role": {"en": "Organiser role", "ur": "منتظم رول"},
    "setup.field.moderator_role": {"en": "Moderator role", "ur": "ماڈریٹر رول"},
    "setup.field.timezone": {"en": "Time zone", "ur": "ٹائم زون"},
    "setup.field.language": {"en": "Language", "ur": "زبان"},
    "setup.field.reminders": {"en": "Default reminders", "ur": "طے شدہ یاد دہانیاں"},
    "setup.field.resource_approval": {"en": "Resource approval", "ur": "وسائل کی منظوری"},
    "setup.field.report_sla_hours": {"en": "Report SLA (hours)", "ur": "رپورٹ SLA (گھنٹے)"},
    "language.en": {"en": "English", "ur": "انگریزی"},
    "language.ur": {"en": "Urdu", "ur": "اردو"},
}
