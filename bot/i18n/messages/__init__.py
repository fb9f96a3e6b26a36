"""Catalogue modules, one per feature; see bot.i18n."""
