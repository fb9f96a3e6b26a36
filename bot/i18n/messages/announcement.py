"""The announcement laid out for right-to-left readers: grouped fields whose lines read in order."""

MESSAGES = {
    "embed.when": {"en": "When", "ur": "وقت"},
    "embed.answers": {"en": "Answers", "ur": "جوابات"},
    "embed.pair": {"en": "{label}: {value}", "ur": "{label}: {value}"},
}
