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

use super::facts::{Booking, Declared, PlanFacts};
use crate::model::largest::Largest;
use crate::model::{Quarter, Rational};
use crate::rules::checks::{Hit, Spot, LABELLED_PARTS};
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
    /// The contributions listed, in plan and line order: every one, or in
    /// an audit the ten largest ([`LABELLED_PARTS`]).
    pub contributions: Vec<Contribution>,
    /// The contributions an audit does not list, and their effort in all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_listed: Option<NotListed>,
    /// How many plans contribute, listed or not.
    #[serde(skip)]
    pub plan_count: usize,
    /// The finding's message, rendered from the rule's file by the audit.
    #[serde(skip)]
    pub message: String,
}

/// Contributions to a booking that the audit counts but does not list.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct NotListed {
    pub contributions: usize,
    pub effort: Rational,
}

impl CrossPlanBooking {
    /// The plans of the listed contributions, in order.
    pub fn plans(&self) -> Vec<&str> {
        let mut plans: Vec<&str> = self.contributions.iter().map(|c| c.plan.as_str()).collect();
        plans.dedup();
        plans
    }

    /// The hit of `overbooked-across-plans`, for its templates: the plans
    /// of the listed contributions by name, and how many others there are.
    pub fn hit(&self) -> Hit {
        let named = self.plans();
        let hit = Hit::new(0, Spot::bare(Span::new(0, 0)))
            .var("person", self.person.clone())
            .var("quarter", self.quarter.to_string())
            .var("booked", self.booked.to_string())
            .var("capacity", self.capacity.to_string())
            .var("plans", self.plan_count.to_string());
        match self.plan_count.saturating_sub(named.len()) {
            0 => hit.var("plan-list", named.join(", ")),
            more => {
                let named = named.into_iter().map(str::to_string).collect();
                hit.list("plan-list", named, more)
            }
        }
    }
}

/// A person's bookings in one quarter, summed plan by plan: the total, how
/// many plans, and the contributions to list. An audit of 20,000 plans
/// that share 200 people held each of their 400,000 bookings (470 MB) to
/// list them under the findings; it now keeps the ten largest of each
/// person's quarter, as a finding about any sum labels its ten largest
/// parts, and counts the others.
pub struct QuarterBookings<'plans> {
    total: Rational,
    plans: usize,
    last_plan: Option<&'plans str>,
    listed: Largest<Contribution>,
}

impl<'plans> QuarterBookings<'plans> {
    /// Lists `limit` contributions at most (every one with `usize::MAX`).
    pub fn new(limit: usize) -> QuarterBookings<'plans> {
        QuarterBookings {
            total: Rational::ZERO,
            plans: 0,
            last_plan: None,
            listed: Largest::new(limit),
        }
    }

    /// Adds a contribution of `plan`; a plan's contributions come together.
    pub fn add(&mut self, plan: &'plans str, contribution: Contribution) {
        if self.last_plan != Some(plan) {
            self.plans += 1;
            self.last_plan = Some(plan);
        }
        self.total = self.total.saturating_add(contribution.effort);
        self.listed.add(contribution.effort, contribution);
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
    // The editor's workspace: every contribution is listed, so that each
    // open plan that contributes gets the finding.
    let mut booked: BTreeMap<(&str, Quarter), QuarterBookings> = BTreeMap::new();
    for plan in plans {
        for booking in &plan.bookings {
            booked
                .entry((booking.person.as_str(), booking.quarter))
                .or_insert_with(|| QuarterBookings::new(usize::MAX))
                .add(
                    &plan.path,
                    Contribution {
                        plan: plan.path.clone(),
                        tactic: booking.tactic.clone(),
                        line: booking.line,
                        effort: booking.effort,
                    },
                );
        }
    }
    over_capacity(&capacity, booked)
}

/// Of each person's bookings per quarter, those over the capacity declared
/// for them and spread over at least two plans.
pub fn over_capacity(
    capacity: &BTreeMap<&str, (Rational, &str, usize)>,
    booked: BTreeMap<(&str, Quarter), QuarterBookings>,
) -> Vec<CrossPlanBooking> {
    let mut found = Vec::new();
    for ((person, quarter), bookings) in booked {
        let Some(&(limit, declared_plan, declared_line)) = capacity.get(person) else {
            continue;
        };
        if bookings.total <= limit || bookings.plans < 2 {
            continue;
        }
        let not_listed = (bookings.listed.others() > 0).then(|| NotListed {
            contributions: bookings.listed.others(),
            effort: bookings.listed.others_total(),
        });
        let mut contributions = bookings.listed.into_kept();
        contributions.sort_by(|a, b| (&a.plan, a.line).cmp(&(&b.plan, b.line)));
        found.push(CrossPlanBooking {
            person: person.to_string(),
            quarter,
            booked: bookings.total,
            capacity: limit,
            declared_in: (declared_plan.to_string(), declared_line),
            contributions,
            not_listed,
            plan_count: bookings.plans,
            message: String::new(),
        });
    }
    found
}

/// The number of contributions an audit lists under each booking.
pub const LISTED_CONTRIBUTIONS: usize = LABELLED_PARTS;

/// What `overbooked-across-plans` needs of one plan: its bookings and the
/// capacities its team declares. The audit keeps it in its spill and reads
/// it back only when someone is booked in several plans.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanBookings {
    pub bookings: Vec<Booking>,
    pub people: Vec<(String, Declared)>,
}

impl PlanBookings {
    pub fn of(plan: &PlanFacts) -> PlanBookings {
        PlanBookings {
            bookings: plan.bookings.clone(),
            people: plan
                .people
                .iter()
                .map(|(name, declared)| (name.clone(), declared.clone()))
                .collect(),
        }
    }

    /// As bytes: counts, numbers and lengths in little-endian, names as
    /// UTF-8. Nothing for a plan that books and declares nobody.
    pub fn encode(plan: &PlanFacts) -> Vec<u8> {
        let mut bytes = Vec::new();
        if plan.bookings.is_empty() && plan.people.is_empty() {
            return bytes;
        }
        let number = |bytes: &mut Vec<u8>, value: usize| {
            bytes.extend_from_slice(&(value as u64).to_le_bytes());
        };
        let text = |bytes: &mut Vec<u8>, text: &str| {
            bytes.extend_from_slice(&(text.len() as u64).to_le_bytes());
            bytes.extend_from_slice(text.as_bytes());
        };
        let rational = |bytes: &mut Vec<u8>, value: Rational| {
            bytes.extend_from_slice(&value.numerator().to_le_bytes());
            bytes.extend_from_slice(&value.denominator().to_le_bytes());
        };
        number(&mut bytes, plan.bookings.len());
        for booking in &plan.bookings {
            text(&mut bytes, &booking.person);
            text(&mut bytes, &booking.tactic);
            bytes.extend_from_slice(&booking.quarter.year.to_le_bytes());
            bytes.push(booking.quarter.number);
            rational(&mut bytes, booking.effort);
            number(&mut bytes, booking.line);
        }
        number(&mut bytes, plan.people.len());
        for (name, declared) in &plan.people {
            text(&mut bytes, name);
            rational(&mut bytes, declared.capacity);
            number(&mut bytes, declared.line);
        }
        bytes
    }

    /// What [`PlanBookings::encode`] wrote; `None` for bytes it did not write.
    pub fn decode(mut bytes: &[u8]) -> Option<PlanBookings> {
        fn take<'b>(bytes: &mut &'b [u8], count: usize) -> Option<&'b [u8]> {
            let (taken, rest) = bytes.split_at_checked(count)?;
            *bytes = rest;
            Some(taken)
        }
        fn array<const N: usize>(bytes: &mut &[u8]) -> Option<[u8; N]> {
            take(bytes, N)?.try_into().ok()
        }
        fn number(bytes: &mut &[u8]) -> Option<usize> {
            usize::try_from(u64::from_le_bytes(array(bytes)?)).ok()
        }
        fn text(bytes: &mut &[u8]) -> Option<String> {
            let length = number(bytes)?;
            String::from_utf8(take(bytes, length)?.to_vec()).ok()
        }
        fn rational(bytes: &mut &[u8]) -> Option<Rational> {
            let numerator = i128::from_le_bytes(array(bytes)?);
            let denominator = i128::from_le_bytes(array(bytes)?);
            Some(Rational::new(numerator, denominator))
        }
        let mut plan = PlanBookings::default();
        if bytes.is_empty() {
            return Some(plan);
        }
        for _ in 0..number(&mut bytes)? {
            let person = text(&mut bytes)?;
            let tactic = text(&mut bytes)?;
            let year = i32::from_le_bytes(array(&mut bytes)?);
            let [quarter] = array(&mut bytes)?;
            plan.bookings.push(Booking {
                person,
                quarter: Quarter {
                    year,
                    number: quarter,
                },
                effort: rational(&mut bytes)?,
                tactic,
                line: number(&mut bytes)?,
            });
        }
        for _ in 0..number(&mut bytes)? {
            let name = text(&mut bytes)?;
            let capacity = rational(&mut bytes)?;
            let line = number(&mut bytes)?;
            plan.people.push((name, Declared { capacity, line }));
        }
        bytes.is_empty().then_some(plan)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bookings_and_capacities_come_back_from_their_bytes_as_they_were() {
        let quarter = |year, number| Quarter { year, number };
        let mut plan =
            super::super::facts::unparsed(&crate::source::SourceFile::new("plan.plan", ""), &[]);
        assert_eq!(PlanBookings::encode(&plan), Vec::<u8>::new());
        plan.bookings = vec![
            Booking {
                person: "maría".into(),
                quarter: quarter(2027, 3),
                effort: Rational::new(35, 3),
                tactic: "webinar-series".into(),
                line: 42,
            },
            Booking {
                person: "li".into(),
                quarter: quarter(2028, 1),
                effort: Rational::integer(0),
                tactic: String::new(),
                line: 1,
            },
        ];
        plan.people.insert(
            "maría".into(),
            Declared {
                capacity: Rational::new(81, 2),
                line: 7,
            },
        );
        let bytes = PlanBookings::encode(&plan);
        assert_eq!(PlanBookings::decode(&bytes), Some(PlanBookings::of(&plan)));
        assert_eq!(PlanBookings::decode(&bytes[..bytes.len() - 1]), None);
        assert_eq!(PlanBookings::decode(&[]), Some(PlanBookings::default()));
    }
}
