//! The largest parts of a sum, kept as the parts come: what a finding about
//! a sum (a quarter's effort, the tactics' budgets) labels. A quarter booked
//! by 12,000 tactics is explained by its largest few; labelling every one
//! helps nobody and held every label in memory (400,000 of them for a plan
//! of 50,000 tactics). The others are counted and added up, so the finding
//! can say how many and how much it leaves out.

use super::Rational;

/// At most `limit` parts, the largest by amount (the earliest of equal
/// ones), and how many and how much the others are.
#[derive(Debug, Clone)]
pub struct Largest<T> {
    limit: usize,
    /// Each kept part with its amount and its place among all parts, in
    /// the order they came.
    kept: Vec<(Rational, usize, T)>,
    seen: usize,
    others: usize,
    others_total: Rational,
}

impl<T> Largest<T> {
    /// Keeps the `limit` largest parts (every part with `usize::MAX`).
    pub fn new(limit: usize) -> Largest<T> {
        Largest {
            limit,
            kept: Vec::new(),
            seen: 0,
            others: 0,
            others_total: Rational::ZERO,
        }
    }

    /// Counts one part of `amount`; keeps it if it is among the largest so far.
    pub fn add(&mut self, amount: Rational, part: T) {
        let place = self.seen;
        self.seen += 1;
        if self.kept.len() < self.limit {
            self.kept.push((amount, place, part));
            return;
        }
        // The smallest kept part, the latest of equal ones: a later part of
        // the same amount does not displace an earlier one.
        let smallest = self
            .kept
            .iter()
            .enumerate()
            .min_by(|(_, a), (_, b)| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
            .map(|(index, _)| index);
        match smallest {
            Some(index) if amount > self.kept[index].0 => {
                let (dropped, _, _) = self.kept.remove(index);
                self.kept.push((amount, place, part));
                self.drop_part(dropped);
            }
            _ => self.drop_part(amount),
        }
    }

    fn drop_part(&mut self, amount: Rational) {
        self.others += 1;
        self.others_total = self.others_total.saturating_add(amount);
    }

    /// The kept parts in the order they came.
    pub fn kept(&self) -> impl ExactSizeIterator<Item = &T> {
        self.kept.iter().map(|(_, _, part)| part)
    }

    /// The kept parts, in the order they came.
    pub fn into_kept(self) -> Vec<T> {
        self.kept.into_iter().map(|(_, _, part)| part).collect()
    }

    /// How many parts were not kept.
    pub fn others(&self) -> usize {
        self.others
    }

    /// The sum of the parts not kept.
    pub fn others_total(&self) -> Rational {
        self.others_total
    }

    /// Every part counted, kept or not.
    pub fn len(&self) -> usize {
        self.seen
    }

    pub fn is_empty(&self) -> bool {
        self.seen == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(largest: &Largest<&'static str>) -> Vec<&'static str> {
        largest.kept().copied().collect()
    }

    #[test]
    fn keeps_the_largest_in_the_order_they_came_and_counts_the_others() {
        let mut largest = Largest::new(3);
        for (amount, name) in [(5, "a"), (1, "b"), (9, "c"), (7, "d"), (2, "e"), (8, "f")] {
            largest.add(Rational::integer(amount), name);
        }
        assert_eq!(parts(&largest), ["c", "d", "f"]);
        assert_eq!(largest.others(), 3);
        assert_eq!(largest.others_total(), Rational::integer(8));
        assert_eq!(largest.len(), 6);
    }

    #[test]
    fn of_equal_parts_the_earliest_are_kept() {
        let mut largest = Largest::new(2);
        for name in ["a", "b", "c", "d"] {
            largest.add(Rational::integer(1), name);
        }
        assert_eq!(parts(&largest), ["a", "b"]);
        largest.add(Rational::integer(2), "e");
        assert_eq!(parts(&largest), ["a", "e"]);
        assert_eq!(largest.others(), 3);
    }

    #[test]
    fn without_a_limit_every_part_is_kept() {
        let mut largest = Largest::new(usize::MAX);
        for (amount, name) in [(3, "a"), (1, "b"), (2, "c")] {
            largest.add(Rational::integer(amount), name);
        }
        assert_eq!(parts(&largest), ["a", "b", "c"]);
        assert_eq!(largest.others(), 0);
        assert_eq!(largest.others_total(), Rational::ZERO);
    }
}
