-- Daily check-ins. Scores and the appreciation are shared with the partner; the note is
-- private and lives in its own table, so the one visibility rule covers both.

CREATE TABLE checkins (
    id           TEXT PRIMARY KEY,
    owner_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    couple_id    TEXT REFERENCES couples(id) ON DELETE SET NULL,
    visibility   TEXT NOT NULL DEFAULT 'shared' CHECK (visibility IN ('private', 'shared', 'sealed')),
    unsealed_at  BIGINT,
    day          TEXT NOT NULL,
    closeness    INTEGER NOT NULL CHECK (closeness BETWEEN 1 AND 7),
    mood         INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 5),
    felt_heard   INTEGER NOT NULL CHECK (felt_heard BETWEEN 1 AND 5),
    appreciation TEXT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    UNIQUE (owner_id, day)
);
CREATE INDEX checkins_by_couple_day ON checkins(couple_id, day);

CREATE TABLE checkin_notes (
    checkin_id  TEXT PRIMARY KEY REFERENCES checkins(id) ON DELETE CASCADE,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    couple_id   TEXT REFERENCES couples(id) ON DELETE SET NULL,
    visibility  TEXT NOT NULL DEFAULT 'private' CHECK (visibility = 'private'),
    unsealed_at BIGINT,
    body        TEXT NOT NULL
);
