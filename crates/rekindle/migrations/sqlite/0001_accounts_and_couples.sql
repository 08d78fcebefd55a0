-- People, their sessions and tokens, couples and invites.
-- Times are UTC epoch milliseconds (BIGINT); ids and hashes are TEXT.

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    timezone      TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);

-- Web sessions and API tokens alike: only the SHA-256 of the secret is kept.
CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL CHECK (kind IN ('web', 'api')),
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE TABLE couples (
    id         TEXT PRIMARY KEY,
    timezone   TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    ended_at   BIGINT,
    ended_by   TEXT
);

-- Two seats per couple, enforced by the primary key; one current couple per person,
-- enforced by the partial unique index. Past memberships stay with left_at set.
CREATE TABLE couple_members (
    couple_id TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    seat      INTEGER NOT NULL CHECK (seat IN (1, 2)),
    user_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    joined_at BIGINT NOT NULL,
    left_at   BIGINT,
    PRIMARY KEY (couple_id, seat)
);
CREATE UNIQUE INDEX one_current_couple_per_person ON couple_members(user_id) WHERE left_at IS NULL;
CREATE INDEX couple_members_by_user ON couple_members(user_id);

CREATE TABLE invites (
    code_hash  TEXT PRIMARY KEY,
    couple_id  TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    created_by TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX invites_by_couple ON invites(couple_id);
