"""A dossier's life: statuses, intake, transitions, lateness, the queue, reception papers, export and the audit chain."""
