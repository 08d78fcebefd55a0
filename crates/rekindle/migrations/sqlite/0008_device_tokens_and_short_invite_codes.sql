-- Device tokens (issue 8): a browser or client that signed in before gets one, so
-- its sign-ins are throttled in their own bucket, apart from the waits other sources
-- on the same network caused. Only the SHA-256 of the token is kept.
CREATE TABLE device_tokens (
    token_hash   TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL
);
CREATE INDEX device_tokens_by_user ON device_tokens(user_id);

-- The short invite code to type or read aloud, beside the long link; only its hash.
ALTER TABLE invites ADD COLUMN short_hash TEXT;
CREATE UNIQUE INDEX invites_by_short_hash ON invites(short_hash);
