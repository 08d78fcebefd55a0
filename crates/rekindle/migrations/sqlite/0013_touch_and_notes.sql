-- Touch, love notes and gestures, and the delivery machinery every feature shares.
--
-- Content (owner, couple, visibility, unsealed_at, like every content table):
-- affection moments (shared: "we hugged today", one row per couple, day and kind, so
-- nobody's taps are counted against the other's), affection wishes (private until
-- their owner shares them), mutual-yes answers and settings (private, always: only
-- matches ever come out), love notes (sealed until their delivery moment, which is
-- `unsealed_at` itself, so the one visibility rule is the delivery rule), marks on
-- notes (a heart is shared, a favourite private) and the things a person knows their
-- partner loves (private, always).

CREATE TABLE affection_moments (
    id          TEXT PRIMARY KEY,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'shared' CHECK (visibility IN ('private', 'shared', 'sealed')),
    unsealed_at BIGINT,
    -- The couple's local day (YYYY-MM-DD, the couple's zone).
    day         TEXT NOT NULL,
    kind        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    UNIQUE (couple_id, day, kind)
);
CREATE INDEX affection_moments_by_owner ON affection_moments(owner_id);

CREATE TABLE affection_wishes (
    id          TEXT PRIMARY KEY,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'shared')),
    unsealed_at BIGINT,
    body        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX affection_wishes_by_couple ON affection_wishes(couple_id, created_at);
CREATE INDEX affection_wishes_by_owner ON affection_wishes(owner_id);

CREATE TABLE mutual_answers (
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'private' CHECK (visibility = 'private'),
    unsealed_at BIGINT,
    item_id     TEXT NOT NULL,
    answer      TEXT NOT NULL CHECK (answer IN ('yes', 'maybe', 'no')),
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (couple_id, owner_id, item_id)
);
CREATE INDEX mutual_answers_by_owner ON mutual_answers(owner_id);

CREATE TABLE mutual_settings (
    couple_id     TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    owner_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    visibility    TEXT NOT NULL DEFAULT 'private' CHECK (visibility = 'private'),
    unsealed_at   BIGINT,
    show_intimate INTEGER NOT NULL DEFAULT 0,
    count_maybe   INTEGER NOT NULL DEFAULT 0,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (couple_id, owner_id)
);

CREATE TABLE love_notes (
    id            TEXT PRIMARY KEY,
    couple_id     TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    owner_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    recipient_id  TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    visibility    TEXT NOT NULL DEFAULT 'sealed' CHECK (visibility = 'sealed'),
    -- The delivery moment: the recipient sees the note from here on, never before.
    unsealed_at   BIGINT NOT NULL,
    body          TEXT NOT NULL,
    -- 'now', 'at' (a chosen time) or 'surprise' (a hidden moment in a window).
    timing        TEXT NOT NULL CHECK (timing IN ('now', 'at', 'surprise')),
    window_from   BIGINT,
    window_to     BIGINT,
    created_at    BIGINT NOT NULL
);
CREATE INDEX love_notes_inbox ON love_notes(recipient_id, unsealed_at);
CREATE INDEX love_notes_by_owner ON love_notes(owner_id, created_at);
CREATE INDEX love_notes_by_couple ON love_notes(couple_id, unsealed_at);

CREATE TABLE love_note_marks (
    note_id     TEXT NOT NULL REFERENCES love_notes(id) ON DELETE CASCADE,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    -- A heart is shared (the sender sees it); a favourite is the recipient's own.
    visibility  TEXT NOT NULL CHECK (visibility IN ('private', 'shared')),
    unsealed_at BIGINT,
    kind        TEXT NOT NULL CHECK (kind IN ('heart', 'favourite')),
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (note_id, owner_id, kind)
);
CREATE INDEX love_note_marks_by_owner ON love_note_marks(owner_id);

CREATE TABLE partner_loves (
    id          TEXT PRIMARY KEY,
    couple_id   TEXT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,
    owner_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    visibility  TEXT NOT NULL DEFAULT 'private' CHECK (visibility = 'private'),
    unsealed_at BIGINT,
    body        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX partner_loves_by_owner ON partner_loves(owner_id, created_at);

-- A person's reminder choices (no content): the daily check-in reminder's local time,
-- quiet hours, kindness nudges a week, and whether to also send e-mail.
CREATE TABLE reminder_settings (
    user_id           TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    checkin_at        TEXT,
    quiet_from        TEXT,
    quiet_to          TEXT,
    kindness_per_week INTEGER NOT NULL DEFAULT 0,
    email             INTEGER NOT NULL DEFAULT 0,
    updated_at        BIGINT NOT NULL
);

-- The outbox: work that is due at a moment, claimed by one worker at a time (a lease),
-- done exactly once in the app. `dedupe_key` stops the same reminder being queued
-- twice; `stage` is 'app' until the in-app notification exists, then 'email' while an
-- e-mail is still to be sent.
CREATE TABLE outbox (
    id            TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    subject_id    TEXT,
    dedupe_key    TEXT NOT NULL UNIQUE,
    due_at        BIGINT NOT NULL,
    stage         TEXT NOT NULL DEFAULT 'app' CHECK (stage IN ('app', 'email')),
    claimed_by    TEXT,
    claimed_until BIGINT,
    attempts      INTEGER NOT NULL DEFAULT 0,
    done_at       BIGINT,
    created_at    BIGINT NOT NULL
);
CREATE INDEX outbox_due ON outbox(due_at) WHERE done_at IS NULL;
CREATE INDEX outbox_by_subject ON outbox(subject_id);
CREATE INDEX outbox_by_user ON outbox(user_id);
CREATE INDEX outbox_done ON outbox(done_at) WHERE done_at IS NOT NULL;

-- In-app notifications: one per outbox item at most (the UNIQUE is the exactly-once).
-- They name no content; the words come from `kind` when shown.
CREATE TABLE notifications (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    outbox_id   TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    subject_id  TEXT,
    created_at  BIGINT NOT NULL,
    read_at     BIGINT
);
CREATE INDEX notifications_by_user ON notifications(user_id, created_at);
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;

-- E-mails sent (at least once by nature): the Message-ID is stable per outbox item, so
-- a resend after a crash is recognisable.
CREATE TABLE email_sends (
    outbox_id   TEXT PRIMARY KEY,
    message_id  TEXT NOT NULL,
    sent_at     BIGINT NOT NULL
);
