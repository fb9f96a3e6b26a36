"""Sandboxes for running Baithak without the real Discord (see ``fakediscord``)."""
