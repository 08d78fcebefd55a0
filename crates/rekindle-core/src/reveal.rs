//! The one visibility rule. Every piece of user content has an owner and a
//! [`Visibility`]; whether a viewer may see it is decided here and nowhere else.
//! The database layer expresses the same rule as a SQL predicate, and a test checks
//! that the two agree row for row.

use serde::{Deserialize, Serialize};

/// Who may see a piece of content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    /// Only its owner, always.
    Private,
    /// Both partners of the couple it was written in.
    Shared,
    /// Only its owner until it is unsealed (both answered, delivery time came, both
    /// said yes); from then on, both partners.
    Sealed,
}

impl Visibility {
    /// The stored spelling.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Private => "private",
            Self::Shared => "shared",
            Self::Sealed => "sealed",
        }
    }

    /// Parses the stored spelling.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "private" => Some(Self::Private),
            "shared" => Some(Self::Shared),
            "sealed" => Some(Self::Sealed),
            _ => None,
        }
    }
}

/// What the rule needs to know about an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemAccess<'a> {
    pub owner_id: &'a str,
    pub couple_id: &'a str,
    pub visibility: Visibility,
    /// For sealed items: the instant (epoch ms) from which the partner may see it,
    /// or `None` while its condition does not hold yet.
    pub unsealed_at_ms: Option<i64>,
}

/// Who is looking, and from which couple (if any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer<'a> {
    pub user_id: &'a str,
    /// The couple the viewer belongs to right now; `None` after leaving.
    pub couple_id: Option<&'a str>,
}

/// The rule: owners always see their own items; a partner sees shared items of
/// their current couple, and sealed ones once unsealed. Everyone else sees nothing —
/// and callers answer "not found", never "forbidden".
#[must_use]
pub fn may_see(item: &ItemAccess<'_>, viewer: &Viewer<'_>, now_ms: i64) -> bool {
    if item.owner_id == viewer.user_id {
        return true;
    }
    if viewer.couple_id != Some(item.couple_id) {
        return false;
    }
    match item.visibility {
        Visibility::Private => false,
        Visibility::Shared => true,
        Visibility::Sealed => item.unsealed_at_ms.is_some_and(|at| at <= now_ms),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn item(vis: Visibility, unsealed: Option<i64>) -> ItemAccess<'static> {
        ItemAccess {
            owner_id: "ann",
            couple_id: "c1",
            visibility: vis,
            unsealed_at_ms: unsealed,
        }
    }

    const PARTNER: Viewer<'static> = Viewer {
        user_id: "ben",
        couple_id: Some("c1"),
    };

    #[test]
    fn partner_sees_shared_but_not_private() {
        assert!(may_see(&item(Visibility::Shared, None), &PARTNER, 0));
        assert!(!may_see(&item(Visibility::Private, None), &PARTNER, 0));
    }

    #[test]
    fn sealed_opens_at_its_time_and_not_before() {
        let sealed = item(Visibility::Sealed, Some(1_000));
        assert!(!may_see(&sealed, &PARTNER, 999));
        assert!(may_see(&sealed, &PARTNER, 1_000));
        assert!(!may_see(
            &item(Visibility::Sealed, None),
            &PARTNER,
            i64::MAX
        ));
    }

    #[test]
    fn ex_partner_and_strangers_see_nothing() {
        let ex = Viewer {
            user_id: "ben",
            couple_id: None,
        };
        let stranger = Viewer {
            user_id: "cid",
            couple_id: Some("c2"),
        };
        let shared = item(Visibility::Shared, None);
        assert!(!may_see(&shared, &ex, 0));
        assert!(!may_see(&shared, &stranger, 0));
    }

    #[test]
    fn visibility_round_trips_its_stored_spelling() {
        for v in [Visibility::Private, Visibility::Shared, Visibility::Sealed] {
            assert_eq!(Visibility::parse(v.as_str()), Some(v));
        }
        assert_eq!(Visibility::parse("public"), None);
    }

    fn any_visibility() -> impl Strategy<Value = Visibility> {
        prop_oneof![
            Just(Visibility::Private),
            Just(Visibility::Shared),
            Just(Visibility::Sealed)
        ]
    }

    proptest! {
        #[test]
        fn owner_always_sees_own_items(vis in any_visibility(), unsealed in proptest::option::of(any::<i64>()), now in any::<i64>(), couple in proptest::option::of("c[0-9]")) {
            let it = ItemAccess { owner_id: "ann", couple_id: "c1", visibility: vis, unsealed_at_ms: unsealed };
            let me = Viewer { user_id: "ann", couple_id: couple.as_deref() };
            prop_assert!(may_see(&it, &me, now));
        }

        #[test]
        fn outside_the_couple_nothing_is_visible(vis in any_visibility(), unsealed in proptest::option::of(any::<i64>()), now in any::<i64>(), couple in proptest::option::of("c[2-9]")) {
            let it = ItemAccess { owner_id: "ann", couple_id: "c1", visibility: vis, unsealed_at_ms: unsealed };
            let other = Viewer { user_id: "zed", couple_id: couple.as_deref() };
            prop_assert!(!may_see(&it, &other, now));
        }

        #[test]
        fn private_never_reaches_the_partner(unsealed in proptest::option::of(any::<i64>()), now in any::<i64>()) {
            prop_assert!(!may_see(&item(Visibility::Private, unsealed), &PARTNER, now));
        }

        #[test]
        fn once_unsealed_stays_unsealed(at in any::<i64>(), later in 0i64..1_000_000) {
            let sealed = item(Visibility::Sealed, Some(at));
            let now = at.saturating_add(later);
            prop_assert!(may_see(&sealed, &PARTNER, now));
        }
    }
}
