"""Messages for events that repeat (series), check-in and attendance."""

MESSAGES = {
    # -- repeat rules and scopes -----------------------------------------------------------------
    "series.rule.weekly": {"en": "every week", "ur": "ہر ہفتے"},
    "series.rule.fortnightly": {"en": "every 2 weeks", "ur": "ہر دو ہفتے بعد"},
    "series.rule.monthly_weekday": {"en": "every month on the same weekday",
                                    "ur": "ہر مہینے اسی دن (مثلاً دوسرا منگل)"},
    "series.rule.monthly_date": {"en": "every month on the same date", "ur": "ہر مہینے اسی تاریخ کو"},
    "series.scope.this": {"en": "this date only", "ur": "صرف یہ تاریخ"},
    "series.scope.following": {"en": "this and the following dates", "ur": "یہ اور اس کے بعد کی تاریخیں"},
    "series.scope.all": {"en": "all dates still to come", "ur": "آنے والی تمام تاریخیں"},
    # -- refusals ----------------------------------------------------------------------------------
    "series.bad_repeat": {
        "en": "`{value}` is not a way to repeat. Use weekly, every 2 weeks, monthly (same weekday) "
              "or monthly date (same date).",
        "ur": "`{value}` دہرانے کا کوئی طریقہ نہیں۔ weekly، every 2 weeks، monthly (اسی دن) "
              "یا monthly date (اسی تاریخ) میں سے چنیں۔",
    },
    "series.bad_until": {
        "en": "`{value}` is not a date. Write `until` as year-month-day, for example 2026-12-31.",
        "ur": "`{value}` تاریخ نہیں ہے۔ `until` کو سال-مہینہ-دن کی صورت میں لکھیں، مثلاً 2026-12-31۔",
    },
    "series.until_or_count": {
        "en": "Give either `until` or `count`, not both.",
        "ur": "`until` یا `count` میں سے ایک ہی دیں، دونوں نہیں۔",
    },
    "series.bad_count": {
        "en": "`count` must be a whole number from 2 to {maximum}, not {value}.",
        "ur": "`count` 2 سے {maximum} تک کا پورا عدد ہو، {value} نہیں۔",
    },
    "series.bad_ahead": {
        "en": "`announce_ahead` must be a number of days from 0 to {maximum}, not {value}.",
        "ur": "`announce_ahead` 0 سے {maximum} تک دنوں کی تعداد ہو، {value} نہیں۔",
    },
    "series.until_before_start": {
        "en": "`until` {value} is before the first date. Pick a later day.",
        "ur": "`until` یعنی {value} پہلی تاریخ سے پہلے ہے۔ بعد کا کوئی دن چنیں۔",
    },
    "series.until_too_far": {
        "en": "`until` {value} is more than {days:day|days} after the first date: a series runs for a year at most.",
        "ur": "`until` یعنی {value} پہلی تاریخ سے {days:دن|دن} سے زیادہ آگے ہے: سلسلہ زیادہ سے زیادہ ایک سال چلتا ہے۔",
    },
    "series.too_few": {
        "en": "That gives only one date: a series needs at least two. Choose a later `until` or a `count`.",
        "ur": "اس سے صرف ایک تاریخ بنتی ہے، جبکہ سلسلے کے لیے کم از کم دو چاہییں۔ بعد کی `until` یا `count` دیں۔",
    },
    "series.bad_scope": {
        "en": "`{value}` is not a scope. Use this, following or all.",
        "ur": "`{value}` دائرہ نہیں ہے۔ this، following یا all میں سے چنیں۔",
    },
    "series.not_a_series": {
        "en": "**{title}** does not repeat, so `scope` following or all does not apply. Leave `scope` out.",
        "ur": "**{title}** دہرائی جانے والی تقریب نہیں، اس لیے following یا all کا دائرہ لاگو نہیں۔ `scope` خالی چھوڑ دیں۔",
    },
    "series.moved_past": {
        "en": "That move would put some dates in the past. Pick a later time, or change fewer dates.",
        "ur": "اس تبدیلی سے کچھ تاریخیں گزرے وقت میں چلی جائیں گی۔ بعد کا وقت چنیں یا کم تاریخیں بدلیں۔",
    },
    "series.repeat_alone": {
        "en": "Change how the event repeats (`repeat`, `until`, `count`) on its own, then the other details "
              "in a second edit.",
        "ur": "دہرانے کا طریقہ (`repeat`، `until`، `count`) الگ سے بدلیں، باقی تفصیلات دوسری ترمیم میں۔",
    },
    "series.repeat_scope": {
        "en": "Changing how the event repeats needs `scope` following (from this date) or all (every date "
              "still to come).",
        "ur": "دہرانے کا طریقہ بدلنے کے لیے `scope` میں following (اس تاریخ سے آگے) یا all (آنے والی تمام تاریخیں) چنیں۔",
    },
    # -- replies and DMs --------------------------------------------------------------------------
    "series.created": {
        "en": "**{title}** repeats {rule}: {count:date|dates}, the first {start} ({relative}), the last {last} "
              "({zone} time, kept across daylight saving). Each date is announced {days:day|days} before it.",
        "ur": "**{title}** {rule} ہوگی: کل {count:تاریخ|تاریخیں}، پہلی {start} ({relative})، آخری {last} ({zone} کا وقت، گرمیوں کے وقت کی تبدیلی میں بھی وہی)۔ ہر تاریخ کا اعلان اس سے {days:دن|دن} پہلے ہوگا۔",
    },
    "series.first_link": {"en": "First announcement: {url}", "ur": "پہلا اعلان: {url}"},
    "series.first_later": {
        "en": "The first date will be announced {when}.",
        "ur": "پہلی تاریخ کا اعلان {when} کو ہوگا۔",
    },
    "series.edited": {
        "en": "**{title}**: {count:date|dates} changed ({scope}).\n{changes}\n{notified:member|members} told by DM.",
        "ur": "**{title}**: {count:تاریخ بدل گئی|تاریخیں بدل گئیں} ({scope})۔\n{changes}\n{notified:رکن|اراکین} کو براہِ راست پیغام سے بتا دیا گیا۔",
    },
    "series.dm_edited": {
        "en": "**{title}** changed, for {count:date|dates} you answered:\n{changes}\n{url}",
        "ur": "**{title}** میں تبدیلی ہوئی، آپ کی جواب دی ہوئی {count:تاریخ|تاریخوں} کے لیے:\n{changes}\n{url}",
    },
    "series.cancel_done": {
        "en": "**{title}**: {count:date|dates} cancelled ({scope}), from {start}. {notified:member|members} told by DM.",
        "ur": "**{title}**: {start} سے {count:تاریخ|تاریخیں} منسوخ ({scope})۔ {notified:رکن|اراکین} کو براہِ راست پیغام سے بتا دیا گیا۔",
    },
    "series.dm_cancelled": {
        "en": "**{title}** is cancelled from {start}: {count:date|dates} you answered will not take place.{reason}",
        "ur": "**{title}** {start} سے منسوخ ہے: آپ کی جواب دی ہوئی {count:تاریخ اب نہیں ہوگی|تاریخیں اب نہیں ہوں گی}۔{reason}",
    },
    "series.repeat_changed": {
        "en": "**{title}** now repeats {rule}: {count:date|dates} to come, from {start} to {last}. "
              "{kept:date|dates} kept with the answers given, {added:new date|new dates}, "
              "{cancelled:date|dates} cancelled; {notified:member|members} told by DM. "
              "Past dates are unchanged.",
        "ur": "**{title}** اب {rule} ہوگی: آنے والی {count:تاریخ|تاریخیں}، {start} سے {last} تک۔ "
              "{kept:تاریخ|تاریخیں} جوابات سمیت برقرار، {added:نئی تاریخ|نئی تاریخیں}، "
              "{cancelled:تاریخ|تاریخیں} منسوخ؛ {notified:رکن|اراکین} کو براہِ راست پیغام سے بتا دیا گیا۔ "
              "گزری ہوئی تاریخیں نہیں بدلیں۔",
    },
    "series.reason_repeat": {
        "en": "The event now repeats {rule}.",
        "ur": "یہ تقریب اب {rule} ہوگی۔",
    },
    "series.dm_repeat_changed": {
        "en": "**{title}** now repeats {rule}, so {count:date|dates} you answered will not take place, "
              "the first {start}. Your answers to the dates still on are kept.",
        "ur": "**{title}** اب {rule} ہوگی، اس لیے آپ کی جواب دی ہوئی {count:تاریخ اب نہیں ہوگی|تاریخیں اب نہیں ہوں گی}، "
              "پہلی {start}۔ باقی تاریخوں کے لیے آپ کے جوابات برقرار ہیں۔",
    },
    "series.ics_ready": {
        "en": "**{title}**: this date, and the whole series, as calendar files.",
        "ur": "**{title}**: یہ تاریخ اور پورا سلسلہ، کیلنڈر فائلوں کی صورت میں۔",
    },
}
