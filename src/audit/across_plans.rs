//! `overbooked-across-plans` (audit only): a person who owns tactics in
//! several plans and, added up per quarter, is booked beyond their capacity.
//!
//! Each plan checks its own team (`overbooked-member`), but nobody sees
//! that @maria's 20 days in the EMEA plan and 25 days in the partner plan
//! land in the same quarter. A person's capacity is the largest `capacity`
//! any audited team declares for them (capacity is per person and quarter;
//! two teams naming the same person describe one person). People no team
//! declares are not checked: there is nothing to compare with.

use std::collections::BTreeMap;

use serde::Serialize;

use super::facts::{Booking, PlanFacts};
use crate::model::{Quarter, Rational};
use crate::rules::checks::{Hit, Spot};
use crate::syntax::Span;

/// One tactic's share of a person's quarter.
#[derive(Debug, Clone, Serialize)]
pub struct Contribution {
    pub plan: String,
    pub tactic: String,
    pub line: usize,
    pub effort: Rational,
}

/// A person over capacity in one quarter, summed over plans.
#[derive(Debug, Clone, Serialize)]
pub struct CrossPlanBooking {
    pub person: String,
    pub quarter: Quarter,
    pub booked: Rational,
    pub capacity: Rational,
    /// Where the capacity is declared: plan and line.
    pub declared_in: (String, usize),
    pub contributions: Vec<Contribution>,
    /// The finding's message, rendered from the rule's file by the audit.
    #[serde(skip)]
    pub message: String,
}

impl CrossPlanBooking {
    /// The plans that contribute, in order.
    pub fn plans(&self) -> Vec<&str> {
        let mut plans: Vec<&str> = self.contributions.iter().map(|c| c.plan.as_str()).collect();
        plans.dedup();
        plans
    }

    /// The hit of `overbooked-across-plans`, for its templates.
    pub fn hit(&self) -> Hit {
        Hit::new(0, Spot::bare(Span::new(0, 0)))
            .var("person", self.person.clone())
            .var("quarter", self.quarter.to_string())
            .var("booked", self.booked.to_string())
            .var("capacity", self.capacity.to_string())
            .var("plans", self.plans().len().to_string())
            .var("plan-list", self.plans().join(", "))
    }
}

/// People booked beyond capacity when their plans are added up. Only
/// bookings spread over at least two plans count: within one plan,
/// `overbooked-member` already reports it.
pub fn overbooked<'a, Plans>(plans: Plans) -> Vec<CrossPlanBooking>
where
    Plans: IntoIterator<Item = &'a PlanFacts> + Clone,
{
    let mut capacity: BTreeMap<&str, (Rational, &str, usize)> = BTreeMap::new();
    for plan in plans.clone() {
        for (person, declared) in &plan.people {
            let entry = capacity.entry(person.as_str()).or_insert((
                declared.capacity,
                plan.path.as_str(),
                declared.line,
            ));
            if declared.capacity > entry.0 {
                *entry = (declared.capacity, plan.path.as_str(), declared.line);
            }
        }
    }
    let mut booked: BTreeMap<(&str, Quarter), Vec<Contribution>> = BTreeMap::new();
    for plan in plans {
        for booking in &plan.bookings {
            booked
                .entry((booking.person.as_str(), booking.quarter))
                .or_default()
                .push(Contribution {
                    plan: plan.path.clone(),
                    tactic: booking.tactic.clone(),
                    line: booking.line,
                    effort: booking.effort,
                });
        }
    }
    over_capacity(&capacity, booked)
}

/// Of each person's bookings per quarter (`booked`, contributions in plan
/// order), those over the capacity declared for them and spread over at
/// least two plans.
pub fn over_capacity(
    capacity: &BTreeMap<&str, (Rational, &str, usize)>,
    booked: BTreeMap<(&str, Quarter), Vec<Contribution>>,
) -> Vec<CrossPlanBooking> {
    let mut found = Vec::new();
    for ((person, quarter), mut contributions) in booked {
        let Some(&(limit, declared_plan, declared_line)) = capacity.get(person) else {
            continue;
        };
        contributions.sort_by(|a, b| (&a.plan, a.line).cmp(&(&b.plan, b.line)));
        let total = contributions
            .iter()
            .fold(Rational::ZERO, |sum, c| sum.saturating_add(c.effort));
        let mut plan_names: Vec<&str> = contributions.iter().map(|c| c.plan.as_str()).collect();
        plan_names.dedup();
        if total > limit && plan_names.len() >= 2 {
            found.push(CrossPlanBooking {
                person: person.to_string(),
                quarter,
                booked: total,
                capacity: limit,
                declared_in: (declared_plan.to_string(), declared_line),
                contributions,
                message: String::new(),
            });
        }
    }
    found
}

/// A plan's bookings as bytes for the audit's spill (read back only when
/// someone they name is booked in several plans): lengths and numbers in
/// little-endian, names as UTF-8.
pub fn encode_bookings(bookings: &[Booking]) -> Vec<u8> {
    let mut bytes = Vec::new();
    for booking in bookings {
        for text in [&booking.person, &booking.tactic] {
            bytes.extend_from_slice(&(text.len() as u64).to_le_bytes());
            bytes.extend_from_slice(text.as_bytes());
        }
        bytes.extend_from_slice(&booking.quarter.year.to_le_bytes());
        bytes.push(booking.quarter.number);
        bytes.extend_from_slice(&booking.effort.numerator().to_le_bytes());
        bytes.extend_from_slice(&booking.effort.denominator().to_le_bytes());
        bytes.extend_from_slice(&(booking.line as u64).to_le_bytes());
    }
    bytes
}

/// The bookings [`encode_bookings`] wrote; `None` for bytes it did not write.
pub fn decode_bookings(mut bytes: &[u8]) -> Option<Vec<Booking>> {
    fn take<'b>(bytes: &mut &'b [u8], count: usize) -> Option<&'b [u8]> {
        let (taken, rest) = bytes.split_at_checked(count)?;
        *bytes = rest;
        Some(taken)
    }
    fn array<const N: usize>(bytes: &mut &[u8]) -> Option<[u8; N]> {
        take(bytes, N)?.try_into().ok()
    }
    fn text(bytes: &mut &[u8]) -> Option<String> {
        let length = usize::try_from(u64::from_le_bytes(array(bytes)?)).ok()?;
        String::from_utf8(take(bytes, length)?.to_vec()).ok()
    }
    let mut bookings = Vec::new();
    while !bytes.is_empty() {
        let person = text(&mut bytes)?;
        let tactic = text(&mut bytes)?;
        let year = i32::from_le_bytes(array(&mut bytes)?);
        let [number] = array(&mut bytes)?;
        let numerator = i128::from_le_bytes(array(&mut bytes)?);
        let denominator = i128::from_le_bytes(array(&mut bytes)?);
        let line = usize::try_from(u64::from_le_bytes(array(&mut bytes)?)).ok()?;
        bookings.push(Booking {
            person,
            quarter: Quarter { year, number },
            effort: Rational::new(numerator, denominator),
            tactic,
            line,
        });
    }
    Some(bookings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bookings_come_back_from_their_bytes_as_they_were() {
        let bookings = vec![
            Booking {
                person: "maría".into(),
                quarter: Quarter {
                    year: 2027,
                    number: 3,
                },
                effort: Rational::new(35, 3),
                tactic: "webinar-series".into(),
                line: 42,
            },
            Booking {
                person: "li".into(),
                quarter: Quarter {
                    year: 2028,
                    number: 1,
                },
                effort: Rational::integer(0),
                tactic: String::new(),
                line: 1,
            },
        ];
        let bytes = encode_bookings(&bookings);
        assert_eq!(decode_bookings(&bytes), Some(bookings));
        assert_eq!(decode_bookings(&bytes[..bytes.len() - 1]), None);
        assert_eq!(decode_bookings(&[]), Some(Vec::new()));
    }
}
