//! The SQL, portable (`$n` placeholders). The first group is the app's own statements
//! as they stand (crates/rekindle/src/db, copied); the second is the same reads in the
//! fewest statements. Every content read keeps `db::visibility::predicate`.
//! For the SQLite-native drivers `native` turns `$n` into SQLite's `?n` (same meaning).

use std::sync::LazyLock;

/// `db::visibility::predicate`, copied.
pub fn predicate(alias: &str, first: usize) -> String {
    let (viewer, couple, now) = (first, first + 1, first + 2);
    format!(
        "({alias}.owner_id = ${viewer} OR ({alias}.couple_id = ${couple} AND \
         ({alias}.visibility = 'shared' OR \
          ({alias}.visibility = 'sealed' AND {alias}.unsealed_at IS NOT NULL AND {alias}.unsealed_at <= ${now}))))"
    )
}

/// `$n` → `?n` for rusqlite and diesel (SQLite's numbered parameters).
pub fn native(sql: &str) -> String {
    sql.replace('$', "?")
}

// ---- today's statements (a0) ------------------------------------------------------

pub const SESSION: &str = "SELECT s.id AS session_id, s.last_seen_at, u.id, u.email, u.display_name, u.timezone \
     FROM sessions s JOIN users u ON u.id = s.user_id \
     WHERE s.token_hash = $1 AND s.kind = $2 AND s.expires_at > $3";
pub const TOUCH: &str = "UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE id = $3";
pub const COUPLE: &str = "SELECT c.id, c.timezone, c.meeting_weekday FROM couple_members m JOIN couples c ON c.id = m.couple_id \
     WHERE m.user_id = $1 AND m.left_at IS NULL";
pub const MEMBERS: &str = "SELECT u.id, u.display_name, m.joined_at FROM couple_members m JOIN users u ON u.id = m.user_id \
     WHERE m.couple_id = $1 AND m.left_at IS NULL ORDER BY m.seat";
pub static CHECKINS: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT c.owner_id, c.day, c.closeness, c.mood, c.felt_heard, c.appreciation, c.updated_at, n.body AS note \
         FROM checkins c LEFT JOIN checkin_notes n ON n.checkin_id = c.id AND {} \
         WHERE {} AND c.owner_id = $7 AND c.day >= $8 AND c.day <= $9 ORDER BY c.day",
        predicate("n", 1),
        predicate("c", 4)
    )
});
pub static RATINGS: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT r.day, r.felt_heard FROM listening_ratings r \
         WHERE r.owner_id = $4 AND r.day >= $5 AND r.day <= $6 AND {} ORDER BY r.day",
        predicate("r", 1)
    )
});
pub const LAST_SHARED: &str = "SELECT MAX(a.day) FROM checkins a JOIN checkins b ON b.owner_id = $2 AND b.day = a.day \
     WHERE a.owner_id = $1 AND a.day >= $4 AND b.day >= $4 AND a.couple_id = $3 AND b.couple_id = $3";
pub static STREAK_DAYS: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT c.day FROM checkins c WHERE {} AND c.owner_id = $4 AND c.day >= $5 AND c.day <= $6",
        predicate("c", 1)
    )
});
pub const PROMPT_ON: &str =
    "SELECT prompt_id FROM daily_questions WHERE couple_id = $1 AND day = $2";
pub static ANSWERS: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT a.owner_id, a.body, a.updated_at FROM answers a \
         WHERE a.couple_id = $4 AND a.prompt_id = $5 AND {} ORDER BY a.created_at",
        predicate("a", 1)
    )
});
pub static REPLIES: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT r.owner_id, r.body FROM answer_replies r WHERE r.couple_id = $4 AND r.prompt_id = $5 AND {} \
         ORDER BY r.created_at, r.id",
        predicate("r", 1)
    )
});
pub static HEARTS: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT h.owner_id FROM answer_hearts h WHERE h.couple_id = $4 AND h.prompt_id = $5 AND {}",
        predicate("h", 1)
    )
});

// ---- the fewest statements (a1, b, c, tokio-postgres) ---------------------------------

/// Session, user, current couple and its members: 1–2 rows (one per member; one with
/// NULL couple columns when the viewer has no couple). $1 token hash, $2 kind, $3 now.
pub const WHO: &str = "SELECT s.id AS session_id, s.last_seen_at, u.id, u.email, u.display_name, u.timezone, \
     c.id AS couple_id, c.timezone AS couple_timezone, c.meeting_weekday, \
     o.id AS member_id, o.display_name AS member_name, om.joined_at \
     FROM sessions s JOIN users u ON u.id = s.user_id \
     LEFT JOIN couple_members m ON m.user_id = u.id AND m.left_at IS NULL \
     LEFT JOIN couples c ON c.id = m.couple_id \
     LEFT JOIN couple_members om ON om.couple_id = m.couple_id AND om.left_at IS NULL \
     LEFT JOIN users o ON o.id = om.user_id \
     WHERE s.token_hash = $1 AND s.kind = $2 AND s.expires_at > $3 \
     ORDER BY om.seat";

/// Both partners' check-ins (kind `c`), their listening ratings (`r`) and the last
/// day both checked in (`l`), in one statement. $1–$3 the scope, $4 viewer, $5 partner
/// (may be NULL), $6 from, $7 viewer's last day, $8 partner's last day, $9 drift's
/// "since". The `l` branch is `db::checkins::last_shared_day` as it is.
pub static CONTENT: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT 'c' AS kind, c.owner_id, c.day, c.closeness, c.mood, c.felt_heard, c.appreciation, c.updated_at, n.body AS note \
         FROM checkins c LEFT JOIN checkin_notes n ON n.checkin_id = c.id AND {pn} \
         WHERE {pc} AND ((c.owner_id = $4 AND c.day >= $6 AND c.day <= $7) OR (c.owner_id = $5 AND c.day >= $6 AND c.day <= $8)) \
         UNION ALL \
         SELECT 'r', r.owner_id, r.day, NULL, NULL, r.felt_heard, NULL, NULL, NULL FROM listening_ratings r \
         WHERE {pr} AND ((r.owner_id = $4 AND r.day >= $6 AND r.day <= $7) OR (r.owner_id = $5 AND r.day >= $6 AND r.day <= $8)) \
         UNION ALL \
         SELECT 'l', NULL, MAX(a.day), NULL, NULL, NULL, NULL, NULL, NULL FROM checkins a JOIN checkins b ON b.owner_id = $5 AND b.day = a.day \
         WHERE a.owner_id = $4 AND a.day >= $9 AND b.day >= $9 AND a.couple_id = $2 AND b.couple_id = $2 \
         ORDER BY 1, 2, 3",
        pn = predicate("n", 1),
        pc = predicate("c", 1),
        pr = predicate("r", 1),
    )
});

/// Today's question and the answers the viewer may see: one row with NULL answer
/// columns when nobody answered, none when the day has no question yet.
/// $1–$3 the scope, $4 couple, $5 the couple's day.
pub static QUESTION: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT q.prompt_id, a.owner_id, a.body, a.updated_at FROM daily_questions q \
         LEFT JOIN answers a ON a.couple_id = q.couple_id AND a.prompt_id = q.prompt_id AND {} \
         WHERE q.couple_id = $4 AND q.day = $5 ORDER BY a.created_at",
        predicate("a", 1)
    )
});

/// Once both have answered: the thread's replies (`r`) and hearts (`h`) in one.
/// $1–$3 the scope, $4 couple, $5 prompt.
pub static THREAD: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT 'r' AS kind, r.owner_id, r.body, r.created_at, r.id FROM answer_replies r \
         WHERE r.couple_id = $4 AND r.prompt_id = $5 AND {} \
         UNION ALL SELECT 'h', h.owner_id, NULL, NULL, NULL FROM answer_hearts h \
         WHERE h.couple_id = $4 AND h.prompt_id = $5 AND {} ORDER BY 1, 4, 5",
        predicate("r", 1),
        predicate("h", 1)
    )
});
