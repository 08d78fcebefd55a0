-- Love-map rounds: five questions about one partner's world. The person it is about
-- answers, the other guesses; both sets stay sealed until both are in, then the person
-- it is about marks each guess (marks are shared). One open round per person at a time.

CREATE TABLE love_map_rounds (
    id           TEXT PRIMARY KEY,
    couple_id    TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    subject_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    guesser_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- The five question ids, in order, separated by commas.
    question_ids TEXT NOT NULL,
    day          TEXT NOT NULL,
    revealed_at  BIGINT,
    created_at   BIGINT NOT NULL
);
CREATE INDEX love_map_rounds_by_couple ON love_map_rounds(couple_id, created_at);
CREATE UNIQUE INDEX love_map_rounds_one_open ON love_map_rounds(couple_id, subject_id) WHERE revealed_at IS NULL;

CREATE TABLE love_map_entries (
    round_id    TEXT NOT NULL REFERENCES love_map_rounds(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position BETWEEN 0 AND 4),
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'sealed' CHECK (visibility IN ('private', 'shared', 'sealed')),
    unsealed_at BIGINT,
    body        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (round_id, owner_id, position)
);

CREATE TABLE love_map_marks (
    round_id    TEXT NOT NULL REFERENCES love_map_rounds(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position BETWEEN 0 AND 4),
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'shared' CHECK (visibility IN ('private', 'shared', 'sealed')),
    unsealed_at BIGINT,
    mark        TEXT NOT NULL CHECK (mark IN ('spot_on', 'close', 'not_quite')),
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (round_id, position)
);
CREATE INDEX love_map_marks_by_couple ON love_map_marks(couple_id);
