"""Messages about links (shared by resources and reports)."""

MESSAGES = {
    "url.empty": {"en": "Please give a link.", "ur": "براہِ کرم ایک لنک دیں۔"},
    "url.too_long": {
        "en": "That link is too long (more than {limit:character|characters}).",
        "ur": "یہ لنک بہت لمبا ہے ({limit:حرف|حروف} سے زیادہ)۔",
    },
    "url.invalid": {
        "en": "`{url}` is not a link I can read. Use a full address such as https://example.org/page",
        "ur": "`{url}` پڑھا جانے والا لنک نہیں۔ پورا پتہ دیں، مثلاً https://example.org/page",
    },
    "url.bad_scheme": {
        "en": "Only http and https links are accepted, not `{scheme}:`.",
        "ur": "صرف http اور https لنک قبول ہیں، `{scheme}:` نہیں۔",
    },
    "url.no_host": {
        "en": "`{url}` has no web address (host). Use a full address such as https://example.org/page",
        "ur": "`{url}` میں ویب پتہ (host) نہیں۔ پورا پتہ دیں، مثلاً https://example.org/page",
    },
    "url.private_host": {
        "en": "`{host}` is a local or private-network address that other members cannot open. Share a public "
              "link instead.",
        "ur": "`{host}` مقامی یا نجی نیٹ ورک کا پتہ ہے جو دوسرے اراکین نہیں کھول سکتے۔ اس کی جگہ کوئی عوامی لنک دیں۔",
    },
}
