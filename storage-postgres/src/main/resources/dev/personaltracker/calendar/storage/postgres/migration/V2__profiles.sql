-- Version 2: the profile store (each person's settings, one encrypted document per user, versioned for
-- compare-and-set saves).

CREATE TABLE profiles (
    user_id     text        NOT NULL PRIMARY KEY,
    ciphertext  bytea       NOT NULL,
    version     bigint      NOT NULL CHECK (version > 0),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
