//! Small text helpers shared by the stages: "did you mean" suggestions,
//! plurals, and plan text made safe to show on a terminal.

use std::borrow::Cow;
use std::cell::Cell;

/// The candidate closest to `word` by edit distance, if it is close enough to
/// be a plausible typo: at most a third of the word's length (at least 1),
/// and fewer edits than the word has characters (`x` is not a typo of `o`:
/// every letter would be wrong); of equally close ones, the first in
/// alphabetical order. The one "did you mean" of every stage. A stage that
/// asks about many words against the same candidates builds a
/// [`Suggestions`] once instead.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word: Vec<char> = word.chars().collect();
    let limit = typo_limit(word.len());
    let mut best: Option<(usize, &'a str)> = None;
    let mut row = Vec::new();
    for candidate in candidates {
        let bound = best.map_or(limit, |(distance, _)| distance);
        let Some(distance) = bounded_distance(&word, candidate, bound, &mut row) else {
            continue;
        };
        if best.is_none_or(|best| (distance, candidate) < best) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// The most edits a word of `length` characters may be from a suggestion.
fn typo_limit(length: usize) -> usize {
    (length / 3).max(1).min(length.saturating_sub(1))
}

/// The candidates of one "did you mean", indexed by their length in
/// characters: a word is compared only with the candidates whose length is
/// within its typo limit of its own (the edit distance is at least the
/// difference of the lengths), so that suggesting names for thousands of
/// unknown words against thousands of declared ones does not compare every
/// pair. Same answers as [`closest`], until [`COMPARISON_BUDGET`] is spent.
#[derive(Debug, Default)]
pub struct Suggestions<'a> {
    by_length: Vec<Vec<&'a str>>,
    /// Comparisons still allowed: see [`COMPARISON_BUDGET`].
    comparisons_left: Cell<usize>,
}

/// How many comparisons one [`Suggestions`] makes at most. Thousands of
/// distinct unknown names against thousands of declared names of about the
/// same length (an imported plan whose ids are all a little off) would
/// compare every pair: a cost that grows with the square of the plan. Past
/// this budget (a third of a second at most), a word is given no suggestion
/// rather than a slow or a partial one; the words asked before keep their
/// exact answers, so the findings are the same from run to run.
pub const COMPARISON_BUDGET: usize = 2_000_000;

impl<'a> Suggestions<'a> {
    pub fn new(candidates: impl IntoIterator<Item = &'a str>) -> Suggestions<'a> {
        Suggestions::with_budget(candidates, COMPARISON_BUDGET)
    }

    /// [`Suggestions::new`] allowing `budget` comparisons.
    pub fn with_budget(
        candidates: impl IntoIterator<Item = &'a str>,
        budget: usize,
    ) -> Suggestions<'a> {
        let mut by_length: Vec<Vec<&'a str>> = Vec::new();
        for candidate in candidates {
            let length = candidate.chars().count();
            if by_length.len() <= length {
                by_length.resize_with(length + 1, Vec::new);
            }
            by_length[length].push(candidate);
        }
        for bucket in &mut by_length {
            bucket.sort_unstable();
            bucket.dedup();
        }
        Suggestions {
            by_length,
            comparisons_left: Cell::new(budget),
        }
    }

    /// The closest candidate to `word` that is not one of `excluded`.
    pub fn closest_except(&self, word: &str, excluded: &[&str]) -> Option<&'a str> {
        self.nearest(word, excluded.len() + 1)
            .into_iter()
            .find(|candidate| !excluded.contains(candidate))
    }

    /// Up to `count` distinct candidates close enough to `word` to suggest,
    /// closest first (ties in alphabetical order).
    pub fn nearest(&self, word: &str, count: usize) -> Vec<&'a str> {
        let word: Vec<char> = word.chars().collect();
        let limit = typo_limit(word.len());
        let lengths = word.len().saturating_sub(limit)..=word.len() + limit;
        let comparisons: usize = lengths
            .clone()
            .map(|length| self.by_length.get(length).map_or(0, Vec::len))
            .sum();
        let Some(left) = self.comparisons_left.get().checked_sub(comparisons) else {
            self.comparisons_left.set(0);
            return Vec::new();
        };
        self.comparisons_left.set(left);
        let mut found: Vec<(usize, &'a str)> = Vec::new();
        let mut row = Vec::new();
        for length in lengths {
            for &candidate in self.by_length.get(length).into_iter().flatten() {
                let bound = match found.get(count.wrapping_sub(1)) {
                    Some(&(distance, _)) if found.len() >= count => distance,
                    _ => limit,
                };
                if let Some(distance) = bounded_distance(&word, candidate, bound, &mut row) {
                    found.push((distance, candidate));
                    found.sort_unstable();
                    found.truncate(count);
                }
            }
        }
        found.into_iter().map(|(_, candidate)| candidate).collect()
    }
}

/// The edit distance from `word` to `candidate` when it is at most `bound`
/// (and smaller than the word's length), else `None`, stopping as soon as
/// every path exceeds the bound. `row` is scratch space reused across calls.
fn bounded_distance(
    word: &[char],
    candidate: &str,
    bound: usize,
    row: &mut Vec<usize>,
) -> Option<usize> {
    let length = candidate.chars().count();
    if length.abs_diff(word.len()) > bound {
        return None;
    }
    // One row of the Levenshtein table over the candidate's characters.
    row.clear();
    row.extend(0..=length);
    for (i, &wc) in word.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        let mut smallest = row[0];
        for (j, cc) in candidate.chars().enumerate() {
            let substitution = diagonal + usize::from(wc != cc);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j + 1] + 1).min(row[j] + 1);
            smallest = smallest.min(row[j + 1]);
        }
        if smallest > bound {
            return None;
        }
    }
    let distance = row[length];
    (distance <= bound && distance < word.len()).then_some(distance)
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// `1 error`, `2 errors`.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("{n} {singular}")
    } else {
        format!("{n} {plural}")
    }
}

/// The character that shows `c` when `c` must not reach a terminal or a
/// rendered document raw, or `None` when `c` may be shown as it is.
///
/// Control characters (escape sequences, NUL, backspace, a lone carriage
/// return) could recolour, rewrite or hide what a terminal shows, and
/// bidirectional overrides reorder it ("Trojan source"). Each is replaced by
/// exactly one visible character, so character columns stay right: C0
/// controls and DEL by their Unicode control pictures (`␛`, `␀`, `␍`, `␡`),
/// C1 controls and bidirectional controls by `�`. Line feeds and tabs are
/// layout, not danger, and stay.
pub fn visible(c: char) -> Option<char> {
    match c {
        '\n' | '\t' => None,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}'
        | '\u{61c}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => Some('\u{fffd}'),
        _ => None,
    }
}

/// `text` with every character [`visible`] replaces replaced; borrowed when
/// there is none (the common case costs one scan).
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| visible(c).is_some()) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| visible(c).unwrap_or(c)).collect())
}

/// [`printable`] for one line (a file name): a line feed is shown as `␊`.
pub fn printable_line(text: &str) -> Cow<'_, str> {
    if !text.contains('\n') {
        return printable(text);
    }
    Cow::Owned(printable(&text.replace('\n', "\u{240a}")).into_owned())
}

/// A text made [`printable`], with the way back from offsets in the
/// original to offsets in the printable text (a replacement may be longer
/// in bytes than what it replaces; lines and character columns do not move).
#[derive(Debug, Clone)]
pub struct PrintableText {
    pub text: String,
    /// (offset in the original just past a replaced character, bytes added
    /// so far), in order.
    shifts: Vec<(usize, usize)>,
}

impl PrintableText {
    pub fn new(original: &str) -> PrintableText {
        // Most plans are plain: printable ASCII, line feeds, tabs and
        // CRLF line endings need no replacing (one byte scan, no per
        // character work).
        let plain = |(index, &byte): (usize, &u8)| {
            (0x20..0x7f).contains(&byte)
                || byte == b'\n'
                || byte == b'\t'
                || (byte == b'\r' && original.as_bytes().get(index + 1) == Some(&b'\n'))
        };
        if original.as_bytes().iter().enumerate().all(plain) {
            return PrintableText {
                text: original.to_string(),
                shifts: Vec::new(),
            };
        }
        let mut text = String::with_capacity(original.len());
        let mut shifts = Vec::new();
        let mut added = 0;
        let mut chars = original.char_indices().peekable();
        while let Some((offset, c)) = chars.next() {
            // A carriage return that ends a line is the line's ending, not
            // a character in it (SourceFile's rule).
            let ends_line = c == '\r' && chars.peek().is_some_and(|&(_, next)| next == '\n');
            match visible(c).filter(|_| !ends_line) {
                Some(shown) => {
                    text.push(shown);
                    added += shown.len_utf8() - c.len_utf8();
                    shifts.push((offset + c.len_utf8(), added));
                }
                None => text.push(c),
            }
        }
        PrintableText { text, shifts }
    }

    /// Whether nothing was replaced.
    pub fn is_unchanged(&self) -> bool {
        self.shifts.is_empty()
    }

    /// The offset in the printable text of an offset in the original.
    pub fn offset(&self, original: usize) -> usize {
        let passed = self.shifts.partition_point(|&(end, _)| end <= original);
        match passed {
            0 => original,
            n => original + self.shifts[n - 1].1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_a_close_key() {
        let keys = ["owner", "period", "supports"];
        assert_eq!(closest("ownr", keys), Some("owner"));
        assert_eq!(closest("suports", keys), Some("supports"));
        assert_eq!(closest("colour", keys), None);
    }

    #[test]
    fn a_short_name_is_no_typo_of_another_short_name() {
        assert_eq!(closest("x", ["o", "a"]), None);
        assert_eq!(closest("ab", ["ac"]), Some("ac"));
    }

    #[test]
    fn the_length_index_suggests_what_closest_suggests() {
        // Words and candidates of many lengths, near and far: the index
        // must give the same answer as comparing every pair, ties included.
        let candidates: Vec<String> = (0..400)
            .map(|n| format!("{}{}", ["t", "webinar-", "kpi", "q"][n % 4], n * 7 % 1000))
            .collect();
        let index = Suggestions::new(candidates.iter().map(String::as_str));
        let words = (0..600).map(|n| match n % 5 {
            0 => format!("t{}", n * 3),
            1 => format!("webinr-{}", n),
            2 => format!("kpi{}x", n % 90),
            3 => format!("q{}", n),
            _ => "x".repeat(n % 12),
        });
        for word in words {
            let expected = closest(&word, candidates.iter().map(String::as_str));
            assert_eq!(index.nearest(&word, 1).first().copied(), expected, "{word}");
            assert_eq!(index.closest_except(&word, &[]), expected, "{word}");
        }
    }

    #[test]
    fn an_excluded_candidate_gives_way_to_the_next_closest() {
        let index = Suggestions::new(["launch", "lunch", "launch", "bunch"]);
        assert_eq!(index.closest_except("launch", &[]), Some("launch"));
        assert_eq!(index.closest_except("launch", &["launch"]), Some("lunch"));
        assert_eq!(
            index.closest_except("launch", &["launch", "lunch"]),
            Some("bunch")
        );
        assert_eq!(
            index.closest_except("launch", &["launch", "lunch", "bunch"]),
            None
        );
        assert_eq!(index.nearest("lunch", 3), ["lunch", "bunch", "launch"]);
    }

    #[test]
    fn past_its_budget_an_index_suggests_nothing_rather_than_compare_on() {
        let names: Vec<String> = (0..10).map(|n| format!("goal-{n}")).collect();
        // Each word of five characters is compared with the ten names of
        // four to six characters: two words fit in a budget of 25.
        let index = Suggestions::with_budget(names.iter().map(String::as_str), 25);
        assert_eq!(index.closest_except("gaol-1", &[]), Some("goal-1"));
        assert_eq!(index.closest_except("goal-2x", &[]), Some("goal-2"));
        assert_eq!(index.closest_except("gaol-3", &[]), None);
        // A word that needs no comparison is still answered (with nothing).
        assert_eq!(index.closest_except("a-very-long-name-indeed", &[]), None);
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }

    #[test]
    fn controls_are_shown_one_visible_character_each() {
        assert_eq!(
            printable("a\u{1b}[31mred\u{0}\r\u{7f}\u{9b}\u{202e}\tb\n"),
            "a␛[31mred␀␍␡��\tb\n"
        );
        assert!(matches!(printable("plain é 🎉"), Cow::Borrowed(_)));
        assert_eq!(printable_line("a\nb\u{7}"), "a␊b␇");
    }

    #[test]
    fn offsets_move_past_replacements_only() {
        let original = "ab\u{1b}cd\u{0}e\r\nf\rg";
        let shown = PrintableText::new(original);
        assert_eq!(shown.text, "ab␛cd␀e\r\nf␍g");
        for (offset, c) in original.char_indices() {
            let mapped = shown.offset(offset);
            let crlf = original[offset..].starts_with("\r\n");
            let expected = if crlf { c } else { visible(c).unwrap_or(c) };
            assert_eq!(shown.text[mapped..].chars().next(), Some(expected));
        }
        assert_eq!(shown.offset(original.len()), shown.text.len());
        assert!(PrintableText::new("fine").is_unchanged());
    }

    #[test]
    fn plain_text_is_kept_and_a_lone_carriage_return_is_not_plain() {
        let plain = PrintableText::new("a: 1\r\n\tb: \"x\"\n");
        assert!(plain.is_unchanged());
        assert_eq!(plain.text, "a: 1\r\n\tb: \"x\"\n");
        assert_eq!(PrintableText::new("a\r").text, "a␍");
        assert_eq!(PrintableText::new("a\rb\r\n").text, "a␍b\r\n");
        assert_eq!(PrintableText::new("é\u{7}").text, "é␇");
    }
}
