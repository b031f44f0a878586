-- Version 3: per-user leases of the background reconciler, so that host instances sharing this database never
-- reconcile one user at the same time. A row holds no secret: the user id, the instance that holds the lease, and
-- when the lease lapses if that instance dies.

CREATE TABLE leases (
    user_id     text        NOT NULL PRIMARY KEY,
    owner       text        NOT NULL,
    expires_at  timestamptz NOT NULL
);
