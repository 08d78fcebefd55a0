//! Choosing together among options each partner rated 0–10 privately: the option whose
//! *lower* rating is highest comes first (maximin: nobody is left far behind), the
//! larger product of the two ratings breaks a tie (the Nash product: the most joint
//! satisfaction), then the order the options were written in. The reason is said in
//! plain words, never as a score.

/// The highest rating.
pub const MAX_RATING: u8 = 10;

/// The options' positions, best first.
#[must_use]
pub fn rank(ratings: &[[u8; 2]]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..ratings.len()).collect();
    order.sort_by_key(|&i| {
        let [a, b] = ratings[i];
        (
            std::cmp::Reverse(a.min(b)),
            std::cmp::Reverse(u16::from(a) * u16::from(b)),
            i,
        )
    });
    order
}

/// Why the first option of a ranking comes first, in one or two plain sentences.
#[must_use]
pub fn reason(names: &[&str], ratings: &[[u8; 2]], ranking: &[usize]) -> String {
    let Some(&best) = ranking.first() else {
        return "There are no options yet.".to_owned();
    };
    let [a, b] = ratings[best];
    let low = a.min(b);
    let mut text = if low == 0 {
        format!(
            "\u{201c}{}\u{201d} comes first, but one of you gave every option a zero — it may help to brainstorm a few more.",
            names[best]
        )
    } else {
        format!(
            "\u{201c}{}\u{201d} comes first: neither of you rated it below {low} out of {MAX_RATING}, and no other option keeps you both that high.",
            names[best]
        )
    };
    if let Some(&next) = ranking.get(1) {
        let [c, d] = ratings[next];
        if c.min(d) == low && low > 0 {
            let tied_by = if u16::from(c) * u16::from(d) == u16::from(a) * u16::from(b) {
                "It ties with the next one on both counts, so the one you wrote first leads."
            } else {
                "The next one keeps you both just as high; this one adds up to more for the two of you together."
            };
            text.push(' ');
            text.push_str(tied_by);
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn maximin_then_nash_then_order() {
        // A: 9 and 2 (low 2); B: 6 and 6 (low 6); C: 7 and 6 (low 6, product 42).
        let ratings = [[9, 2], [6, 6], [7, 6]];
        assert_eq!(rank(&ratings), vec![2, 1, 0]);
        let why = reason(&["A", "B", "C"], &ratings, &rank(&ratings));
        assert!(
            why.starts_with("\u{201c}C\u{201d} comes first: neither of you rated it below 6"),
            "{why}"
        );
        assert!(why.contains("adds up to more"), "{why}");
        // A full tie keeps the order written.
        assert_eq!(rank(&[[5, 5], [5, 5]]), vec![0, 1]);
    }

    proptest! {
        #[test]
        fn the_first_option_is_never_beaten_on_its_lower_rating(ratings in prop::collection::vec([0u8..=10, 0u8..=10], 1..12)) {
            let order = rank(&ratings);
            prop_assert_eq!(order.len(), ratings.len());
            let low = |i: usize| ratings[i][0].min(ratings[i][1]);
            let best = order[0];
            for i in 0..ratings.len() {
                prop_assert!(low(i) <= low(best));
                if low(i) == low(best) {
                    let p = |j: usize| u16::from(ratings[j][0]) * u16::from(ratings[j][1]);
                    prop_assert!(p(i) <= p(best));
                }
            }
            prop_assert!(!reason(&vec!["x"; ratings.len()], &ratings, &order).chars().any(|c| c == '%'));
        }
    }
}
