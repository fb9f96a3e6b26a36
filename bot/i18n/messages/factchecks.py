"""Messages of fact-checks (/factcheck), the network of communities (/network) and the weekly digest."""

MESSAGES = {
    # -- verdicts ---------------------------------------------------------------------------------
    "factcheck.verdict.false": {"en": "False", "ur": "غلط"},
    "factcheck.verdict.misleading": {"en": "Misleading", "ur": "گمراہ کن"},
    "factcheck.verdict.missing_context": {"en": "Missing context", "ur": "سیاق و سباق کے بغیر"},
    "factcheck.verdict.true": {"en": "True", "ur": "درست"},
    "factcheck.verdict.unverified": {"en": "Unverified", "ur": "غیر مصدقہ"},
    # -- refusals ---------------------------------------------------------------------------------
    "factcheck.bad_verdict": {
        "en": "`{value}` is not a verdict. Choose false, misleading, missing context, true or unverified.",
        "ur": "`{value}` کوئی فیصلہ نہیں۔ غلط، گمراہ کن، سیاق و سباق کے بغیر، درست یا غیر مصدقہ میں سے چنیں۔",
    },
    "factcheck.empty": {
        "en": "Please write the `{field}`: nothing was changed.",
        "ur": "براہِ کرم `{field}` لکھیں: کچھ نہیں بدلا۔",
    },
    "factcheck.too_many_sources": {
        "en": "At most {limit} source links, please (you gave {count}). Nothing was published.",
        "ur": "زیادہ سے زیادہ {limit} ماخذ لنک دیں (آپ نے {count} دیے)۔ کچھ شائع نہیں ہوا۔",
    },
    "factcheck.not_misinformation": {
        "en": "{ref} is not a misinformation case: only those can become fact-checks.",
        "ur": "{ref} غلط معلومات کا کیس نہیں: حقائق کی جانچ صرف انہی سے بنتی ہے۔",
    },
    "factcheck.already_published": {
        "en": "{ref} already has a fact-check. Use `/factcheck correct` to add a correction.",
        "ur": "{ref} کی حقائق کی جانچ پہلے سے شائع ہے۔ تصحیح کے لیے `/factcheck correct` استعمال کریں۔",
    },
    "factcheck.not_found": {
        "en": "There is no fact-check `{value}` here. Try `/factcheck list`.",
        "ur": "یہاں `{value}` نام کی کوئی حقائق کی جانچ نہیں۔ `/factcheck list` دیکھیں۔",
    },
    "factcheck.withdrawn_already": {
        "en": "{ref} was withdrawn: it cannot change any more.",
        "ur": "{ref} واپس لی جا چکی ہے: اب اس میں تبدیلی نہیں ہو سکتی۔",
    },
    "factcheck.case_closed": {
        "en": "{ref} is already closed.",
        "ur": "{ref} پہلے ہی بند ہو چکا ہے۔",
    },
    # -- the fact-check card ----------------------------------------------------------------------
    "factcheck.card.title": {"en": "{ref} · {verdict}", "ur": "{ref} · {verdict}"},
    "factcheck.card.author": {"en": "Fact-check", "ur": "حقائق کی جانچ"},
    "factcheck.card.from_network": {
        "en": "From the network: {community}",
        "ur": "نیٹ ورک سے: {community}",
    },
    "factcheck.card.claim": {"en": "What was checked", "ur": "کس بات کی جانچ ہوئی"},
    "factcheck.card.sources": {"en": "Sources", "ur": "ماخذ"},
    "factcheck.card.correction": {"en": "Correction ({when})", "ur": "تصحیح ({when})"},
    "factcheck.card.correction_body": {
        "en": "{note}\nVerdict: {old} → {new}",
        "ur": "{note}\nفیصلہ: {old} ← {new}",
    },
    "factcheck.card.withdrawn": {
        "en": "**Withdrawn:** {reason}",
        "ur": "**واپس لی گئی:** {reason}",
    },
    "factcheck.card.footer": {"en": "Published {when}", "ur": "شائع {when}"},
    # -- answers to moderators --------------------------------------------------------------------
    "factcheck.done.published": {
        "en": "Published {ref} from {case}. Its reporters were told: {delivered} of {total}.",
        "ur": "{case} سے {ref} شائع ہو گئی۔ رپورٹ کرنے والوں کو بتا دیا گیا: {total} میں سے {delivered}۔",
    },
    "factcheck.done.no_channel": {
        "en": "There is no resources channel, so it was not posted anywhere. Set one with `/setup resources`.",
        "ur": "وسائل کا کوئی چینل مقرر نہیں، اس لیے یہ کہیں پوسٹ نہیں ہوئی۔ `/setup resources` سے چینل مقرر کریں۔",
    },
    "factcheck.done.shared": {
        "en": "Shared with {count:partner community|partner communities}.",
        "ur": "{count:شراکت دار کمیونٹی|شراکت دار کمیونٹیوں} کو بھیج دی گئی۔",
    },
    "factcheck.done.corrected": {
        "en": "Correction added to {ref}. Reporters told: {delivered} of {total}.",
        "ur": "{ref} میں تصحیح شامل ہو گئی۔ رپورٹ کرنے والوں کو بتا دیا گیا: {total} میں سے {delivered}۔",
    },
    "factcheck.done.withdrawn": {
        "en": "{ref} was withdrawn. Reporters told: {delivered} of {total}.",
        "ur": "{ref} واپس لے لی گئی۔ رپورٹ کرنے والوں کو بتا دیا گیا: {total} میں سے {delivered}۔",
    },
    "factcheck.done.answered": {
        "en": "{case} was closed as answered by fact-check {ref}.",
        "ur": "{case} حقائق کی جانچ {ref} کے جواب کے طور پر بند ہو گیا۔",
    },
    "factcheck.answered_note": {
        "en": "Answered by fact-check {ref} ({verdict}): {summary}",
        "ur": "حقائق کی جانچ {ref} ({verdict}) میں جواب موجود ہے: {summary}",
    },
    # -- DMs to reporters -------------------------------------------------------------------------
    "factcheck.dm.published": {
        "en": "Thank you for your report. The moderators of {community} published fact-check {ref}: **{verdict}**.",
        "ur": "آپ کی رپورٹ کا شکریہ۔ {community} کے ماڈریٹروں نے حقائق کی جانچ {ref} شائع کی ہے: **{verdict}**۔",
    },
    "factcheck.dm.corrected": {
        "en": "The moderators of {community} corrected fact-check {ref} you were told about. Its verdict is now **{verdict}**.",
        "ur": "{community} کے ماڈریٹروں نے حقائق کی جانچ {ref} میں تصحیح کی ہے جس کے بارے میں آپ کو بتایا گیا تھا۔ اب اس کا فیصلہ **{verdict}** ہے۔",
    },
    "factcheck.dm.withdrawn": {
        "en": "The moderators of {community} withdrew fact-check {ref} you were told about: please do not rely on it any more.",
        "ur": "{community} کے ماڈریٹروں نے حقائق کی جانچ {ref} واپس لے لی ہے جس کے بارے میں آپ کو بتایا گیا تھا: اب اس پر بھروسا نہ کریں۔",
    },
    # -- the reporter's confirmation --------------------------------------------------------------
    "factcheck.confirm.own": {
        "en": "This has already been checked: fact-check {ref} says **{verdict}**. {summary}",
        "ur": "اس کی جانچ پہلے ہو چکی ہے: حقائق کی جانچ {ref} کا فیصلہ **{verdict}** ہے۔ {summary}",
    },
    "factcheck.confirm.network": {
        "en": "This has already been checked in the network: fact-check {ref} by {community} says **{verdict}**. {summary}",
        "ur": "نیٹ ورک میں اس کی جانچ پہلے ہو چکی ہے: {community} کی حقائق کی جانچ {ref} کا فیصلہ **{verdict}** ہے۔ {summary}",
    },
    "factcheck.confirm.sources": {"en": "Sources: {sources}", "ur": "ماخذ: {sources}"},
    # -- the match notice in the moderation channel -----------------------------------------------
    "factcheck.match.notice": {
        "en": "{case} matches fact-check {ref} (**{verdict}**); its reporter was given the verdict.",
        "ur": "{case} حقائق کی جانچ {ref} (**{verdict}**) سے ملتا ہے؛ رپورٹ کرنے والے کو فیصلہ بتا دیا گیا۔",
    },
    "factcheck.match.from_network": {
        "en": "(from the network: {community})",
        "ur": "(نیٹ ورک سے: {community})",
    },
    "factcheck.match.button": {
        "en": "Close: answered by {ref}",
        "ur": "بند کریں: جواب {ref} میں",
    },
    # -- lists ------------------------------------------------------------------------------------
    "factcheck.list.title": {"en": "Fact-checks", "ur": "حقائق کی جانچ"},
    "factcheck.search.title": {"en": "Fact-checks about “{query}”", "ur": "“{query}” کے بارے میں حقائق کی جانچ"},
    "factcheck.list.here": {"en": "From this community", "ur": "اس کمیونٹی سے"},
    "factcheck.list.from_network": {"en": "From the network", "ur": "نیٹ ورک سے"},
    "factcheck.list.line": {"en": "**{ref}** · {verdict} · {summary}", "ur": "**{ref}** · {verdict} · {summary}"},
    "factcheck.list.network_line": {"en": "{line} ({community})", "ur": "{line} ({community})"},
    "factcheck.list.none": {
        "en": "No fact-checks found.",
        "ur": "کوئی حقائق کی جانچ نہیں ملی۔",
    },
    "factcheck.stats.answered": {"en": "Answered by fact-check", "ur": "حقائق کی جانچ سے جواب"},
    "factcheck.stats.count": {"en": "{count:case|cases}", "ur": "{count:کیس|کیس}"},
    # -- network ----------------------------------------------------------------------------------
    "network.bad_code": {
        "en": "That code is not valid: it may be mistyped, used already or expired. Ask for a new one with `/network invite`.",
        "ur": "یہ کوڈ درست نہیں: شاید غلط لکھا گیا، پہلے استعمال ہو چکا یا اس کی مدت ختم ہو گئی۔ `/network invite` سے نیا کوڈ منگوائیں۔",
    },
    "network.already_member": {
        "en": "This community is already in a network. Leave it first with `/network leave`.",
        "ur": "یہ کمیونٹی پہلے سے ایک نیٹ ورک میں ہے۔ پہلے `/network leave` سے اسے چھوڑیں۔",
    },
    "network.not_member": {
        "en": "This community is not in a network. Join one with `/network join code`.",
        "ur": "یہ کمیونٹی کسی نیٹ ورک میں نہیں۔ `/network join code` سے شامل ہوں۔",
    },
    "network.bad_switch": {"en": "Use `on` or `off` (not `{value}`).", "ur": "`on` یا `off` لکھیں (`{value}` نہیں)۔"},
    "network.none": {
        "en": "This community is not in a network. `/network invite` gives a code for another community; `/network join` accepts one.",
        "ur": "یہ کمیونٹی کسی نیٹ ورک میں نہیں۔ `/network invite` دوسری کمیونٹی کے لیے کوڈ دیتا ہے؛ `/network join` کوڈ قبول کرتا ہے۔",
    },
    "network.invite.done": {
        "en": "Give this one-time code to the other community's admin: `{code}` (valid until {until}). They run `/network join code:{code}`.",
        "ur": "یہ ایک بار کا کوڈ دوسری کمیونٹی کے ایڈمن کو دیں: `{code}` ({until} تک)۔ وہ `/network join code:{code}` چلائیں۔",
    },
    "network.join.done": {
        "en": "Joined the network with {count:community|communities}: {names}. Choose what you share with `/network share`.",
        "ur": "نیٹ ورک میں شامل ہو گئے، {count:کمیونٹی|کمیونٹیاں}: {names}۔ کیا شیئر کرنا ہے، `/network share` سے چنیں۔",
    },
    "network.leave.done": {
        "en": "This community left the network: nothing is shared with it or from it any more.",
        "ur": "اس کمیونٹی نے نیٹ ورک چھوڑ دیا: اب اس کے ساتھ یا اس کی طرف سے کچھ شیئر نہیں ہو گا۔",
    },
    "network.status.title": {"en": "Network", "ur": "نیٹ ورک"},
    "network.status.members": {"en": "Members", "ur": "اراکین"},
    "network.status.log": {"en": "Latest changes", "ur": "تازہ تبدیلیاں"},
    "network.status.member": {
        "en": "{community}: fact-checks {factchecks}, resources {resources}",
        "ur": "{community}: حقائق کی جانچ {factchecks}، وسائل {resources}",
    },
    "network.status.audit": {"en": "{when} · {community} · {action} {detail}", "ur": "{when} · {community} · {action} {detail}"},
    "network.action.invite": {"en": "invited", "ur": "دعوت دی"},
    "network.action.join": {"en": "joined", "ur": "شامل ہوئی"},
    "network.action.share": {"en": "changed sharing", "ur": "شیئرنگ بدلی"},
    "network.action.leave": {"en": "left", "ur": "چھوڑ دیا"},
    "setup.field.network_verdicts": {"en": "Network verdicts", "ur": "نیٹ ورک کے فیصلے"},
    "resource.search.from_network": {"en": "From the network", "ur": "نیٹ ورک سے"},
    "resource.result.network_meta": {
        "en": "from {community} · {votes:upvote|upvotes}",
        "ur": "{community} کی طرف سے · {votes:ووٹ|ووٹ}",
    },
    # -- digest -----------------------------------------------------------------------------------
    "digest.bad_slot": {
        "en": "`{value}` is not a digest time. Write a day and a time, e.g. `friday 18:00`, or `off`.",
        "ur": "`{value}` ڈائجسٹ کا وقت نہیں۔ دن اور وقت لکھیں، مثلاً `friday 18:00` یا `جمعہ 18:00`، یا `off`۔",
    },
}
