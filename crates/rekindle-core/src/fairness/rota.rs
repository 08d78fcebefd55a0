//! A weekly rota from a chores split: over any run of weeks, each partner does a chore
//! as close to their share of it as whole weeks allow — exactly their share over the
//! share's denominator in weeks (a chore shared 10/11 to 1/11 is done 10 weeks in 11
//! by the first). Week 0 is the rota's first week.

use super::ratio::Ratio;

/// Who does a chore in `week` (0 or 1), from the first partner's share of its work.
#[must_use]
pub fn who_does(first_share: Ratio, week: i64) -> usize {
    if week < 0 {
        return who_does(first_share, 0);
    }
    // The first partner's turns so far, rounded down: a new turn this week when it rises.
    let turns =
        |w: i64| -> i128 { (i128::from(w) * first_share.numer()).div_euclid(first_share.denom()) };
    usize::from(turns(week + 1) == turns(week))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn whole_shares_never_alternate() {
        for w in 0..10 {
            assert_eq!(who_does(Ratio::ONE, w), 0);
            assert_eq!(who_does(Ratio::ZERO, w), 1);
        }
        let half: Vec<usize> = (0..4).map(|w| who_does(Ratio::new(1, 2), w)).collect();
        assert_eq!(half, [1, 0, 1, 0]);
    }

    proptest! {
        #[test]
        fn over_the_denominator_each_does_exactly_their_share(num in 0i128..=40, den in 1i128..=40, start in 0i64..200) {
            let share = Ratio::new(num.min(den), den);
            let weeks = i64::try_from(share.denom()).unwrap();
            let first = (start..start + weeks).filter(|w| who_does(share, *w) == 0).count();
            prop_assert_eq!(i128::try_from(first).unwrap(), share.numer());
        }
    }
}
