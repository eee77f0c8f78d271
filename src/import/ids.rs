//! Ids from titles: kebab-case, unique within a plan, the same on every run
//! for the same input (they depend only on the titles and their order).

use std::collections::HashSet;

/// Ids longer than this are cut at a word boundary.
const MAX_ID_LENGTH: usize = 40;

/// `Quarterly Product Webinars (EMEA)` → `quarterly-product-webinars-emea`.
/// Accented Latin letters lose their accents; other characters separate words.
pub fn kebab(text: &str) -> String {
    let mut out = String::new();
    let mut pending_dash = false;
    for c in text.chars() {
        let folded = fold(c);
        let mut wrote = false;
        for f in folded.chars() {
            if f.is_ascii_alphanumeric() {
                if pending_dash && !out.is_empty() {
                    out.push('-');
                }
                pending_dash = false;
                out.push(f.to_ascii_lowercase());
                wrote = true;
            }
        }
        if !wrote {
            pending_dash = true;
        }
    }
    out
}

/// A Latin letter without its accent (`é` → `e`, `ß` → `ss`); other
/// characters as they are.
fn fold(c: char) -> std::borrow::Cow<'static, str> {
    use std::borrow::Cow;
    let plain = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ą' => "A",
        'æ' => "ae",
        'Æ' => "AE",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Ć' | 'Č' => "C",
        'ď' | 'đ' | 'ð' => "d",
        'Ď' | 'Đ' | 'Ð' => "D",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => "E",
        'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => "I",
        'ł' => "l",
        'Ł' => "L",
        'ñ' | 'ń' | 'ň' => "n",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "O",
        'œ' => "oe",
        'Œ' => "OE",
        'ř' => "r",
        'Ř' => "R",
        'ś' | 'š' | 'ş' => "s",
        'Ś' | 'Š' | 'Ş' => "S",
        'ß' => "ss",
        'ť' | 'ţ' => "t",
        'Ť' | 'Ţ' => "T",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' | 'Ÿ' => "Y",
        'ź' | 'ż' | 'ž' => "z",
        'Ź' | 'Ż' | 'Ž' => "Z",
        'þ' => "th",
        'Þ' => "TH",
        _ => return Cow::Owned(c.to_string()),
    };
    Cow::Borrowed(plain)
}

/// An id for a block from its title: kebab-case, at most
/// [`MAX_ID_LENGTH`] characters (cut between words), starting with a
/// letter (`2027 kickoff` → `tactic-2027-kickoff` for a tactic).
pub fn id_from_title(title: &str, kind: &str) -> String {
    let mut id = kebab(title);
    if id.len() > MAX_ID_LENGTH {
        let cut = id[..=MAX_ID_LENGTH].rfind('-').unwrap_or(MAX_ID_LENGTH);
        id.truncate(cut);
    }
    match id.chars().next() {
        None => kind.to_string(),
        Some(c) if c.is_ascii_lowercase() => id,
        Some(_) => format!("{kind}-{id}"),
    }
}

/// A person's name from how a sheet writes them: `@maria` → `maria`,
/// `maria.lopez@acme.com` → `maria.lopez`, `María López` → `maria-lopez`.
/// `None` when nothing usable is left.
pub fn person_id(name: &str) -> Option<String> {
    let name = name.trim();
    if let Some(handle) = name.strip_prefix('@') {
        if is_person_name(handle) {
            return Some(handle.to_string());
        }
    }
    if let Some((local, domain)) = name.split_once('@') {
        let local = local.to_ascii_lowercase();
        if domain.contains('.') && is_person_name(&local) {
            return Some(local);
        }
    }
    let id = kebab(name);
    (!id.is_empty()).then_some(id)
}

/// `[A-Za-z0-9][A-Za-z0-9._-]*` (LANGUAGE.md, people).
fn is_person_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// Hands out ids that are unique within one plan: the second `webinars`
/// is `webinars-2`, the third `webinars-3`.
#[derive(Debug, Default)]
pub struct IdAllocator {
    taken: HashSet<String>,
}

impl IdAllocator {
    pub fn new() -> IdAllocator {
        // Bare `true` and `false` are booleans, not references.
        let taken = ["true", "false"].into_iter().map(String::from).collect();
        IdAllocator { taken }
    }

    /// A fresh id based on `base`.
    pub fn allocate(&mut self, base: &str) -> String {
        if self.taken.insert(base.to_string()) {
            return base.to_string();
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or_else(|| base.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_case_from_titles() {
        assert_eq!(
            kebab("Quarterly Product Webinars"),
            "quarterly-product-webinars"
        );
        assert_eq!(kebab("  Booth @ HIMSS (2027)!  "), "booth-himss-2027");
        assert_eq!(kebab("Café Crème Brûlée"), "cafe-creme-brulee");
        assert_eq!(kebab("Straße"), "strasse");
        assert_eq!(kebab("市场活动"), "");
    }

    #[test]
    fn ids_start_with_a_letter_and_stay_short() {
        assert_eq!(
            id_from_title("2027 kickoff", "tactic"),
            "tactic-2027-kickoff"
        );
        assert_eq!(id_from_title("", "tactic"), "tactic");
        let long = id_from_title(
            "A very long activity name that goes on and on about the webinar series",
            "tactic",
        );
        assert_eq!(long, "a-very-long-activity-name-that-goes-on");
        assert!(long.len() <= MAX_ID_LENGTH);
    }

    #[test]
    fn people_from_names_emails_and_handles() {
        assert_eq!(person_id("@maria").as_deref(), Some("maria"));
        assert_eq!(person_id("María López").as_deref(), Some("maria-lopez"));
        assert_eq!(
            person_id("Maria.Lopez@acme.com").as_deref(),
            Some("maria.lopez")
        );
        assert_eq!(person_id("???"), None);
    }

    #[test]
    fn repeated_ids_get_suffixes() {
        let mut ids = IdAllocator::new();
        assert_eq!(ids.allocate("webinars"), "webinars");
        assert_eq!(ids.allocate("webinars"), "webinars-2");
        assert_eq!(ids.allocate("webinars"), "webinars-3");
        assert_eq!(ids.allocate("true"), "true-2");
    }
}
