"""How a typed `when` was read, added to every reply that accepts one (PRODUCT.md, "Reading times")."""

MESSAGES = {
    "when.read": {
        "en": "I read `{value}` as {local} ({zone}).",
        "ur": "آپ کا لکھا ہوا وقت `{value}` میں نے {local} ({zone}) سمجھا۔",
    },
    "when.assumed_pm": {
        "en": "A bare hour from 1 to 7 is taken as afternoon or evening: add `morning` (or `subah`, صبح) "
              "if you meant the morning.",
        "ur": "1 سے 7 تک کا اکیلا گھنٹہ دوپہر یا شام کا سمجھا جاتا ہے: صبح کا وقت ہو تو ساتھ \"صبح\" لکھیں۔",
    },
}
