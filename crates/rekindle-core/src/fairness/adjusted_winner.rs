//! Adjusted Winner (Brams & Taylor, *Fair Division*, 1996; *The Win-Win Solution*,
//! 1999), for two partners, exactly as CONTRACT.md specifies:
//!
//! 1. each item goes to whoever gave it more points;
//! 2. tied items go to the partner with fewer points from the untied items (the first
//!    partner when those are equal too);
//! 3. the leader hands items to the trailer in ascending order of leader-points /
//!    trailer-points (input order between equal ratios) until one item must be split to
//!    make the two totals equal.
//!
//! Chores are Adjusted Winner on *exemptions*: being spared chore i is worth d_A(i) to
//! A and d_B(i) to B; the work shares are the complements of the exemption shares.
//! Items nobody gave a point to stay where the tie rule put them (moving them changes
//! nothing).

use std::cmp::Ordering;

use super::ratio::Ratio;

/// What a division gives: per item, the two partners' shares (summing to 1); each
/// partner's own points of what they get (goods) or of the work they do (chores); and
/// the one item shared, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub shares: Vec<[Ratio; 2]>,
    pub points: [Ratio; 2],
    pub split_item: Option<usize>,
}

/// The other partner.
fn other(k: usize) -> usize {
    1 - k
}

/// Adjusted Winner over goods: `points[i][k]` is how much partner `k` wants item `i`.
#[must_use]
pub fn goods(points: &[[u32; 2]]) -> Split {
    let pts = |i: usize, k: usize| Ratio::from_int(i64::from(points[i][k]));
    // 1 and 2: the winner of each item; ties to whoever has fewer untied points.
    let untied = |k: usize| -> u32 {
        points
            .iter()
            .filter(|p| p[k] > p[other(k)])
            .map(|p| p[k])
            .sum()
    };
    let tie_to = usize::from(untied(1) < untied(0));
    let mut owner: Vec<usize> = points
        .iter()
        .map(|p| match p[0].cmp(&p[1]) {
            Ordering::Greater => 0,
            Ordering::Less => 1,
            Ordering::Equal => tie_to,
        })
        .collect();
    let mut total = [0, 1].map(|k| {
        (0..points.len())
            .filter(|&i| owner[i] == k)
            .map(|i| pts(i, k))
            .sum::<Ratio>()
    });
    let mut shares: Vec<[Ratio; 2]> = Vec::new();
    let mut split_item = None;
    if total[0] != total[1] {
        // 3: the leader gives, lowest ratio first.
        let leader = usize::from(total[1] > total[0]);
        let trailer = other(leader);
        let mut order: Vec<usize> = (0..points.len())
            .filter(|&i| owner[i] == leader && points[i] != [0, 0])
            .collect();
        // l1/t1 < l2/t2 ⇔ l1·t2 < l2·t1; a trailer's zero is an infinite ratio (last).
        order.sort_by(|&x, &y| {
            let (lx, tx) = (u64::from(points[x][leader]), u64::from(points[x][trailer]));
            let (ly, ty) = (u64::from(points[y][leader]), u64::from(points[y][trailer]));
            match (tx, ty) {
                (0, 0) => Ordering::Equal,
                (0, _) => Ordering::Greater,
                (_, 0) => Ordering::Less,
                _ => (lx * ty).cmp(&(ly * tx)),
            }
        });
        for i in order {
            let (l, t) = (pts(i, leader), pts(i, trailer));
            if total[leader] - l >= total[trailer] + t {
                owner[i] = trailer;
                total[leader] = total[leader] - l;
                total[trailer] = total[trailer] + t;
                if total[leader] == total[trailer] {
                    break;
                }
            } else {
                // The fraction x to hand over: total_L − x·l = total_T + x·t.
                let x = (total[leader] - total[trailer]) / (l + t);
                shares = (0..points.len()).map(|j| whole(owner[j])).collect();
                shares[i][leader] = Ratio::ONE - x;
                shares[i][trailer] = x;
                split_item = Some(i);
                break;
            }
        }
    }
    if shares.is_empty() {
        shares = owner.iter().map(|&k| whole(k)).collect();
    }
    let points = [0, 1].map(|k| {
        shares
            .iter()
            .enumerate()
            .map(|(i, s)| s[k] * pts(i, k))
            .sum()
    });
    Split {
        shares,
        points,
        split_item,
    }
}

/// Shares of an item held whole by partner `k`.
fn whole(k: usize) -> [Ratio; 2] {
    let mut s = [Ratio::ZERO; 2];
    s[k] = Ratio::ONE;
    s
}

/// Adjusted Winner over chores: `dislike[i][k]` is how much partner `k` dislikes doing
/// chore `i`. Shares are of the work; points are each partner's own dislike of the work
/// they do.
#[must_use]
pub fn chores(dislike: &[[u32; 2]]) -> Split {
    let exemptions = goods(dislike);
    let shares: Vec<[Ratio; 2]> = exemptions
        .shares
        .iter()
        .map(|s| [Ratio::ONE - s[0], Ratio::ONE - s[1]])
        .collect();
    let points = [0, 1].map(|k| {
        shares
            .iter()
            .zip(dislike)
            .map(|(s, d)| s[k] * Ratio::from_int(i64::from(d[k])))
            .sum()
    });
    Split {
        shares,
        points,
        split_item: exemptions.split_item,
    }
}

/// The baseline: every item halved. Each partner then has exactly half of their own
/// points — what "proportional" guarantees two people; Adjusted Winner never does worse
/// for either.
#[must_use]
pub fn proportional(points: &[[u32; 2]]) -> Split {
    let half = Ratio::new(1, 2);
    let sum = |k: usize| -> Ratio {
        points
            .iter()
            .map(|p| Ratio::from_int(i64::from(p[k])) * half)
            .sum()
    };
    Split {
        shares: vec![[half, half]; points.len()],
        points: [sum(0), sum(1)],
        split_item: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn r(n: i128, d: i128) -> Ratio {
        Ratio::new(n, d)
    }

    #[test]
    fn the_contract_example() {
        // CONTRACT.md: Home 45/30, Car 30/20, Piano 25/50.
        let s = goods(&[[45, 30], [30, 20], [25, 50]]);
        assert_eq!(
            s.shares,
            vec![[r(2, 3), r(1, 3)], [r(1, 1), r(0, 1)], [r(0, 1), r(1, 1)]]
        );
        assert_eq!(s.points, [r(60, 1), r(60, 1)]);
        assert_eq!(s.split_item, Some(0));
    }

    /// Bob and Carol's divorce, the worked example of Brams & Taylor, *The Win-Win
    /// Solution* (1999), as given on the authors' Adjusted Winner site
    /// (pages.nyu.edu/adjustedwinner): Carol 50/20/15/10/5 and Bob 40/30/10/10/10 on
    /// retirement account, home, summer cottage, investments, other. Bob trails on the
    /// untied items (40 to 65), so he gets the tied investments; Carol then gives 1/6 of
    /// the retirement account, and each ends with 56 2/3 points.
    #[test]
    fn bob_and_carol_from_the_win_win_solution() {
        let carol_bob = [[50, 40], [20, 30], [15, 10], [10, 10], [5, 10]];
        let s = goods(&carol_bob);
        assert_eq!(s.shares[0], [r(5, 6), r(1, 6)], "retirement account");
        assert_eq!(s.shares[1], [r(0, 1), r(1, 1)], "home to Bob");
        assert_eq!(s.shares[2], [r(1, 1), r(0, 1)], "cottage to Carol");
        assert_eq!(s.shares[3], [r(0, 1), r(1, 1)], "investments (tied) to Bob");
        assert_eq!(s.shares[4], [r(0, 1), r(1, 1)], "other to Bob");
        assert_eq!(s.points, [r(170, 3), r(170, 3)]);
        assert_eq!(s.split_item, Some(0));
    }

    #[test]
    fn ties_and_exact_equality_need_no_split() {
        // Both untied totals equal: the tie goes to the first partner.
        let s = goods(&[[60, 40], [40, 60]]);
        assert_eq!((s.points, s.split_item), ([r(60, 1), r(60, 1)], None));
        // Everything tied: all to the first partner, who then hands over the first item
        // whole — equal at 50 each, nothing shared.
        let all_tied = goods(&[[50, 50], [50, 50]]);
        assert_eq!(
            all_tied.shares,
            vec![[r(0, 1), r(1, 1)], [r(1, 1), r(0, 1)]]
        );
        assert_eq!(
            (all_tied.points, all_tied.split_item),
            ([r(50, 1), r(50, 1)], None)
        );
    }

    #[test]
    fn chores_split_the_work_by_exemptions() {
        // Sam dislikes dishes 70 and laundry 30; Alex 20 and 80. Sam is spared the
        // dishes, Alex the laundry (70 to 80 exemption points); Alex then hands Sam 1/11
        // of the laundry exemption: Sam does 10/11 of the laundry, Alex the dishes and
        // 1/11 of the laundry, and each carries 300/11 of their own dislike.
        let s = chores(&[[70, 20], [30, 80]]);
        assert_eq!(s.shares, vec![[r(0, 1), r(1, 1)], [r(10, 11), r(1, 11)]]);
        assert_eq!(s.points, [r(300, 11), r(300, 11)]);
        assert_eq!(s.split_item, Some(1));
    }

    fn sheet() -> impl Strategy<Value = Vec<[u32; 2]>> {
        // Two lists of weights made to sum to exactly 100 each.
        (1usize..=25)
            .prop_flat_map(|n| {
                (
                    prop::collection::vec(0u32..=20, n),
                    prop::collection::vec(0u32..=20, n),
                )
            })
            .prop_map(|(a, b)| {
                let to_100 = |w: Vec<u32>| -> Vec<u32> {
                    let mut w = if w.iter().all(|x| *x == 0) {
                        let mut z = w;
                        z[0] = 1;
                        z
                    } else {
                        w
                    };
                    let sum: u32 = w.iter().sum();
                    let mut out: Vec<u32> = w.iter().map(|x| x * 100 / sum).collect();
                    let short = 100 - out.iter().sum::<u32>();
                    let len = out.len();
                    for k in 0..short as usize {
                        out[k % len] += 1;
                    }
                    w.clear();
                    out
                };
                let (a, b) = (to_100(a), to_100(b));
                a.into_iter().zip(b).map(|(x, y)| [x, y]).collect()
            })
    }

    fn check(s: &Split, points: &[[u32; 2]], chores_mode: bool) -> Result<(), TestCaseError> {
        let half = r(50, 1);
        prop_assert_eq!(s.points[0], s.points[1], "equitable");
        if chores_mode {
            prop_assert!(s.points[0] <= half, "at most half the burden");
        } else {
            prop_assert!(s.points[0] >= half, "at least half");
        }
        let base = proportional(points);
        for k in 0..2 {
            if chores_mode {
                prop_assert!(s.points[k] <= base.points[k], "never worse than halving");
            } else {
                prop_assert!(s.points[k] >= base.points[k], "never worse than halving");
            }
        }
        let fractional: Vec<usize> = s
            .shares
            .iter()
            .enumerate()
            .filter(|(_, sh)| sh[0] != Ratio::ZERO && sh[0] != Ratio::ONE)
            .map(|(i, _)| i)
            .collect();
        prop_assert!(
            fractional.len() <= 1,
            "at most one item split: {:?}",
            fractional
        );
        if let Some(i) = fractional.first() {
            prop_assert_eq!(s.split_item, Some(*i));
        }
        for sh in &s.shares {
            prop_assert_eq!(sh[0] + sh[1], Ratio::ONE);
            prop_assert!(sh[0] >= Ratio::ZERO && sh[1] >= Ratio::ZERO);
        }
        // Envy-free: by their own measure, each values their part at least as much as
        // the other's (goods), or carries no more than the other's (chores).
        for k in 0..2 {
            let value = |who: usize| -> Ratio {
                s.shares
                    .iter()
                    .zip(points)
                    .map(|(sh, p)| sh[who] * Ratio::from_int(i64::from(p[k])))
                    .sum()
            };
            if chores_mode {
                prop_assert!(value(k) <= value(1 - k));
            } else {
                prop_assert!(value(k) >= value(1 - k));
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn adjusted_winner_is_equitable_proportional_envy_free_and_splits_at_most_one(points in sheet()) {
            check(&goods(&points), &points, false)?;
            check(&chores(&points), &points, true)?;
        }
    }
}
