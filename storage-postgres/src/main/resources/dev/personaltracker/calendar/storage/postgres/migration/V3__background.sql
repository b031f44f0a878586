-- Version 3: per-user leases of the background reconciler, so that host instances sharing this database never
-- reconcile one user at the same time. A row holds no secret: the user id, the instance that holds the lease, and
-- when the lease lapses if that instance dies.

CREATE TABLE leases (
    user_id     text        NOT NULL PRIMARY KEY,
    owner       text        NOT NULL,
    expires_at  timestamptz NOT NULL
);

-- The push channels (Google events.watch channels, Microsoft Graph subscriptions) of every user, so that any
-- instance can check a notification against its channel. The channel's secret (token / clientState) is encrypted
-- like every credential; the rest says which calendar is watched until when.

CREATE TABLE channels (
    channel_id   text        NOT NULL PRIMARY KEY,
    user_id      text        NOT NULL,
    provider_id  text        NOT NULL,
    account_id   text        NOT NULL,
    calendar_id  text        NOT NULL,
    resource_id  text        NOT NULL,
    expires_at   timestamptz NOT NULL,
    ciphertext   bytea       NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX channels_user ON channels (user_id);
