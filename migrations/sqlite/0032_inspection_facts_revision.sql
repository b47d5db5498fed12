-- The in-memory store of the business and inspection facts (storage/inspection_fact_store.hpp):
-- every transaction that writes businesses, inspections or their violations bumps
-- inspection_facts_revision, so a server sees any write (its own or another process's) by reading
-- one row, and reloads its facts only then.
INSERT INTO meta(key, value) VALUES ('inspection_facts_revision', '0');
