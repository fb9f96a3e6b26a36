"""Messages for check-in at the door and attendance figures."""

MESSAGES = {
    # -- check-in ----------------------------------------------------------------------------------
    "checkin.button": {"en": "Check in", "ur": "حاضری لگائیں"},
    "checkin.done": {"en": "You're checked in to **{title}**. Welcome!",
                     "ur": "**{title}** میں آپ کی حاضری لگ گئی۔ خوش آمدید!"},
    "checkin.done_late": {
        "en": "You're checked in to **{title}**, marked late (it started {start}).",
        "ur": "**{title}** میں آپ کی حاضری لگ گئی، دیر سے آنے والوں میں (تقریب {start} شروع ہوئی تھی)۔",
    },
    "checkin.not_yet": {
        "en": "Check-in for **{title}** opens <t:{opens}:R> (<t:{opens}:t>), 30 minutes before the start.",
        "ur": "**{title}** کی حاضری <t:{opens}:R> (<t:{opens}:t>) کھلے گی، شروع ہونے سے 30 منٹ پہلے۔",
    },
    "checkin.over": {"en": "**{title}** has ended: check-in is closed.",
                     "ur": "**{title}** ختم ہو چکی ہے، اب حاضری نہیں لگ سکتی۔"},
    "checkin.cancelled": {"en": "**{title}** was cancelled: there is nothing to check in to.",
                          "ur": "**{title}** منسوخ ہو گئی تھی، اس کی حاضری نہیں لگ سکتی۔"},
    "checkin.already": {"en": "You already checked in to **{title}** at <t:{at}:t>.",
                        "ur": "آپ <t:{at}:t> پر **{title}** میں حاضری لگا چکے ہیں۔"},
    "checkin.not_going": {
        "en": "Only members who answered Going or Maybe to **{title}** can check in. Answer on the "
              "announcement first.",
        "ur": "**{title}** میں حاضری صرف وہی لگا سکتے ہیں جنہوں نے \"ہاں، شرکت\" یا \"شاید\" چنا ہو۔ پہلے اعلان پر "
              "جواب دیں۔",
    },
    "checkin.waitlisted": {
        "en": "You're on the waitlist for **{title}**: only members with a place (Going) or Maybe can "
              "check in.",
        "ur": "آپ **{title}** کی انتظار فہرست میں ہیں؛ حاضری صرف جگہ پانے والے (\"ہاں، شرکت\") یا \"شاید\" والے "
              "لگا سکتے ہیں۔",
    },
    "checkin.code_wrong": {
        "en": "`{code}` is not a check-in code here. Check the 6 digits with the organiser.",
        "ur": "`{code}` یہاں کا حاضری کوڈ نہیں ہے۔ منتظم سے 6 ہندسے دوبارہ پوچھ لیں۔",
    },
    "checkin.code_expired": {
        "en": "The code `{code}` has expired. Ask the organiser for the current one.",
        "ur": "کوڈ `{code}` کی مدت ختم ہو چکی ہے۔ منتظم سے نیا کوڈ لیں۔",
    },
    "checkin.code_busy": {"en": "No free code could be made just now. Please try again.",
                          "ur": "ابھی نیا کوڈ نہیں بن سکا۔ دوبارہ کوشش کریں۔"},
    "checkin.code_issued": {
        "en": "Check-in code for **{title}**: **{code}**\nValid until {until} ({relative}). Members enter it "
              "with `/checkin`. Run this command again for a fresh code.",
        "ur": "**{title}** کا حاضری کوڈ: **{code}**\n{until} تک ({relative}) چلے گا۔ اراکین اسے `/checkin` میں "
              "لکھیں۔ نیا کوڈ چاہیے تو یہ کمانڈ دوبارہ چلائیں۔",
    },
    "checkin.starting_now": {"en": "**{title}** is starting now.{link}",
                             "ur": "**{title}** اب شروع ہو رہی ہے۔{link}"},
    "checkin.starting_link": {"en": " [Announcement and check-in]({url})",
                              "ur": " [اعلان اور حاضری]({url})"},
    "reminder.closed_line": {
        "en": "{count:member|members} could not be reminded of **{title}** by DM because their DMs are closed. "
              "To get reminders, open this server's menu → Privacy Settings → turn on Direct Messages.",
        "ur": "**{title}** کی یاد دہانی {count:رکن|اراکین} تک نہیں پہنچ سکی کیونکہ ان کے براہِ راست پیغامات بند ہیں۔ یاد دہانیاں پانے کے لیے سرور کا مینو کھولیں ← Privacy Settings ← Direct Messages آن کریں۔",
    },
    # -- /event stats ------------------------------------------------------------------------------
    "stats.title": {"en": "Attendance: {title}", "ur": "حاضری: {title}"},
    "stats.going": {"en": "Going", "ur": "جا رہے ہیں"},
    "stats.maybe": {"en": "Maybe", "ur": "شاید"},
    "stats.waitlist": {"en": "Waitlisted", "ur": "انتظار فہرست"},
    "stats.checked_in": {"en": "Checked in", "ur": "حاضری لگی"},
    "stats.checked_in_value": {"en": "{count} ({late} late)", "ur": "{count} (ان میں {late} دیر سے)"},
    "stats.no_shows": {"en": "No-shows", "ur": "نہیں آئے"},
    "stats.after_end": {"en": "counted after the end", "ur": "تقریب ختم ہونے پر گنے جائیں گے"},
    "stats.promoted": {"en": "Moved up from the waitlist", "ur": "انتظار فہرست سے جگہ ملی"},
    "stats.dm_closed": {"en": "Not reminded (DMs closed)", "ur": "یاد دہانی نہ پہنچی (براہِ راست پیغامات بند)"},
    "stats.footer": {"en": "No-shows: members going who did not check in.",
                     "ur": "نہیں آئے: وہ اراکین جنہوں نے \"ہاں، شرکت\" چنا مگر حاضری نہیں لگائی۔"},
    "attendance.bad_days": {"en": "`days` must be from 1 to {maximum}, not {value}.",
                            "ur": "`days` 1 سے {maximum} تک ہو، {value} نہیں۔"},
    # -- /my attendance ----------------------------------------------------------------------------
    "my.attendance.title": {"en": "Your attendance", "ur": "آپ کی حاضری"},
    "my.attendance.empty": {"en": "You have no past events you answered Going or Maybe to.",
                            "ur": "ایسی کوئی گزری ہوئی تقریب نہیں جس پر آپ نے \"ہاں، شرکت\" یا \"شاید\" کہا ہو۔"},
    "my.attendance.summary": {
        "en": "Attended {attended} · said Going {going} · late {late} · no-shows {no_shows}",
        "ur": "حاضر {attended} · \"ہاں، شرکت\" {going} · دیر سے {late} · نہیں آئے {no_shows}",
    },
    "my.attendance.line": {"en": "**{title}** · {date} · {what}", "ur": "**{title}** · {date} · {what}"},
    "my.attendance.in": {"en": "checked in", "ur": "حاضری لگی"},
    "my.attendance.late": {"en": "checked in late", "ur": "دیر سے حاضری لگی"},
    "my.attendance.no_show": {"en": "said Going, did not check in", "ur": "\"ہاں، شرکت\" چنا، حاضری نہیں لگی"},
    "my.attendance.maybe": {"en": "maybe, did not check in", "ur": "شاید، حاضری نہیں لگی"},
    # -- /event report -----------------------------------------------------------------------------
    "report.title": {"en": "Attendance, last {days:day|days}: {scope}", "ur": "حاضری، پچھلے {days:دن|دن}: {scope}"},
    "report.all_events": {"en": "all events", "ur": "تمام تقریبات"},
    "report.series": {"en": "the series {title}", "ur": "سلسلہ {title}"},
    "report.not_series": {"en": "**{title}** is not part of a repeating event. Choose one of its dates.",
                          "ur": "**{title}** کسی دہرائی جانے والی تقریب کا حصہ نہیں۔ سلسلے کی کوئی تاریخ چنیں۔"},
    "report.empty": {"en": "No events ended in this period.", "ur": "اس مدت میں کوئی تقریب ختم نہیں ہوئی۔"},
    "report.events": {"en": "Events", "ur": "تقریبات"},
    "report.no_show_rate": {"en": "No-show rate", "ur": "نہ آنے کی شرح"},
    "report.attendees": {"en": "Members who came", "ur": "آنے والے اراکین"},
    "report.repeat": {"en": "Came more than once", "ur": "ایک سے زیادہ بار آئے"},
    "report.footer": {"en": "Ended events only. Times in the files: {zone}.",
                      "ur": "صرف ختم شدہ تقریبات۔ فائلوں میں وقت: {zone}۔"},
    "report.csv.start": {"en": "Start", "ur": "آغاز"},
    "report.csv.event": {"en": "Event", "ur": "تقریب"},
    "report.csv.going": {"en": "Going", "ur": "جا رہے تھے"},
    "report.csv.maybe": {"en": "Maybe", "ur": "شاید"},
    "report.csv.waitlist": {"en": "Waitlisted", "ur": "انتظار فہرست"},
    "report.csv.promoted": {"en": "Moved up", "ur": "جگہ ملی"},
    "report.csv.checked_in": {"en": "Checked in", "ur": "حاضری لگی"},
    "report.csv.late": {"en": "Late", "ur": "دیر سے"},
    "report.csv.no_shows": {"en": "No-shows", "ur": "نہیں آئے"},
    "report.csv.dm_closed": {"en": "DMs closed", "ur": "براہِ راست پیغامات بند"},
    "report.csv.user_id": {"en": "User ID", "ur": "یوزر آئی ڈی"},
    "report.csv.name": {"en": "Name", "ur": "نام"},
    "report.csv.attended": {"en": "Attended", "ur": "حاضر"},
}
