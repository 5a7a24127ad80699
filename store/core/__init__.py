"""Storage, lock, backups, opening and schema: the durable core under the domains."""
