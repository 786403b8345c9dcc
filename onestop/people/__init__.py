"""Who acts: accounts and roles, the administration log, personal-data logs, PostgreSQL roles, signed audit heads."""
