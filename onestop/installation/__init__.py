"""Setting up and keeping a desk: first start, connection, backups, migration between engines, demo data, imports, diagnostics."""
