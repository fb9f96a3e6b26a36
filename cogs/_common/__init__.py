"""Helpers shared by the cogs: who is acting, replying in the guild's language, error handling."""

from cogs._common.context import Ctx, actor_of, context
from cogs._common.errors import guarded, on_app_command_error, report_error
from cogs._common.reply import answer, reply, send_embed

__all__ = ["answer", "Ctx", "actor_of", "context", "guarded", "on_app_command_error", "report_error", "reply",
           "send_embed"]
