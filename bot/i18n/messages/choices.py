"""Names of fixed choices in Discord's command picker that are not a vocabulary value of their own."""

MESSAGES = {
    "reports.status.open_choice": {
        "en": "Open (new, triaging, escalated)",
        "ur": "کھلے کیس (نئے، زیرِ جائزہ، آگے بھیجے گئے)",
    },
}
