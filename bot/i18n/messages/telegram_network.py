"""Telegram's words for the network of communities (`/network_invite`, `/network_join`,
`/network_share`, `/network_leave`, `/network_status`) and the digest and network settings of
`/setup` (commands have no options on Telegram, so the texts name them as typed there)."""

MESSAGES = {
    # -- command menu ------------------------------------------------------------------------------
    "tg.command.network_invite": {"en": "A one-time code for another community to join the network (admins)",
                                  "ur": "دوسری کمیونٹی کو نیٹ ورک میں شامل کرنے کا ایک بار کا کوڈ (ایڈمن)"},
    "tg.command.network_join": {"en": "Join a network with another community's code (admins)",
                                "ur": "دوسری کمیونٹی کے کوڈ سے نیٹ ورک میں شامل ہوں (ایڈمن)"},
    "tg.command.network_share": {"en": "Choose what this community shares: factchecks or resources, on or off (admins)",
                                 "ur": "کیا شیئر کرنا ہے چنیں: factchecks یا resources، on یا off (ایڈمن)"},
    "tg.command.network_leave": {"en": "Leave the network: nothing is shared any more (admins)",
                                 "ur": "نیٹ ورک چھوڑیں: پھر کچھ شیئر نہیں ہو گا (ایڈمن)"},
    "tg.command.network_status": {"en": "The network's members, what each shares, and its log (admins)",
                                  "ur": "نیٹ ورک کے اراکین، ہر ایک کیا شیئر کرتا ہے، اور تازہ تبدیلیاں (ایڈمن)"},
    # -- the service's answers, in Telegram's command names ------------------------------------------
    "tg.network.invite.done": {
        "en": "Give this one-time code to the other community's admin: `{code}` (valid until {until}). "
              "They send `/network_join {code}` in their group (or `/network join code:{code}` on Discord).",
        "ur": "یہ ایک بار کا کوڈ دوسری کمیونٹی کے ایڈمن کو دیں: `{code}` ({until} تک)۔ وہ اپنے گروپ میں "
              "`/network_join {code}` بھیجیں (یا ڈسکارڈ پر `/network join code:{code}`)۔",
    },
    "tg.network.join.done": {
        "en": "Joined the network with {count:community|communities}: {names}. Choose what you share with "
              "`/network_share factchecks on`.",
        "ur": "نیٹ ورک میں شامل ہو گئے، {count:کمیونٹی|کمیونٹیاں}: {names}۔ کیا شیئر کرنا ہے، "
              "`/network_share factchecks on` سے چنیں۔",
    },
    "tg.network.none": {
        "en": "This community is not in a network. `/network_invite` gives a code for another community; "
              "`/network_join CODE` accepts one.",
        "ur": "یہ کمیونٹی کسی نیٹ ورک میں نہیں۔ `/network_invite` دوسری کمیونٹی کے لیے کوڈ دیتا ہے؛ "
              "`/network_join CODE` کوڈ قبول کرتا ہے۔",
    },
    # -- refusals (the shared ones name Discord's commands) ---------------------------------------
    "tg.network.bad_code": {
        "en": "That code is not valid: it may be mistyped, used already or expired. Ask for a new one with `/network_invite`.",
        "ur": "یہ کوڈ درست نہیں: شاید غلط لکھا گیا، پہلے استعمال ہو چکا یا اس کی مدت ختم ہو گئی۔ `/network_invite` سے نیا کوڈ منگوائیں۔",
    },
    "tg.network.already_member": {
        "en": "This community is already in a network. Leave it first with `/network_leave`.",
        "ur": "یہ کمیونٹی پہلے سے ایک نیٹ ورک میں ہے۔ پہلے `/network_leave` سے اسے چھوڑیں۔",
    },
    "tg.network.not_member": {
        "en": "This community is not in a network. Join one with `/network_join CODE`.",
        "ur": "یہ کمیونٹی کسی نیٹ ورک میں نہیں۔ `/network_join CODE` سے شامل ہوں۔",
    },
    "tg.network.join_usage": {
        "en": "Write the code another community's admin gave you: /network_join NET-7KQ2M9XW4R",
        "ur": "دوسری کمیونٹی کے ایڈمن کا دیا ہوا کوڈ لکھیں: /network_join NET-7KQ2M9XW4R",
    },
    "tg.network.share_usage": {
        "en": "Write what to share and on or off: /network_share factchecks on, /network_share resources off "
              "(both at once: /network_share factchecks on resources off).",
        "ur": "کیا شیئر کرنا ہے اور on یا off لکھیں: /network_share factchecks on، /network_share resources off "
              "(دونوں ایک ساتھ: /network_share factchecks on resources off)۔",
    },
    "tg.network.code_sent": {"en": "The network code is in your private chat with me.",
                             "ur": "نیٹ ورک کا کوڈ آپ کو نجی چیٹ میں بھیج دیا گیا ہے۔"},
    "tg.network.code_start_first": {
        "en": "The network code can only be sent to you privately, so nobody here reads it: start me first ({link}), then send the command again.",
        "ur": "نیٹ ورک کا کوڈ صرف نجی چیٹ میں بھیجا جا سکتا ہے تاکہ یہاں کوئی اسے نہ پڑھے: پہلے بیٹھک کو شروع کریں ({link})، پھر کمانڈ دوبارہ بھیجیں۔",
    },
    # -- /setup ------------------------------------------------------------------------------------
    "tg.setup.button.network_verdicts": {"en": "Network verdicts: {value}", "ur": "نیٹ ورک کے فیصلے: {value}"},
}
