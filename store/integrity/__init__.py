"""What makes the store's record trustworthy: canonical JSON and the hashes of the seal and of
the audit entries (`hashes`), the audit log's hash chain (`chain`) and its anchor in the meta
record (`anchor`), the covenant against its seal and log (`seal_check`), the other records the
log vouches for (`coverage`), and all of them at once (`store_check`). The seal itself, as a
step of the covenant, is `store.covenant.seal`."""
