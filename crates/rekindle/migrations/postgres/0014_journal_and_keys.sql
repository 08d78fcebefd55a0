-- Encryption at rest (PRIVACY.md, promise 3) and the private reflection journal.

-- A person's data key, only ever wrapped: by a key from their password (NULL after an
-- operator's reset: locked until the recovery code is given) and by their recovery
-- code (NULL for accounts from before, until they make one). Salts are base64.
CREATE TABLE user_keys (
    user_id       TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    password_salt TEXT NOT NULL,
    by_password   TEXT,
    recovery_salt TEXT,
    by_recovery   TEXT,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);

-- Each live session's wrap of the data key, by a secret only its token gives; and the
-- network address it signed in from and was last used from (for the person's own
-- list of sessions).
ALTER TABLE sessions ADD COLUMN key_wrap TEXT;
ALTER TABLE sessions ADD COLUMN created_from TEXT;
ALTER TABLE sessions ADD COLUMN last_seen_from TEXT;
-- Sessions from before carry no wrapped key: everyone signs in once more, and that
-- sign-in encrypts what they had written privately.
DELETE FROM sessions;

-- A journal entry: its words, tags and prompt sealed together with the owner's data
-- key (the entry id and owner bound in), and its tags sealed again on their own, so the
-- list can show every tag without opening every entry's words; only times are plain.
CREATE TABLE journal_entries (
    id          TEXT PRIMARY KEY,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    couple_id   TEXT REFERENCES couples(id) ON DELETE SET NULL,
    visibility  TEXT NOT NULL DEFAULT 'private' CHECK (visibility = 'private'),
    unsealed_at BIGINT,
    sealed      TEXT NOT NULL,
    sealed_tags TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX journal_entries_by_owner ON journal_entries(owner_id, created_at);

-- "Share an excerpt": a shared copy the owner chose to give, after confirming.
CREATE TABLE journal_excerpts (
    id          TEXT PRIMARY KEY,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'shared' CHECK (visibility = 'shared'),
    unsealed_at BIGINT,
    body        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX journal_excerpts_by_couple ON journal_excerpts(couple_id, created_at);
CREATE INDEX journal_excerpts_by_owner ON journal_excerpts(owner_id);
