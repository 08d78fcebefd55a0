-- The listening exercise. A session is shared by the couple; its moves (pieces,
-- paraphrases, "that's it", "not quite", swaps) are a numbered log, each owned by the
-- person whose role made it; at the end each rates how heard they felt (shared, it
-- feeds the dashboard) and may keep a private note. One open session per couple.

CREATE TABLE listening_sessions (
    id               TEXT PRIMARY KEY,
    couple_id        TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    owner_id         TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    visibility       TEXT NOT NULL DEFAULT 'shared' CHECK (visibility IN ('private', 'shared', 'sealed')),
    unsealed_at      BIGINT,
    topic            TEXT NOT NULL,
    one_phone        INTEGER NOT NULL CHECK (one_phone IN (0, 1)),
    first_speaker_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    day              TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    ended_at         BIGINT
);
CREATE INDEX listening_sessions_by_couple ON listening_sessions(couple_id, created_at);
CREATE UNIQUE INDEX listening_sessions_one_open ON listening_sessions(couple_id) WHERE ended_at IS NULL;

CREATE TABLE listening_moves (
    id          TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES listening_sessions(id) ON DELETE CASCADE,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'shared' CHECK (visibility IN ('private', 'shared', 'sealed')),
    unsealed_at BIGINT,
    seq         INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('piece', 'paraphrase', 'thats_it', 'not_quite', 'swap')),
    body        TEXT,
    created_at  BIGINT NOT NULL,
    UNIQUE (session_id, seq)
);

CREATE TABLE listening_ratings (
    session_id  TEXT NOT NULL REFERENCES listening_sessions(id) ON DELETE CASCADE,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'shared' CHECK (visibility IN ('private', 'shared', 'sealed')),
    unsealed_at BIGINT,
    felt_heard  INTEGER NOT NULL CHECK (felt_heard BETWEEN 1 AND 5),
    day         TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (session_id, owner_id)
);
CREATE INDEX listening_ratings_by_owner_day ON listening_ratings(owner_id, day);

CREATE TABLE listening_notes (
    session_id  TEXT NOT NULL REFERENCES listening_sessions(id) ON DELETE CASCADE,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'private' CHECK (visibility = 'private'),
    unsealed_at BIGINT,
    body        TEXT NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (session_id, owner_id)
);
