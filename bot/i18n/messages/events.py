"""Messages for events, RSVP, reminders, /event and /my."""

MESSAGES = {
    # -- reading `when` ------------------------------------------------------------------------
    "when.unreadable": {
        "en": "I could not read `{value}` as a date and time. Try for example {examples}.",
        "ur": "`{value}` سے تاریخ اور وقت سمجھ نہیں آیا۔ یوں لکھ کر دیکھیں: {examples}۔",
    },
    "when.unread_part": {
        "en": "In `{value}` I could not read `{unread}`; the rest gives {understood}. "
              "Write the time in full, for example {examples}.",
        "ur": "`{value}` میں `{unread}` سمجھ نہیں آیا؛ باقی سے {understood} بنتا ہے۔ "
              "پورا وقت یوں لکھیں، مثلاً {examples}۔",
    },
    "when.no_time": {
        "en": "`{value}` gives a day ({understood}) but no time. Add one, for example {examples}.",
        "ur": "`{value}` میں دن ({understood}) ہے مگر وقت نہیں۔ وقت بھی لکھیں، مثلاً {examples}۔",
    },
    "when.past": {
        "en": "I read `{value}` as {understood}, <t:{unix}:R>: that is in the past. "
              "Give a future time, for example {examples}.",
        "ur": "میں نے `{value}` کو {understood} سمجھا، یعنی <t:{unix}:R>: یہ وقت گزر چکا ہے۔ "
              "آنے والا وقت لکھیں، مثلاً {examples}۔",
    },
    "when.too_far": {
        "en": "I read `{value}` as {understood}: that is more than two years ahead. Check the year.",
        "ur": "میں نے `{value}` کو {understood} سمجھا: یہ دو سال سے زیادہ آگے ہے۔ سال دوبارہ دیکھیں۔",
    },
    "when.nonexistent": {
        "en": "{understood} does not exist in {zone}: the clocks skip that hour for daylight saving. "
              "Pick a time an hour later or earlier.",
        "ur": "{zone} میں {understood} کا وقت موجود ہی نہیں: اس دن گھڑیاں ایک گھنٹہ آگے ہوتی ہیں۔ "
              "ایک گھنٹہ پہلے یا بعد کا وقت چنیں۔",
    },
    # -- event validation ----------------------------------------------------------------------
    "event.title_required": {"en": "An event needs a title.", "ur": "تقریب کا عنوان ضروری ہے۔"},
    "event.bad_capacity": {
        "en": "Capacity must be a whole number from 1 to {maximum}, not {value}. Leave it out for no limit.",
        "ur": "گنجائش 1 سے {maximum} تک کا پورا عدد ہو، {value} نہیں۔ کوئی حد نہ ہو تو اسے خالی چھوڑ دیں۔",
    },
    "event.no_channel": {
        "en": "Where should I announce it? Pick a `channel`, or ask an admin to set the announcements channel with `/setup`.",
        "ur": "اعلان کہاں کروں؟ `channel` چنیں، یا ایڈمن سے `/setup` میں اعلانات کا چینل مقرر کروائیں۔",
    },
    "event.cancelled": {
        "en": "**{title}** has been cancelled: it cannot be changed any more.",
        "ur": "**{title}** منسوخ ہو چکی ہے: اب اس میں تبدیلی نہیں ہو سکتی۔",
    },
    "event.over": {
        "en": "**{title}** is already over.",
        "ur": "**{title}** ختم ہو چکی ہے۔",
    },
    "event.capacity_below_going": {
        "en": "{going:member is|members are} already going, so capacity cannot be {value}. Nobody is taken off the list.",
        "ur": "{going:رکن|اراکین} پہلے ہی آ رہے ہیں، اس لیے گنجائش {value} نہیں ہو سکتی۔ کسی کو فہرست سے نہیں نکالا جاتا۔",
    },
    "event.nothing_changed": {
        "en": "Nothing to change: give at least one option with a new value.",
        "ur": "بدلنے کو کچھ نہیں ملا: کم از کم ایک آپشن میں نئی بات لکھیں۔",
    },
    "event.unknown": {
        "en": "I found no event `{value}` in this server. Pick one from the suggestions.",
        "ur": "اس سرور میں `{value}` نام کی کوئی تقریب نہیں ملی۔ نیچے دی گئی تجاویز میں سے چنیں۔",
    },
    "event.post_failed": {
        "en": "I could not post the announcement in <#{channel}>: check that I can send messages there. Nothing was created.",
        "ur": "<#{channel}> میں اعلان نہیں بھیجا جا سکا: دیکھ لیں کہ بوٹ کو وہاں پیغام بھیجنے کی اجازت ہے۔ تقریب نہیں بنائی گئی۔",
    },
    # -- replies to organisers -----------------------------------------------------------------
    "event.created": {
        "en": "**{title}** is announced: {url}\nStarts {start} ({relative}), read as {local}.",
        "ur": "**{title}** کا اعلان ہو گیا: {url}\nوقت: {start} ({relative})۔ آپ کا لکھا ہوا وقت {local} سمجھا گیا۔",
    },
    "event.edited": {
        "en": "**{title}** updated:\n{changes}\n{notified:member|members} told by DM.",
        "ur": "**{title}** میں یہ تبدیلیاں محفوظ ہو گئیں:\n{changes}\n{notified:رکن|اراکین} کو براہِ راست پیغام سے بتا دیا گیا۔",
    },
    "event.cancel_done": {
        "en": "**{title}** is cancelled. {notified:member|members} told by DM; pending reminders dropped.",
        "ur": "**{title}** منسوخ ہو گئی۔ {notified:رکن|اراکین} کو براہِ راست پیغام سے بتا دیا گیا؛ باقی یاد دہانیاں ختم کر دی گئیں۔",
    },
    "event.unreachable": {
        "en": "{count:member|members} could not be reached: their DMs are closed.",
        "ur": "{count:رکن|اراکین} تک پیغام نہیں پہنچ سکا: ان کے براہِ راست پیغامات بند ہیں۔",
    },
    "event.change_line": {"en": "• {field}: {old} → {new}", "ur": "• {field}: {old} ← {new}"},
    "event.field.title": {"en": "Title", "ur": "عنوان"},
    "event.field.when": {"en": "Time", "ur": "وقت"},
    "event.field.duration": {"en": "Duration", "ur": "دورانیہ"},
    "event.field.location": {"en": "Location", "ur": "مقام"},
    "event.field.description": {"en": "Description", "ur": "تفصیل"},
    "event.field.capacity": {"en": "Capacity", "ur": "گنجائش"},
    # -- the announcement ----------------------------------------------------------------------
    "embed.starts": {"en": "Starts", "ur": "آغاز"},
    "embed.ends": {"en": "Ends", "ur": "اختتام"},
    "embed.location": {"en": "Location", "ur": "مقام"},
    "embed.organiser": {"en": "Organiser", "ur": "منتظم"},
    "embed.going": {"en": "Going", "ur": "آ رہے ہیں"},
    "embed.maybe": {"en": "Maybe", "ur": "شاید"},
    "embed.waitlist": {"en": "Waitlist", "ur": "انتظار کی فہرست"},
    "embed.cancelled_title": {"en": "CANCELLED: {title}", "ur": "منسوخ: {title}"},
    "embed.cancelled_reason": {"en": "Cancelled", "ur": "منسوخی"},
    "embed.no_reason": {"en": "No reason given.", "ur": "کوئی وجہ نہیں بتائی گئی۔"},
    "embed.footer": {"en": "Event #{id} · times shown in your own zone · {zone}",
                     "ur": "تقریب #{id} · اوقات آپ کے اپنے ٹائم زون میں · {zone}"},
    "button.going": {"en": "Going", "ur": "ہاں، شرکت"},
    "button.maybe": {"en": "Maybe", "ur": "شاید"},
    "button.declined": {"en": "Can't go", "ur": "معذرت، نہیں"},
    "button.calendar": {"en": "Add to calendar", "ur": "کیلنڈر"},
    # -- RSVP replies --------------------------------------------------------------------------
    "rsvp.going": {"en": "You're going to **{title}**. See you there!",
                   "ur": "آپ **{title}** میں آ رہے ہیں۔ وہاں ملاقات ہوگی!"},
    "rsvp.waitlist": {
        "en": "**{title}** is full: you're on the waitlist, number {position}. I'll DM you if a place opens.",
        "ur": "**{title}** بھر چکی ہے: آپ انتظار کی فہرست میں نمبر {position} پر ہیں۔ جگہ خالی ہوئی تو آپ کو پیغام بھیجا جائے گا۔",
    },
    "rsvp.maybe": {"en": "Marked as maybe for **{title}**.", "ur": "**{title}** کے لیے آپ کا جواب \"شاید\" درج ہو گیا۔"},
    "rsvp.declined": {"en": "Noted: you can't make it to **{title}**.",
                      "ur": "درج ہو گیا: آپ **{title}** میں نہیں آ سکتے۔"},
    "rsvp.cancelled": {"en": "This event was cancelled.", "ur": "یہ تقریب منسوخ ہو چکی ہے۔"},
    "rsvp.over": {"en": "This event is already over.", "ur": "یہ تقریب ختم ہو چکی ہے۔"},
    "rsvp.bad_choice": {"en": "That button is not an answer I know.", "ur": "اس بٹن کا جواب سمجھ نہیں آیا۔ اعلان کا تازہ بٹن دبائیں۔"},
    "rsvp.promoted_dm": {
        "en": "Good news: a place opened at **{title}** ({start}) and you moved up from the waitlist. You're going! {url}",
        "ur": "خوشخبری: **{title}** ({start}) میں جگہ خالی ہوئی اور انتظار کی فہرست سے آپ کی باری آ گئی۔ اب آپ کی شرکت پکی ہے! {url}",
    },
    # -- DMs on edit and cancel ----------------------------------------------------------------
    "event.dm_edited": {
        "en": "**{title}**, which you answered, has changed:\n{changes}\n{url}",
        "ur": "آپ نے **{title}** کا جواب دیا تھا؛ اس میں یہ تبدیلی ہوئی ہے:\n{changes}\n{url}",
    },
    "event.dm_cancelled": {
        "en": "**{title}** ({start}) has been cancelled. {reason}",
        "ur": "**{title}** ({start}) منسوخ کر دی گئی ہے۔ {reason}",
    },
    "event.reason": {"en": "Reason: {reason}", "ur": "وجہ: {reason}"},
    # -- reminders -----------------------------------------------------------------------------
    "reminder.dm": {
        "en": "Reminder: **{title}** starts {relative} ({start}).{location}\n{url}",
        "ur": "یاد دہانی: **{title}** {relative} شروع ہو رہی ہے ({start})۔{location}\n{url}",
    },
    "reminder.late": {
        "en": "(Sent late: I was offline when this reminder was due.)",
        "ur": "(یہ یاد دہانی دیر سے پہنچ رہی ہے: اس کے وقت پر بوٹ آف لائن تھا۔)",
    },
    "reminder.location": {"en": " Location: {location}.", "ur": " مقام: {location}۔"},
    # -- calendar ------------------------------------------------------------------------------
    "ics.starts": {"en": "Starts {start} ({zone}).", "ur": "آغاز: {start} ({zone})۔"},
    "ics.ready": {"en": "Here is **{title}** for your calendar.", "ur": "**{title}** کی کیلنڈر فائل حاضر ہے: اسے کھول کر اپنے کیلنڈر میں شامل کر لیں۔"},
    # -- /event list, info, attendees ----------------------------------------------------------
    "list.title": {"en": "Upcoming events", "ur": "آنے والی تقریبات"},
    "list.empty": {"en": "No upcoming events in this server.", "ur": "اس سرور میں کوئی آنے والی تقریب نہیں۔"},
    "list.line": {
        "en": "**{title}** · {start} ({relative}) · {going}{capacity} going",
        "ur": "**{title}** · {start} ({relative}) · {going}{capacity} آ رہے ہیں",
    },
    "list.link": {"en": "announcement", "ur": "اعلان"},
    "attendees.title": {"en": "Attendees: {title}", "ur": "شرکاء: {title}"},
    "attendees.empty": {"en": "Nobody has answered yet.", "ur": "ابھی کسی نے جواب نہیں دیا۔"},
    "attendees.more": {"en": "…and {count:more member|more members} (all are in the CSV).", "ur": "…اور مزید {count:رکن|اراکین} (پوری فہرست CSV میں ہے)۔"},
    "attendees.csv_note": {
        "en": "The full list is attached as CSV (opens in any spreadsheet).",
        "ur": "مکمل فہرست CSV فائل میں منسلک ہے (کسی بھی اسپریڈشیٹ میں کھلتی ہے)۔",
    },
    "status.going": {"en": "Going", "ur": "آ رہے ہیں"},
    "status.maybe": {"en": "Maybe", "ur": "شاید"},
    "status.declined": {"en": "Can't go", "ur": "نہیں آ سکتے"},
    "status.waitlist": {"en": "Waitlist", "ur": "انتظار کی فہرست"},
    "csv.status": {"en": "status", "ur": "حیثیت"},
    "csv.position": {"en": "waitlist position", "ur": "انتظار میں نمبر"},
    "csv.user_id": {"en": "user id", "ur": "صارف آئی ڈی"},
    "csv.name": {"en": "name", "ur": "نام"},
    "csv.answered": {"en": "answered at ({zone})", "ur": "جواب کا وقت ({zone})"},
    # -- /my -----------------------------------------------------------------------------------
    "my.events.title": {"en": "Your upcoming events", "ur": "آپ کی آنے والی تقریبات"},
    "my.events.empty": {
        "en": "You have not answered any upcoming event. Click Going or Maybe on an announcement.",
        "ur": "آپ نے کسی آنے والی تقریب کا جواب نہیں دیا۔ کسی اعلان پر \"ہاں، شرکت\" یا \"شاید\" دبائیں۔",
    },
    "my.events.line": {"en": "**{title}** · {start} ({relative}) · {status}",
                       "ur": "**{title}** · {start} ({relative}) · {status}"},
    "my.calendar.ready": {
        "en": "Your {count:upcoming event|upcoming events}, ready to import into your calendar.",
        "ur": "آپ کی {count:آنے والی تقریب|آنے والی تقریبات} حاضر ہیں: یہ فائل اپنے کیلنڈر میں کھول لیں۔",
    },
}
