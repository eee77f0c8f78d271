//! Small text helpers shared by the stages: "did you mean" suggestions,
//! plurals, and plan text made safe to show on a terminal.

use std::borrow::Cow;

/// The candidate closest to `word` by edit distance, if it is close enough to
/// be a plausible typo: at most a third of the word's length (at least 1),
/// and fewer edits than the word has characters (`x` is not a typo of `o`:
/// every letter would be wrong). The one "did you mean" of every stage.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = word.chars().count();
    let limit = (length / 3).max(1);
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(word, candidate), candidate))
        .filter(|&(distance, _)| distance <= limit && distance < length)
        .min_by_key(|&(distance, candidate)| (distance, candidate))
        .map(|(_, candidate)| candidate)
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

/// `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[String]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
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
    fn and_list_joins_with_commas_and_and() {
        let words = |items: &[&str]| {
            items
                .iter()
                .map(|item| item.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(and_list(&words(&[])), "");
        assert_eq!(and_list(&words(&["a"])), "a");
        assert_eq!(and_list(&words(&["a", "b"])), "a and b");
        assert_eq!(and_list(&words(&["a", "b", "c"])), "a, b and c");
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
}
