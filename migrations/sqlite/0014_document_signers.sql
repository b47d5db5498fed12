-- Decree 30 documents: the issuer's ký hiệu (abbreviation, "SYT") and seat (địa danh, "Gia Lai")
-- on the agency (empty: derived from the name and the unit), the signer's title and name on the
-- user's profile (empty: by the issuer's kind and the user's full name).
ALTER TABLE agencies ADD COLUMN abbreviation TEXT NOT NULL DEFAULT '';
ALTER TABLE agencies ADD COLUMN seat TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN signer_title TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN signer_name TEXT NOT NULL DEFAULT '';
