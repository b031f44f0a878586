-- Version 1: the token, history and sync-state stores. Flyway runs this with the library's schema as the current
-- schema. Every secret or personal value is in "ciphertext": Tink AEAD, its associated data bound to the row's
-- store, user and id columns (see RecordFormat in storage-json). "version" counts the row's writes (optimistic
-- concurrency); "updated_at" is for operators only.

CREATE TABLE tokens (
    user_id     text        NOT NULL,
    provider_id text        NOT NULL,
    account_id  text        NOT NULL,
    ciphertext  bytea       NOT NULL,
    version     bigint      NOT NULL CHECK (version > 0),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, provider_id, account_id)
);

CREATE TABLE history (
    user_id     text        NOT NULL,
    session_key text        NOT NULL,
    ciphertext  bytea       NOT NULL,
    version     bigint      NOT NULL CHECK (version > 0),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, session_key)
);

CREATE TABLE sync_state (
    user_id     text        NOT NULL,
    provider_id text        NOT NULL,
    account_id  text        NOT NULL,
    calendar_id text        NOT NULL,
    ciphertext  bytea       NOT NULL,
    version     bigint      NOT NULL CHECK (version > 0),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, provider_id, account_id, calendar_id)
);
