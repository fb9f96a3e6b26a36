"""Discord front end: one extension per feature. Modules starting with `_` are shared helpers."""
