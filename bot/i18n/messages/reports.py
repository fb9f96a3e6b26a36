"""Messages of report intake and triage (PRODUCT.md, "Reports: intake and triage")."""

MESSAGES = {
    # -- refusals (DomainError keys) -------------------------------------------------------------
    "reports.bad_category": {
        "en": "`{value}` is not a report category. Pick one from the list.",
        "ur": "`{value}` رپورٹ کی کوئی قسم نہیں۔ فہرست میں سے چنیں۔",
    },
    "reports.bad_platform": {
        "en": "`{value}` is not a platform I know. Pick one from the list.",
        "ur": "`{value}` کوئی معلوم پلیٹ فارم نہیں۔ فہرست میں سے چنیں۔",
    },
    "reports.bad_outcome": {
        "en": "`{value}` is not an outcome. Pick one from the list.",
        "ur": "`{value}` کوئی معلوم نتیجہ نہیں۔ فہرست میں سے چنیں۔",
    },
    "reports.bad_platform_outcome": {
        "en": "`{value}` is not a platform outcome. Pick one from the list.",
        "ur": "`{value}` پلیٹ فارم کا کوئی نتیجہ نہیں۔ فہرست میں سے چنیں۔",
    },
    "reports.bad_status": {
        "en": "`{value}` is not a case status. Pick one from the list.",
        "ur": "`{value}` کیس کی کوئی حالت نہیں۔ فہرست میں سے چنیں۔",
    },
    "reports.bad_since": {
        "en": "`{value}` is not a start I can read. Use a date like `2026-01-31` or a span like `7d` or `12h`.",
        "ur": "`{value}` سے آغاز کی تاریخ سمجھ نہیں آئی۔ تاریخ (جیسے `2026-01-31`) یا پیچھے کی مدت (جیسے `7d` یا `12h`) لکھیں۔",
    },
    "reports.own_message": {
        "en": "You cannot report your own message. If you want it gone, delete it.",
        "ur": "آپ اپنا ہی پیغام رپورٹ نہیں کر سکتے۔ ہٹانا ہو تو اسے ڈیلیٹ کر دیں۔",
    },
    "reports.empty_target": {
        "en": "Please give a link or paste the text you are reporting.",
        "ur": "براہِ کرم لنک دیں یا وہ متن چسپاں کریں جس کی رپورٹ کر رہے ہیں۔",
    },
    "reports.other_server_link": {
        "en": "That message link belongs to another server. Report it there, or paste its text instead.",
        "ur": "یہ پیغام کا لنک کسی اور سرور کا ہے۔ وہیں رپورٹ کریں، یا اس کا متن چسپاں کریں۔",
    },
    "reports.rate_limited": {
        "en": "You have sent {count:report|reports} in the last {window:minute|minutes}, the most allowed. "
              "Please try again in {minutes:minute|minutes}. Nothing was recorded this time.",
        "ur": "آپ پچھلے {window:منٹ|منٹ} میں {count:رپورٹ|رپورٹیں} بھیج چکے ہیں، جو حد ہے۔ "
              "براہِ کرم {minutes:منٹ|منٹ} بعد دوبارہ کوشش کریں۔ اس بار کچھ درج نہیں ہوا۔",
    },
    "reports.already_reported": {
        "en": "You already reported this: it is case **{ref}**. You will get a DM with the outcome.",
        "ur": "آپ یہ پہلے ہی رپورٹ کر چکے ہیں: یہ کیس **{ref}** ہے۔ نتیجہ آپ کو براہِ راست پیغام میں بتایا جائے گا۔",
    },
    "reports.already_closed": {
        "en": "Case {ref} is already closed. Nothing was changed.",
        "ur": "کیس {ref} پہلے ہی بند ہو چکا ہے۔ کچھ تبدیل نہیں ہوا۔",
    },
    "reports.already_claimed": {
        "en": "Case {ref} was already claimed. Nothing was changed.",
        "ur": "کیس {ref} کو پہلے ہی کوئی ماڈریٹر سنبھال چکا ہے۔ کچھ تبدیل نہیں ہوا۔",
    },
    "reports.already_escalated": {
        "en": "Case {ref} was already escalated. Record the platform's outcome instead.",
        "ur": "کیس {ref} پہلے ہی آگے بھیجا جا چکا ہے۔ اس کے بجائے پلیٹ فارم کا نتیجہ درج کریں۔",
    },
    "reports.not_escalated": {
        "en": "Case {ref} was never escalated to a platform, so it has no platform outcome.",
        "ur": "کیس {ref} کسی پلیٹ فارم کو نہیں بھیجا گیا، اس لیے پلیٹ فارم کا نتیجہ نہیں ہو سکتا۔",
    },
    "reports.reason_required": {
        "en": "Please give a reason for dismissing the case. Nothing was changed.",
        "ur": "کیس خارج کرنے کی وجہ لکھیں۔ کچھ تبدیل نہیں ہوا۔",
    },
    "reports.stale": {
        "en": "Case {ref} changed while you were looking at it. Nothing was changed: look at the card again.",
        "ur": "آپ کے دیکھتے دیکھتے کیس {ref} بدل گیا۔ کچھ تبدیل نہیں ہوا: کارڈ دوبارہ دیکھیں۔",
    },
    "reports.case_not_found": {
        "en": "There is no case `{value}` on this server. Use a reference like `R-0042`.",
        "ur": "اس سرور پر `{value}` نام کا کوئی کیس نہیں۔ حوالہ یوں لکھیں: `R-0042`۔",
    },
    "reports.form_expired": {
        "en": "This form has expired. Use **Report message** on the message again.",
        "ur": "یہ فارم ختم ہو چکا ہے۔ پیغام پر دوبارہ **Report message** استعمال کریں۔",
    },
    # -- intake --------------------------------------------------------------------------------------
    "reports.pick_category": {
        "en": "What is wrong with this message? Pick the category that fits best.",
        "ur": "اس پیغام میں کیا غلط ہے؟ سب سے موزوں قسم چنیں۔",
    },
    "reports.pick_category_placeholder": {"en": "Choose a category", "ur": "قسم چنیں"},
    "reports.confirm.new": {
        "en": "Thank you. Your report is case **{ref}**. Moderators will review it and you will get a DM "
              "with the outcome. Your name is not shown to the moderators handling it.",
        "ur": "شکریہ۔ آپ کی رپورٹ درج ہو گئی: اس کا کیس نمبر **{ref}** ہے۔ ماڈریٹر اس کا جائزہ لیں گے اور نتیجہ آپ کو براہِ راست پیغام میں "
              "بتایا جائے گا۔ کیس دیکھنے والے ماڈریٹروں کو آپ کا نام نہیں دکھایا جاتا۔",
    },
    "reports.confirm.joined": {
        "en": "Thank you. Others reported this too: your report was added to case **{ref}**. You will "
              "get a DM with the outcome. Your name is not shown to the moderators handling it.",
        "ur": "شکریہ۔ دوسروں نے بھی اس کی رپورٹ کی ہے: آپ کی رپورٹ کیس **{ref}** میں شامل کر دی گئی۔ "
              "نتیجہ آپ کو براہِ راست پیغام میں بتایا جائے گا۔ کیس دیکھنے والے ماڈریٹروں کو آپ کا نام نہیں دکھایا جاتا۔",
    },
    "reports.confirm.urgent": {
        "en": "Moderators have been alerted now. If someone is in immediate danger, call emergency services "
              "now: in Pakistan, police 15 or Rescue 1122.",
        "ur": "ماڈریٹروں کو فوراً اطلاع دے دی گئی ہے۔ اگر کسی کی جان کو ابھی خطرہ ہے تو فوراً ہنگامی مدد "
              "کے لیے فون کریں: پاکستان میں پولیس 15 یا ریسکیو 1122۔",
    },
    # -- vocabularies --------------------------------------------------------------------------------
    "reports.category.misinformation": {"en": "Misinformation", "ur": "غلط معلومات"},
    "reports.category.hate_speech": {"en": "Hate speech", "ur": "نفرت انگیز تقریر"},
    "reports.category.bullying_harassment": {"en": "Bullying and harassment", "ur": "دھونس اور ہراسانی"},
    "reports.category.violent_extremism": {"en": "Violent extremism", "ur": "پرتشدد انتہا پسندی"},
    "reports.category.child_safety": {"en": "Child safety", "ur": "بچوں کا تحفظ"},
    "reports.category.scam_impersonation": {"en": "Scam or impersonation", "ur": "فراڈ یا جعلی شناخت"},
    "reports.category.other": {"en": "Other", "ur": "دیگر"},
    "reports.category_hint.misinformation": {
        "en": "False or misleading claims, fake news, doctored media",
        "ur": "جھوٹے یا گمراہ کن دعوے، جعلی خبریں، ردوبدل شدہ تصاویر یا ویڈیو",
    },
    "reports.category_hint.hate_speech": {
        "en": "Attacks on people for religion, ethnicity, gender, caste...",
        "ur": "مذہب، نسل، جنس، ذات وغیرہ کی بنیاد پر حملے",
    },
    "reports.category_hint.bullying_harassment": {
        "en": "Targeting, threatening or shaming a person",
        "ur": "کسی کو نشانہ بنانا، دھمکانا یا رسوا کرنا",
    },
    "reports.category_hint.violent_extremism": {
        "en": "Urgent: praise of or calls to violence, terror content",
        "ur": "فوری: تشدد کی تعریف یا اس پر اکسانا، دہشت گردی کا مواد",
    },
    "reports.category_hint.child_safety": {
        "en": "Urgent: anything that puts a child at risk",
        "ur": "فوری: کوئی بھی چیز جو کسی بچے کو خطرے میں ڈالے",
    },
    "reports.category_hint.scam_impersonation": {
        "en": "Fraud, phishing, fake accounts posing as someone",
        "ur": "دھوکا، فشنگ، کسی اور کے نام سے جعلی اکاؤنٹ",
    },
    "reports.category_hint.other": {
        "en": "Something else that breaks the rules",
        "ur": "کوئی اور بات جو قواعد کے خلاف ہو",
    },
    "reports.priority.urgent": {"en": "Urgent", "ur": "فوری"},
    "reports.priority.normal": {"en": "Normal", "ur": "عام"},
    "reports.status.new": {"en": "New", "ur": "نیا"},
    "reports.status.triaging": {"en": "Triaging", "ur": "زیرِ جائزہ"},
    "reports.status.escalated": {"en": "Escalated", "ur": "آگے بھیجا گیا"},
    "reports.status.resolved": {"en": "Resolved", "ur": "حل شدہ"},
    "reports.status.dismissed": {"en": "Dismissed", "ur": "خارج شدہ"},
    "reports.outcome.actioned": {"en": "Actioned", "ur": "کارروائی ہوئی"},
    "reports.outcome.no_violation": {"en": "No violation", "ur": "کوئی خلاف ورزی نہیں"},
    "reports.outcome.duplicate": {"en": "Duplicate", "ur": "دہرایا ہوا کیس"},
    "reports.platform.facebook": {"en": "Facebook", "ur": "فیس بک"},
    "reports.platform.instagram": {"en": "Instagram", "ur": "انسٹاگرام"},
    "reports.platform.tiktok": {"en": "TikTok", "ur": "ٹک ٹاک"},
    "reports.platform.x": {"en": "X", "ur": "ایکس"},
    "reports.platform.youtube": {"en": "YouTube", "ur": "یوٹیوب"},
    "reports.platform.whatsapp": {"en": "WhatsApp", "ur": "واٹس ایپ"},
    "reports.platform.telegram": {"en": "Telegram", "ur": "ٹیلیگرام"},
    "reports.platform.other": {"en": "Other platform", "ur": "کوئی اور پلیٹ فارم"},
    "reports.platform_outcome.removed": {"en": "Removed", "ur": "ہٹا دیا گیا"},
    "reports.platform_outcome.restricted": {"en": "Restricted", "ur": "محدود کیا گیا"},
    "reports.platform_outcome.no_action": {"en": "No action", "ur": "کوئی کارروائی نہیں"},
    "reports.platform_outcome.pending": {"en": "Pending", "ur": "زیرِ التوا"},
    "reports.source.message": {"en": "Message on this server", "ur": "اس سرور کا پیغام"},
    "reports.source.link": {"en": "Link", "ur": "لنک"},
    "reports.source.text": {"en": "Pasted text", "ur": "چسپاں کیا گیا متن"},
    # -- the case card -----------------------------------------------------------------------------
    "reports.card.title": {"en": "{ref} · {category}", "ur": "{ref} · {category}"},
    "reports.card.now_urgent": {
        "en": "{role} {ref} is now urgent: an urgent report joined it. {link}",
        "ur": "{role} {ref} اب فوری ہے: اس میں ایک فوری رپورٹ شامل ہوئی ہے۔ {link}",
    },
    "reports.card.ping": {
        "en": "{role} urgent report {ref} needs a moderator now.",
        "ur": "{role} فوری رپورٹ {ref} کو ابھی ماڈریٹر درکار ہے۔",
    },
    "reports.card.priority": {"en": "Priority", "ur": "ترجیح"},
    "reports.card.status": {"en": "Status", "ur": "حالت"},
    "reports.card.reports": {"en": "Reports", "ur": "رپورٹیں"},
    "reports.card.count": {
        "en": "{reports:report|reports} from {reporters:member|members}",
        "ur": "{reporters:رکن|اراکین} نے کل {reports:رپورٹ|رپورٹیں} کیں",
    },
    "reports.card.source": {"en": "Reported", "ur": "رپورٹ کی گئی چیز"},
    "reports.card.content": {"en": "Content (snapshot at intake)", "ur": "مواد (رپورٹ کے وقت کی نقل)"},
    "reports.card.no_content": {"en": "(no text)", "ur": "(کوئی متن نہیں)"},
    "reports.card.author": {"en": "Posted by", "ur": "پوسٹ کرنے والا"},
    "reports.card.where": {"en": "Where", "ur": "کہاں"},
    "reports.card.jump": {"en": "{channel} · [jump to message]({url})", "ur": "{channel} · [پیغام پر جائیں]({url})"},
    "reports.card.posted": {"en": "Posted {when}", "ur": "پوسٹ: {when}"},
    "reports.card.edited": {"en": "edited {when}", "ur": "ترمیم: {when}"},
    "reports.card.link": {"en": "Link", "ur": "لنک"},
    "reports.card.attachments": {"en": "Attachments (not downloaded)", "ur": "منسلکات (ڈاؤن لوڈ نہیں کیے گئے)"},
    "reports.card.attachment_line": {"en": "{name} · {type} · {size}", "ur": "{name} · {type} · {size}"},
    "reports.card.details": {"en": "Reporter's note", "ur": "رپورٹ کرنے والے کا نوٹ"},
    "reports.card.opened": {"en": "Opened", "ur": "کھولا گیا"},
    "reports.card.claimed": {"en": "Claimed by", "ur": "ذمہ دار"},
    "reports.card.claimed_value": {"en": "{moderator} · {when}", "ur": "{moderator} · {when}"},
    "reports.card.escalation": {"en": "Escalation", "ur": "پلیٹ فارم کو بھیجا گیا"},
    "reports.card.escalation_value": {
        "en": "{platform} · reference: {reference} · platform outcome: {outcome}",
        "ur": "{platform} · حوالہ: {reference} · پلیٹ فارم کا نتیجہ: {outcome}",
    },
    "reports.card.resolution": {"en": "Outcome", "ur": "نتیجہ"},
    "reports.card.note": {"en": "Note to reporters: {note}", "ur": "رپورٹ کرنے والوں کے لیے نوٹ: {note}"},
    "reports.card.dismissed": {"en": "Dismissed: {reason}", "ur": "خارج: {reason}"},
    "reports.card.closed_by": {"en": "by {moderator} {when}", "ur": "{moderator} نے، {when}"},
    "reports.card.sla": {"en": "SLA", "ur": "SLA"},
    "reports.card.sla_value": {
        "en": "Claim within {hours:hour|hours}: due {due}",
        "ur": "{hours:گھنٹے|گھنٹے} کے اندر سنبھالیں: آخری وقت {due}",
    },
    "reports.card.sla_raised": {
        "en": "Raised to admins {when}",
        "ur": "ایڈمنز کو اطلاع دی گئی: {when}",
    },
    "reports.card.none": {"en": "none", "ur": "کوئی نہیں"},
    "reports.card.footer": {
        "en": "Reporters' identities are never shown here.",
        "ur": "رپورٹ کرنے والوں کی شناخت یہاں کبھی نہیں دکھائی جاتی۔",
    },
    "reports.button.claim": {"en": "Claim", "ur": "میں دیکھوں گا"},
    "reports.button.escalate": {"en": "Escalate", "ur": "آگے بھیجیں"},
    "reports.button.resolve": {"en": "Resolve", "ur": "حل کریں"},
    "reports.button.dismiss": {"en": "Dismiss", "ur": "خارج کریں"},
    "reports.button.platform_outcome": {"en": "Platform outcome", "ur": "پلیٹ فارم کا نتیجہ"},
    # -- triage forms ---------------------------------------------------------------------------------
    "reports.pick_platform": {
        "en": "Escalate {ref}: which platform is the content on?",
        "ur": "{ref} آگے بھیجیں: مواد کس پلیٹ فارم پر ہے؟",
    },
    "reports.pick_platform_placeholder": {"en": "Choose a platform", "ur": "پلیٹ فارم چنیں"},
    "reports.pick_outcome": {
        "en": "Resolve {ref}: what was the outcome?",
        "ur": "{ref} حل کریں: نتیجہ کیا رہا؟",
    },
    "reports.pick_outcome_placeholder": {"en": "Choose an outcome", "ur": "نتیجہ چنیں"},
    "reports.pick_platform_outcome": {
        "en": "{ref}: what did {platform} do with the escalation?",
        "ur": "{ref}: {platform} نے اس رپورٹ پر کیا فیصلہ کیا؟",
    },
    "reports.pick_platform_outcome_placeholder": {"en": "Choose what the platform did", "ur": "پلیٹ فارم کا فیصلہ چنیں"},
    "reports.modal.escalate": {"en": "Escalate {ref} to {platform}", "ur": "{ref} {platform} کو بھیجیں"},
    "reports.modal.external_ref": {"en": "Platform's reference (optional)", "ur": "پلیٹ فارم کا حوالہ (اختیاری)"},
    "reports.modal.external_ref_hint": {
        "en": "Ticket number or link from the platform's report form",
        "ur": "پلیٹ فارم کے رپورٹ فارم کا ٹکٹ نمبر یا لنک",
    },
    "reports.modal.resolve": {"en": "Resolve {ref}: {outcome}", "ur": "{ref} حل کریں: {outcome}"},
    "reports.modal.note": {"en": "Note to reporters (optional)", "ur": "رپورٹ کرنے والوں کے لیے نوٹ (اختیاری)"},
    "reports.modal.note_hint": {
        "en": "Sent by DM to everyone who reported this case",
        "ur": "یہ کیس رپورٹ کرنے والے ہر فرد کو براہِ راست پیغام میں بھیجا جائے گا",
    },
    "reports.modal.dismiss": {"en": "Dismiss {ref}", "ur": "{ref} خارج کریں"},
    "reports.modal.reason": {"en": "Reason (required)", "ur": "وجہ (لازمی)"},
    "reports.modal.reason_hint": {
        "en": "Kept in the audit log; not sent to reporters",
        "ur": "آڈٹ لاگ میں محفوظ ہوگی؛ رپورٹ کرنے والوں کو نہیں بھیجی جاتی",
    },
    "reports.done.claimed": {"en": "You claimed {ref}.", "ur": "اب {ref} آپ کے ذمے ہے۔"},
    "reports.done.escalated": {
        "en": "{ref} is escalated to {platform}. Record the platform's outcome on the card when it answers.",
        "ur": "{ref} {platform} کو بھیج دیا گیا۔ پلیٹ فارم کا جواب آئے تو کارڈ پر اس کا نتیجہ درج کریں۔",
    },
    "reports.done.closed": {
        "en": "{ref} is {status}. Reporters told by DM: {delivered} of {total:reporter|reporters}.",
        "ur": "{ref} اب {status} ہے۔ {total:رپورٹ کرنے والے|رپورٹ کرنے والوں} میں سے {delivered} کو براہِ راست پیغام سے اطلاع مل گئی۔",
    },
    "reports.done.platform_outcome": {
        "en": "Recorded for {ref}: {platform} outcome is {outcome}.",
        "ur": "{ref} کے لیے درج ہوا: {platform} کا نتیجہ {outcome} ہے۔",
    },
    # -- outcome DMs -----------------------------------------------------------------------------------
    "reports.dm.resolved": {
        "en": "Your report {ref} on **{server}** has been reviewed. {outcome}",
        "ur": "**{server}** پر آپ کی رپورٹ {ref} کا جائزہ مکمل ہو گیا۔ {outcome}",
    },
    "reports.dm.dismissed": {
        "en": "Your report {ref} on **{server}** has been reviewed and closed without action. "
              "Thank you for looking out for the community.",
        "ur": "**{server}** پر آپ کی رپورٹ {ref} کا جائزہ لے کر بغیر کارروائی کے بند کر دیا گیا۔ "
              "کمیونٹی کا خیال رکھنے کا شکریہ۔",
    },
    "reports.dm.outcome.actioned": {
        "en": "The moderators took action. Thank you for reporting it.",
        "ur": "ماڈریٹروں نے کارروائی کر دی ہے۔ رپورٹ کرنے کا شکریہ۔",
    },
    "reports.dm.outcome.no_violation": {
        "en": "The moderators found that it does not break the rules.",
        "ur": "ماڈریٹروں کے مطابق اس سے قواعد کی خلاف ورزی نہیں ہوتی۔",
    },
    "reports.dm.outcome.duplicate": {
        "en": "It was handled together with another report of the same content.",
        "ur": "اسے اسی مواد کی ایک اور رپورٹ کے ساتھ نمٹایا گیا۔",
    },
    "reports.dm.note": {"en": "Note from the moderators: {note}", "ur": "ماڈریٹروں کا نوٹ: {note}"},
    # -- SLA -------------------------------------------------------------------------------------------
    "reports.sla.reminder": {
        "en": "Reminder: {priority} case **{ref}** ({category}) has waited {age} without a moderator. "
              "Claim it on its card: {card}",
        "ur": "یاد دہانی: {priority} کیس **{ref}** ({category}) {age} سے کسی ماڈریٹر کا منتظر ہے۔ "
              "اس کے کارڈ پر سنبھالیں: {card}",
    },
    "reports.sla.raise": {
        "en": "**Admins:** {priority} case **{ref}** ({category}) is still unclaimed after {age}, twice "
              "its {hours:hour|hours} window. Please make sure a moderator takes it: {card}",
        "ur": "**ایڈمنز توجہ دیں:** {priority} کیس **{ref}** ({category}) {age} بعد بھی کسی کے ذمے نہیں، "
              "جو اس کی {hours:گھنٹے|گھنٹے} کی مدت کا دگنا ہے۔ براہِ کرم یقینی بنائیں کہ کوئی ماڈریٹر اسے لے: {card}",
    },
    # Parts of a duration ("2h 30m"), in SLA notices and /reports stats.
    "reports.unit.d": {"en": "{n}d", "ur": "{n:دن|دن}"},
    "reports.unit.h": {"en": "{n}h", "ur": "{n:گھنٹہ|گھنٹے}"},
    "reports.unit.m": {"en": "{n}m", "ur": "{n:منٹ|منٹ}"},
    "reports.unit.s": {"en": "{n}s", "ur": "{n:سیکنڈ|سیکنڈ}"},
    "reports.sla.raise_dm": {
        "en": "As the server's owner: {priority} report case **{ref}** ({category}) is still unclaimed after "
              "{age}, twice its {hours:hour|hours} window. Please make sure a moderator takes it: {card}",
        "ur": "آپ سرور کے مالک ہیں، اس لیے اطلاع: {priority} رپورٹ کیس **{ref}** ({category}) {age} بعد بھی کسی کے "
              "ذمے نہیں، جو اس کی {hours:گھنٹے|گھنٹے} کی مدت کا دگنا ہے۔ براہِ کرم یقینی بنائیں کہ کوئی ماڈریٹر اسے لے: {card}",
    },
    "reports.sla.no_card": {"en": "use `/reports show case:{ref}`", "ur": "`/reports show case:{ref}` استعمال کریں"},
    # -- /reports ---------------------------------------------------------------------------------------
    "reports.queue.title": {"en": "Report queue: {count:case|cases}", "ur": "رپورٹوں کی قطار: {count:کیس|کیس}"},
    "reports.queue.empty": {"en": "No cases match.", "ur": "ان شرائط کا کوئی کیس نہیں ملا۔"},
    "reports.queue.line": {
        "en": "**{ref}** · {category} · {status}{urgent} · {reports:report|reports} · opened {opened}",
        "ur": "**{ref}** · {category} · {status}{urgent} · {reports:رپورٹ|رپورٹیں} · کھولا گیا {opened}",
    },
    "reports.queue.urgent_mark": {"en": " · URGENT", "ur": " · فوری"},
    "reports.queue.more": {
        "en": "…and {more:more case|more cases}. Narrow it with `status` or `category`.",
        "ur": "…اور مزید {more:کیس|کیس}۔ `status` یا `category` چن کر فہرست مختصر کریں۔",
    },
    "reports.show.audit": {"en": "Audit log", "ur": "آڈٹ لاگ"},
    "reports.audit.open": {"en": "{when} opened", "ur": "{when} کھولا گیا"},
    "reports.audit.status": {
        "en": "{when} {actor}: {from_status} → {to_status}{reason}",
        "ur": "{when} {actor}: {from_status} ← {to_status}{reason}",
    },
    "reports.audit.reveal": {
        "en": "{when} {actor} revealed the reporters",
        "ur": "{when} {actor} نے رپورٹ کرنے والوں کی شناخت دیکھی",
    },
    "reports.audit.platform_outcome": {
        "en": "{when} {actor} recorded the platform outcome: {outcome}",
        "ur": "{when} {actor} نے پلیٹ فارم کا نتیجہ درج کیا: {outcome}",
    },
    "reports.show.reporters": {"en": "Reporters (admins only)", "ur": "رپورٹ کرنے والے (صرف ایڈمن)"},
    "reports.show.reporter_line": {"en": "{user} {when}{details}", "ur": "{user} {when}{details}"},
    "reports.show.revealed": {
        "en": "You are seeing who reported {ref}. This reveal is written to the audit log.",
        "ur": "آپ دیکھ رہے ہیں کہ {ref} کس نے رپورٹ کیا۔ یہ بات آڈٹ لاگ میں درج ہو گئی ہے۔",
    },
    "reports.stats.title": {"en": "Reports in the last {days:day|days}", "ur": "پچھلے {days:دن|دن} کی رپورٹیں"},
    "reports.stats.total": {"en": "{total:case|cases} opened.", "ur": "{total:کیس|کیس} درج ہوئے۔"},
    "reports.stats.by_category": {"en": "By category", "ur": "قسم کے لحاظ سے"},
    "reports.stats.by_status": {"en": "By status", "ur": "حالت کے لحاظ سے"},
    "reports.stats.median_claim": {"en": "Median time to first claim", "ur": "کسی ماڈریٹر کے کیس سنبھالنے میں عموماً لگنے والا وقت (میڈین)"},
    "reports.stats.median_resolution": {"en": "Median time to resolution", "ur": "کیس نمٹنے میں عموماً لگنے والا وقت (میڈین)"},
    "reports.stats.platforms": {"en": "Platform compliance", "ur": "پلیٹ فارموں کی کارروائی"},
    "reports.stats.platform_line": {
        "en": "{platform}: {rate} ({complied} of {decided:decided case|decided cases}; {escalations:case|cases} escalated)",
        "ur": "{platform}: {rate} ({decided:فیصلے|فیصلوں} میں سے {complied}؛ کل {escalations:کیس|کیس} بھیجے گئے)",
    },
    "reports.stats.na": {"en": "n/a", "ur": "دستیاب نہیں"},
    "reports.stats.no_escalations": {"en": "No escalations in this period.", "ur": "اس مدت میں کچھ آگے نہیں بھیجا گیا۔"},
    "reports.export.done": {
        "en": "{count:case|cases} exported as {format}. Reporters' identities are not included.",
        "ur": "{count:کیس|کیس} کی {format} فائل تیار ہے۔ اس میں رپورٹ کرنے والوں کی شناخت شامل نہیں۔",
    },
}
