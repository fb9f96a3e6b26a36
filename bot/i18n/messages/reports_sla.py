"""SLA notices sent late (a process took over a dead one's lease, or the bot was offline)."""

MESSAGES = {
    "reports.sla.late": {
        "en": "(Sent late: I was offline or busy when this notice was due.)",
        "ur": "(تاخیر سے بھیجا گیا: جب یہ اطلاع بھیجنی تھی اُس وقت میں آف لائن یا مصروف تھا۔)",
    },
}
