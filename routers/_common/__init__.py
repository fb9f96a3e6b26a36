"""Shared pieces of the Telegram front end: rendering, callback data, the send queue, the Messenger,
the acting member and the one error path."""
