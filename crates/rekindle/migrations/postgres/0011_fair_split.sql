-- Fair split in the app: a list of chores or things, each partner's 100 points sealed
-- until both have given theirs, and, for chores, a weekly rota from the result.

CREATE TABLE fair_splits (
    id          TEXT PRIMARY KEY,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    -- Whoever last wrote the title or the list (their words).
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'shared' CHECK (visibility IN ('private', 'shared', 'sealed')),
    unsealed_at BIGINT,
    title       TEXT NOT NULL,
    mode        TEXT NOT NULL CHECK (mode IN ('goods', 'chores')),
    -- The items in order, one per line; fixed once either partner has given points.
    items       TEXT NOT NULL DEFAULT '',
    revealed_at BIGINT,
    -- The Monday a chores rota counts its weeks from; NULL: no rota.
    rota_from   TEXT,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX fair_splits_by_couple ON fair_splits(couple_id, created_at);
CREATE INDEX fair_splits_by_owner ON fair_splits(owner_id);

-- Each partner's points, in item order, separated by commas, adding up to 100. Sealed
-- until both are in; unsealed together in the transaction that saves the second.
CREATE TABLE fair_split_points (
    split_id    TEXT NOT NULL REFERENCES fair_splits(id) ON DELETE CASCADE,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'sealed' CHECK (visibility IN ('private', 'shared', 'sealed')),
    unsealed_at BIGINT,
    points      TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (split_id, owner_id)
);
CREATE INDEX fair_split_points_by_owner ON fair_split_points(owner_id);
