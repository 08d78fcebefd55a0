-- The compromise workspace: a topic; each partner's stance (what is core, where they
-- can flex, how they feel), sealed until both are in; options both write; each
-- partner's ratings of them, sealed until both have rated every option; the chosen
-- option with a trial and a review date; and each one's look back.

CREATE TABLE compromise_topics (
    id          TEXT PRIMARY KEY,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'shared' CHECK (visibility IN ('private', 'shared', 'sealed')),
    unsealed_at BIGINT,
    title       TEXT NOT NULL,
    stances_revealed_at BIGINT,
    ranked_at   BIGINT,
    chosen_option_id TEXT,
    -- Local days (YYYY-MM-DD): the trial runs until, and the look back is on.
    trial_until TEXT,
    review_on   TEXT,
    reviewed_at BIGINT,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX compromise_topics_by_couple ON compromise_topics(couple_id, created_at);
CREATE INDEX compromise_topics_by_owner ON compromise_topics(owner_id);

CREATE TABLE compromise_stances (
    topic_id    TEXT NOT NULL REFERENCES compromise_topics(id) ON DELETE CASCADE,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'sealed' CHECK (visibility IN ('private', 'shared', 'sealed')),
    unsealed_at BIGINT,
    core        TEXT NOT NULL,
    flex        TEXT NOT NULL,
    feel        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (topic_id, owner_id)
);
CREATE INDEX compromise_stances_by_owner ON compromise_stances(owner_id);

CREATE TABLE compromise_options (
    id          TEXT PRIMARY KEY,
    topic_id    TEXT NOT NULL REFERENCES compromise_topics(id) ON DELETE CASCADE,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'shared' CHECK (visibility IN ('private', 'shared', 'sealed')),
    unsealed_at BIGINT,
    body        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX compromise_options_by_topic ON compromise_options(topic_id, created_at);
CREATE INDEX compromise_options_by_owner ON compromise_options(owner_id);

CREATE TABLE compromise_ratings (
    option_id   TEXT NOT NULL REFERENCES compromise_options(id) ON DELETE CASCADE,
    topic_id    TEXT NOT NULL REFERENCES compromise_topics(id) ON DELETE CASCADE,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'sealed' CHECK (visibility IN ('private', 'shared', 'sealed')),
    unsealed_at BIGINT,
    rating      INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 10),
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (option_id, owner_id)
);
CREATE INDEX compromise_ratings_by_topic ON compromise_ratings(topic_id);

CREATE TABLE compromise_reviews (
    topic_id    TEXT NOT NULL REFERENCES compromise_topics(id) ON DELETE CASCADE,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'shared' CHECK (visibility IN ('private', 'shared', 'sealed')),
    unsealed_at BIGINT,
    body        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (topic_id, owner_id)
);
CREATE INDEX compromise_reviews_by_owner ON compromise_reviews(owner_id);

-- A person's private word that they feel afraid of their partner (PRIVACY.md): never
-- shown to anyone else; while it stands, nothing nudges them towards compromise.
CREATE TABLE safety_flags (
    owner_id    TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    couple_id   TEXT REFERENCES couples(id) ON DELETE SET NULL,
    visibility  TEXT NOT NULL DEFAULT 'private' CHECK (visibility = 'private'),
    unsealed_at BIGINT,
    created_at  BIGINT NOT NULL
);
