"""The office itself: its site settings, the procedure catalogue and dossier codes."""
