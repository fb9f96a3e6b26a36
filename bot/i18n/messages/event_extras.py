"""Messages for role-gated RSVP, the announcement's ping and going names, event templates and
each member's own zone (/my timezone)."""

MESSAGES = {
    # -- role-gated RSVP and the announcement -----------------------------------------------------
    "event.field.role": {"en": "Who may answer", "ur": "کون جواب دے سکتا ہے"},
    "embed.rsvp_role": {"en": "Who may answer", "ur": "کون جواب دے سکتا ہے"},
    "embed.rsvp_role_value": {"en": "Members with {role}", "ur": "{role} والے اراکین"},
    "embed.going_names": {"en": "Who's going", "ur": "کون آ رہا ہے"},
    "embed.going_more": {"en": "{names} and {count} more", "ur": "{names} اور {count} مزید"},
    "embed.going_only": {"en": "{count:member|members}", "ur": "{count:رکن|اراکین}"},
    "rsvp.role_required": {
        "en": "Only members with the {role} role can answer Going or Maybe to this event.",
        "ur": "اس تقریب میں \"آ رہے ہیں\" یا \"شاید\" کا جواب صرف {role} رول والے اراکین دے سکتے ہیں۔",
    },
    "event.ping_everyone": {
        "en": "An announcement never pings @everyone. Pick the role whose members should be told.",
        "ur": "اعلان میں @everyone کو کبھی پنگ نہیں کیا جاتا۔ وہ رول چنیں جس کے اراکین کو اطلاع دینی ہے۔",
    },
    # -- templates ------------------------------------------------------------------------------
    "template.bad_name": {
        "en": "`{value}` cannot be a template name: use 1 to {maximum} letters, digits, `-` or `_`.",
        "ur": "`{value}` سانچے کا نام نہیں ہو سکتا: 1 سے {maximum} تک حروف، ہندسے، `-` یا `_` استعمال کریں۔",
    },
    "template.unknown": {
        "en": "There is no template called `{name}` in this server. `/event template list` shows them.",
        "ur": "اس سرور میں `{name}` نام کا کوئی سانچہ نہیں۔ `/event template list` سے سب دیکھیں۔",
    },
    "template.too_many": {
        "en": "This server already has {maximum} templates. Delete one with `/event template delete` first.",
        "ur": "اس سرور میں پہلے ہی {maximum} سانچے ہیں۔ پہلے `/event template delete` سے کوئی ایک ہٹائیں۔",
    },
    "template.saved": {
        "en": "Template `{name}` saved from **{title}**. Use it with `/event create template:{name} when:...`.",
        "ur": "سانچہ `{name}`، **{title}** سے محفوظ ہو گیا۔ اسے `/event create template:{name} when:...` سے استعمال کریں۔",
    },
    "template.replaced": {
        "en": "Template `{name}` replaced with the details of **{title}**.",
        "ur": "سانچہ `{name}` کو **{title}** کی تفصیلات سے بدل دیا گیا۔",
    },
    "template.deleted": {"en": "Template `{name}` deleted.", "ur": "سانچہ `{name}` حذف کر دیا گیا۔"},
    "template.list_title": {"en": "Event templates", "ur": "تقریبات کے سانچے"},
    "template.list_empty": {
        "en": "No templates yet. Save one from an event with `/event template save`.",
        "ur": "ابھی کوئی سانچہ نہیں۔ کسی تقریب سے `/event template save` کے ذریعے محفوظ کریں۔",
    },
    "template.line": {
        "en": "`{name}`: **{title}**, {duration}{capacity}{role}",
        "ur": "`{name}`: **{title}**، {duration}{capacity}{role}",
    },
    "template.line_capacity": {"en": ", {capacity} places", "ur": "، {capacity} جگہیں"},
    "template.line_role": {"en": ", members with {role}", "ur": "، {role} والے اراکین"},
    # -- /my timezone ---------------------------------------------------------------------------
    "myzone.set": {
        "en": "Your time zone is now **{zone}**: times I write out for you (reminders, calendar and CSV files) "
              "use it. It is {local} there now.",
        "ur": "آپ کا ٹائم زون اب **{zone}** ہے: یاد دہانیوں، کیلنڈر اور CSV فائلوں میں وقت اسی کے مطابق لکھا جائے گا۔ "
              "وہاں اس وقت {local} ہیں۔",
    },
    "myzone.current": {
        "en": "Your time zone is **{zone}**. Change it with `/my timezone zone:`.",
        "ur": "آپ کا ٹائم زون **{zone}** ہے۔ اسے `/my timezone zone:` سے بدلیں۔",
    },
    "myzone.default": {
        "en": "You have not chosen a time zone: times are written out in the server's, **{zone}**. "
              "Choose yours with `/my timezone zone:`.",
        "ur": "آپ نے کوئی ٹائم زون نہیں چنا: وقت سرور کے ٹائم زون **{zone}** میں لکھا جاتا ہے۔ "
              "اپنا ٹائم زون `/my timezone zone:` سے چنیں۔",
    },
    "myzone.cleared": {
        "en": "Your own time zone is removed: times are written out in the server's, **{zone}**.",
        "ur": "آپ کا اپنا ٹائم زون ہٹا دیا گیا: اب وقت سرور کے ٹائم زون **{zone}** میں لکھا جائے گا۔",
    },
    "myzone.bad": {
        "en": "`{value}` is not a time zone I know. Pick one from the list, e.g. Asia/Karachi or Europe/London.",
        "ur": "`{value}` کوئی معلوم ٹائم زون نہیں۔ فہرست میں سے چنیں، مثلاً Asia/Karachi یا Europe/London۔",
    },
}
