-- Dates, traditions and new adventures. Library ideas live in the binary
-- (rekindle-core's content/date_ideas.txt, by slug); a couple's own ideas live here.

-- The couple's own ideas: shared with the partner, and either may change them.
CREATE TABLE date_ideas (
    id          TEXT PRIMARY KEY,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'shared' CHECK (visibility IN ('private', 'shared', 'sealed')),
    unsealed_at BIGINT,
    title       TEXT NOT NULL,
    how         TEXT NOT NULL DEFAULT '',
    setting     TEXT NOT NULL CHECK (setting IN ('home', 'out')),
    cost        TEXT NOT NULL CHECK (cost IN ('free', 'low', 'medium', 'high')),
    minutes     INTEGER NOT NULL CHECK (minutes > 0),
    energy      TEXT NOT NULL CHECK (energy IN ('low', 'medium', 'high')),
    novelty     INTEGER NOT NULL CHECK (novelty BETWEEN 1 AND 3),
    -- 'any', or seasons separated by commas; tags separated by commas.
    seasons     TEXT NOT NULL DEFAULT 'any',
    tags        TEXT NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX date_ideas_by_couple ON date_ideas(couple_id, created_at);
CREATE INDEX date_ideas_by_owner ON date_ideas(owner_id);

-- Each partner's vote on an idea (a library slug or one of the couple's own ids).
-- Private, always: only ideas both said yes to ever show, as matches.
CREATE TABLE date_votes (
    idea_id     TEXT NOT NULL,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'private' CHECK (visibility = 'private'),
    unsealed_at BIGINT,
    vote        TEXT NOT NULL CHECK (vote IN ('love', 'like', 'no')),
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (couple_id, owner_id, idea_id)
);
CREATE INDEX date_votes_by_owner ON date_votes(owner_id);

-- Rituals the couple used to love, how often they come round, and when they last
-- did them (a local day; none: not since they wrote it down).
CREATE TABLE traditions (
    id          TEXT PRIMARY KEY,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'shared' CHECK (visibility IN ('private', 'shared', 'sealed')),
    unsealed_at BIGINT,
    title       TEXT NOT NULL,
    rhythm      TEXT NOT NULL CHECK (rhythm IN ('weekly', 'monthly', 'yearly', 'on_date')),
    -- MM-DD, for 'on_date' only.
    on_day      TEXT,
    last_done   TEXT,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX traditions_by_couple ON traditions(couple_id, created_at);
CREATE INDEX traditions_by_owner ON traditions(owner_id);

-- Planned dates. `sequence` rises on each move (calendar apps replace the event);
-- a cancelled date keeps its row so calendar feeds can say so.
CREATE TABLE planned_dates (
    id           TEXT PRIMARY KEY,
    couple_id    TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    owner_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    visibility   TEXT NOT NULL DEFAULT 'shared' CHECK (visibility IN ('private', 'shared', 'sealed')),
    unsealed_at  BIGINT,
    title        TEXT NOT NULL,
    place        TEXT,
    idea_id      TEXT,
    tradition_id TEXT REFERENCES traditions(id) ON DELETE SET NULL,
    starts_at    BIGINT NOT NULL,
    ends_at      BIGINT,
    -- Who plans it; NULL: the two of you together.
    planner_id   TEXT REFERENCES users(id) ON DELETE SET NULL,
    phones_away  INTEGER NOT NULL DEFAULT 0 CHECK (phones_away IN (0, 1)),
    sequence     INTEGER NOT NULL DEFAULT 0,
    cancelled_at BIGINT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX planned_dates_by_couple ON planned_dates(couple_id, starts_at);
CREATE INDEX planned_dates_by_owner ON planned_dates(owner_id);

-- After a date: how each enjoyed it and how close they felt (private to each).
CREATE TABLE date_ratings (
    date_id     TEXT NOT NULL REFERENCES planned_dates(id) ON DELETE CASCADE,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'private' CHECK (visibility = 'private'),
    unsealed_at BIGINT,
    enjoyment   INTEGER NOT NULL CHECK (enjoyment BETWEEN 1 AND 5),
    closeness   INTEGER NOT NULL CHECK (closeness BETWEEN 1 AND 5),
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (date_id, owner_id)
);
CREATE INDEX date_ratings_by_couple ON date_ratings(couple_id);
CREATE INDEX date_ratings_by_owner ON date_ratings(owner_id);

-- A memory of a date, one per person, shared: together they form the timeline.
CREATE TABLE date_memories (
    date_id     TEXT NOT NULL REFERENCES planned_dates(id) ON DELETE CASCADE,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'shared' CHECK (visibility IN ('private', 'shared', 'sealed')),
    unsealed_at BIGINT,
    body        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (date_id, owner_id)
);
CREATE INDEX date_memories_by_couple ON date_memories(couple_id);
CREATE INDEX date_memories_by_owner ON date_memories(owner_id);

-- Each person's private calendar feed: the SHA-256 of a random token (the token
-- itself is shown once). The feed shows the dates of the person's current couple.
CREATE TABLE calendar_feeds (
    owner_id   TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);
