"""Messages of the resource library (/resource share, search, top, remove; posts, reviews, votes)."""

MESSAGES = {
    # -- refusals ---------------------------------------------------------------------------------
    "resource.title_empty": {
        "en": "Please give the resource a title.",
        "ur": "براہِ کرم وسیلے کا عنوان دیں۔",
    },
    "resource.tag_too_long": {
        "en": "The tag `{tag}` is too long: at most {limit:character|characters} per tag. Nothing was shared.",
        "ur": "ٹیگ `{tag}` بہت لمبا ہے: ہر ٹیگ زیادہ سے زیادہ {limit:حرف|حروف}۔ کچھ شیئر نہیں ہوا۔",
    },
    "resource.tag_invalid": {
        "en": "The tag `{tag}` has characters tags cannot use. Use letters, digits, spaces and `- _ + . & '`, separated by commas.",
        "ur": "ٹیگ `{tag}` میں ایسے حروف ہیں جو ٹیگ میں نہیں چل سکتے۔ حروف، ہندسے، خالی جگہ اور `- _ + . & '` استعمال کریں، کاما سے الگ کر کے۔",
    },
    "resource.too_many_tags": {
        "en": "At most {limit:tag|tags}, please (you gave {count}). Separate them with commas, e.g. `guide, urdu`.",
        "ur": "زیادہ سے زیادہ {limit:ٹیگ|ٹیگ} دیں (آپ نے {count} دیے)۔ کاما سے الگ کریں، مثلاً `guide, urdu`۔",
    },
    "resource.one_tag_filter": {
        "en": "Filter by one tag at a time.",
        "ur": "ایک وقت میں ایک ہی ٹیگ سے چھانٹیں۔",
    },
    "resource.search_too_long": {
        "en": "That search is too long: at most {limit:character|characters}.",
        "ur": "یہ تلاش بہت لمبی ہے: زیادہ سے زیادہ {limit:حرف|حروف}۔",
    },
    "resource.search_empty": {
        "en": "Type at least one word to search for, e.g. `fact-check` or `حقائق`.",
        "ur": "تلاش کے لیے کم از کم ایک لفظ لکھیں، مثلاً `fact-check` یا `حقائق`۔",
    },
    "resource.no_resources_channel": {
        "en": "No resources channel is set up yet, so nothing can be published. Ask an admin to run `/setup resources:`.",
        "ur": "ابھی وسائل کا چینل مقرر نہیں، اس لیے کچھ شائع نہیں ہو سکتا۔ کسی ایڈمن سے `/setup resources:` چلانے کو کہیں۔",
    },
    "resource.no_moderation_channel": {
        "en": "Shared resources need approval here, but no moderation channel is set up. Ask an admin to run `/setup moderation:`.",
        "ur": "یہاں شیئر کیے گئے وسائل کو منظوری درکار ہے، مگر ماڈریشن چینل مقرر نہیں۔ کسی ایڈمن سے `/setup moderation:` چلانے کو کہیں۔",
    },
    "resource.duplicate": {
        "en": "This link is already in the library as #{id} **{title}**: {url}\nUpvote it there instead of sharing it again.",
        "ur": "یہ لنک لائبریری میں پہلے سے #{id} **{title}** کے طور پر موجود ہے: {url}\nدوبارہ شیئر کرنے کے بجائے وہیں اسے ووٹ دیں۔",
    },
    "resource.duplicate_pending": {
        "en": "This link was already shared as #{id} **{title}** and is waiting for a moderator's review.",
        "ur": "یہ لنک پہلے ہی #{id} **{title}** کے طور پر شیئر ہو چکا ہے اور ماڈریٹر کے جائزے کا منتظر ہے۔",
    },
    "resource.not_found": {
        "en": "There is no resource with that number in this server's library.",
        "ur": "اس سرور کی لائبریری میں اس نمبر کا کوئی وسیلہ نہیں۔",
    },
    "resource.not_votable": {
        "en": "Resource #{id} is not published, so it cannot be upvoted.",
        "ur": "وسیلہ #{id} ابھی شائع نہیں ہوا، اس لیے اسے ووٹ نہیں دیا جا سکتا۔",
    },
    # One message per outcome: the status is part of the sentence in both languages.
    "resource.already_decided.published": {
        "en": "Resource #{id} was already reviewed: it is published. Nothing was changed.",
        "ur": "وسیلہ #{id} کا جائزہ پہلے ہی ہو چکا ہے: یہ شائع ہو چکا ہے۔ کچھ تبدیل نہیں ہوا۔",
    },
    "resource.already_decided.rejected": {
        "en": "Resource #{id} was already reviewed: it was rejected. Nothing was changed.",
        "ur": "وسیلہ #{id} کا جائزہ پہلے ہی ہو چکا ہے: اسے مسترد کیا جا چکا ہے۔ کچھ تبدیل نہیں ہوا۔",
    },
    "resource.already_decided.removed": {
        "en": "Resource #{id} was removed from the library before review. Nothing was changed.",
        "ur": "وسیلہ #{id} جائزے سے پہلے ہی لائبریری سے ہٹا دیا گیا تھا۔ کچھ تبدیل نہیں ہوا۔",
    },
    "resource.remove_forbidden": {
        "en": "Only the person who shared this resource or a moderator (moderator role or Manage Server) can remove it.",
        "ur": "یہ وسیلہ صرف شیئر کرنے والا یا کوئی ماڈریٹر (ماڈریٹر رول یا Manage Server) ہٹا سکتا ہے۔",
    },
    "resource.reason_required": {
        "en": "Please write a reason: the person who shared it will read it.",
        "ur": "براہِ کرم وجہ لکھیں: شیئر کرنے والا اسے پڑھے گا۔",
    },
    "resource.status.pending": {"en": "waiting for review", "ur": "جائزے کا منتظر"},
    "resource.status.published": {"en": "published", "ur": "شائع شدہ"},
    "resource.status.rejected": {"en": "rejected", "ur": "مسترد"},
    "resource.status.removed": {"en": "removed", "ur": "ہٹا دیا گیا"},
    # -- /resource share ------------------------------------------------------------------------
    "resource.shared": {
        "en": "Shared as #{id} **{title}**: {link}",
        "ur": "#{id} **{title}** کے طور پر شیئر ہو گیا: {link}",
    },
    "resource.shared_no_post": {
        "en": "Saved as #{id} **{title}** and searchable, but I could not post it in the resources channel. An admin should check my permissions there.",
        "ur": "#{id} **{title}** کے طور پر محفوظ اور تلاش میں شامل ہو گیا، مگر بوٹ اسے وسائل کے چینل میں پوسٹ نہیں کر سکا۔ کوئی ایڈمن وہاں بوٹ کی اجازتیں دیکھ لے۔",
    },
    "resource.submitted": {
        "en": "Thanks! #{id} **{title}** is waiting for a moderator's review. I will DM you the outcome.",
        "ur": "شکریہ! #{id} **{title}** ماڈریٹر کے جائزے کا منتظر ہے۔ نتیجہ آپ کو براہِ راست پیغام میں بتایا جائے گا۔",
    },
    "resource.submitted_no_card": {
        "en": "#{id} **{title}** is waiting for review, but I could not post it in the moderation channel. An admin should check my permissions there.",
        "ur": "#{id} **{title}** جائزے کا منتظر ہے، مگر بوٹ اسے ماڈریشن چینل میں پوسٹ نہیں کر سکا۔ کوئی ایڈمن وہاں بوٹ کی اجازتیں دیکھ لے۔",
    },
    # -- the post and the review card ---------------------------------------------------------
    "resource.field.tags": {"en": "Tags", "ur": "ٹیگ"},
    "resource.field.shared_by": {"en": "Shared by", "ur": "شیئر کرنے والا"},
    "resource.field.link": {"en": "Link", "ur": "لنک"},
    "resource.field.status": {"en": "Status", "ur": "حالت"},
    "resource.footer": {"en": "Resource #{id}", "ur": "وسیلہ #{id}"},
    "resource.upvote_button": {"en": "Upvote · {count}", "ur": "ووٹ · {count}"},
    "resource.review.title": {
        "en": "Resource #{id} waiting for review",
        "ur": "وسیلہ #{id} جائزے کا منتظر",
    },
    "resource.review.approve": {"en": "Approve", "ur": "منظور"},
    "resource.review.reject": {"en": "Reject", "ur": "مسترد"},
    "resource.review.approved_by": {
        "en": "Approved by {moderator}.",
        "ur": "{moderator} نے منظور کیا۔",
    },
    "resource.review.rejected_by": {
        "en": "Rejected by {moderator}. Reason: {reason}",
        "ur": "{moderator} نے مسترد کیا۔ وجہ: {reason}",
    },
    "resource.review.removed_by": {
        "en": "Removed by {member} before review.",
        "ur": "جائزے سے پہلے {member} نے ہٹا دیا۔",
    },
    "resource.review.done_approved": {
        "en": "Approved #{id} and posted it: {link}",
        "ur": "#{id} منظور ہو کر پوسٹ ہو گیا: {link}",
    },
    "resource.review.done_approved_no_post": {
        "en": "Approved #{id}; it is searchable, but I could not post it in the resources channel.",
        "ur": "#{id} منظور ہو گیا اور تلاش میں شامل ہے، مگر بوٹ اسے وسائل کے چینل میں پوسٹ نہیں کر سکا۔",
    },
    "resource.review.done_rejected": {
        "en": "Rejected #{id}.",
        "ur": "#{id} مسترد کر دیا گیا۔",
    },
    "resource.review.dm_closed": {
        "en": "I could not tell the sharer by DM: their direct messages are closed.",
        "ur": "شیئر کرنے والے کو براہِ راست پیغام میں نہیں بتایا جا سکا: ان کے پیغامات بند ہیں۔",
    },
    "resource.reject.modal_title": {"en": "Reject resource #{id}", "ur": "وسیلہ #{id} مسترد کریں"},
    "resource.reject.reason_label": {"en": "Reason (sent to the sharer)", "ur": "وجہ (شیئر کرنے والے کو بھیجی جائے گی)"},
    "resource.reject.reason_placeholder": {
        "en": "e.g. The link is broken, or it is not about our topics.",
        "ur": "مثلاً لنک کام نہیں کرتا، یا یہ ہمارے موضوعات سے متعلق نہیں۔",
    },
    # -- DMs to the sharer --------------------------------------------------------------------
    "resource.dm.approved": {
        "en": "Good news: your resource #{id} **{title}** was approved and is now in the library. {link}",
        "ur": "خوشخبری: آپ کا وسیلہ #{id} **{title}** منظور ہو گیا اور اب لائبریری میں ہے۔ {link}",
    },
    "resource.dm.rejected": {
        "en": "Your resource #{id} **{title}** was not approved. Reason from the moderators: {reason}",
        "ur": "آپ کا وسیلہ #{id} **{title}** منظور نہیں ہوا۔ ماڈریٹروں کی بتائی ہوئی وجہ: {reason}",
    },
    # -- votes ----------------------------------------------------------------------------------
    "resource.vote.added": {
        "en": "You upvoted #{id}. Click again to take your vote back.",
        "ur": "آپ نے #{id} کو ووٹ دیا۔ ووٹ واپس لینے کے لیے دوبارہ کلک کریں۔",
    },
    "resource.vote.removed": {
        "en": "Your vote for #{id} was taken back.",
        "ur": "#{id} کے لیے آپ کا ووٹ واپس لے لیا گیا۔",
    },
    # -- search and top -------------------------------------------------------------------------
    "resource.search.title": {"en": "Resources matching “{query}”", "ur": "“{query}” سے ملتے وسائل"},
    "resource.search.title_tag": {
        "en": "Resources matching “{query}” tagged {tag}",
        "ur": "“{query}” سے ملتے وسائل، ٹیگ {tag}",
    },
    "resource.search.none": {
        "en": "No published resource matches “{query}”. Try fewer or other words.",
        "ur": "“{query}” سے کوئی شائع شدہ وسیلہ نہیں ملا۔ کم یا دوسرے الفاظ آزمائیں۔",
    },
    "resource.search.none_tag": {
        "en": "No published resource tagged {tag} matches “{query}”.",
        "ur": "ٹیگ {tag} والا کوئی شائع شدہ وسیلہ “{query}” سے نہیں ملا۔",
    },
    "resource.top.title": {"en": "Top resources", "ur": "سرِفہرست وسائل"},
    "resource.top.title_tag": {"en": "Top resources tagged {tag}", "ur": "ٹیگ {tag} کے سرِفہرست وسائل"},
    "resource.top.none": {
        "en": "The library is empty so far. Share something with `/resource share`.",
        "ur": "لائبریری ابھی خالی ہے۔ `/resource share` سے کچھ شیئر کریں۔",
    },
    "resource.top.none_tag": {
        "en": "No published resource is tagged {tag} yet.",
        "ur": "ابھی ٹیگ {tag} والا کوئی شائع شدہ وسیلہ نہیں۔",
    },
    "resource.result.meta": {
        "en": "#{id} · {votes:upvote|upvotes} · {tags}",
        "ur": "#{id} · {votes:ووٹ|ووٹ} · {tags}",
    },
    "resource.result.no_tags": {"en": "no tags", "ur": "کوئی ٹیگ نہیں"},
    "resource.result.more": {
        "en": "{count:more resource|more resources} not shown: narrow the search or add a tag.",
        "ur": "مزید {count:وسیلہ|وسائل} نہیں دکھائے گئے: تلاش محدود کریں یا ٹیگ شامل کریں۔",
    },
    # -- /resource remove -----------------------------------------------------------------------
    "resource.removed": {
        "en": "Removed #{id} **{title}** from the library.",
        "ur": "#{id} **{title}** لائبریری سے ہٹا دیا گیا۔",
    },
}
