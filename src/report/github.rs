//! The `github` format: GitHub Actions workflow commands, one per finding,
//! which the runner turns into annotations on the pull request's diff:
//! `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message`.
//!
//! Escaping follows GitHub's runner: in the message `%`, `\r` and `\n`
//! are percent-encoded; property values also encode `:` and `,`, which
//! would otherwise end the value. Columns are the same 1-based character
//! columns as the other formats.

use super::json::json_records;
use crate::diagnostics::FileReport;
use crate::text::printable;

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for record in json_records(reports) {
        let command = match record.severity {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        let mut message = record.message.clone();
        if let Some(help) = &record.help {
            message.push_str("\n\n");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{command} file={},line={},endLine={},col={},endColumn={},title={}::{}\n",
            escape_property(&record.file),
            record.line,
            record.end_line,
            record.column,
            record.end_column,
            escape_property(&format!("planlint {}", record.rule)),
            escape_data(&message),
        ));
    }
    out
}

/// Escapes a command's message (GitHub's `escapeData`); other control
/// characters, which the runner would pass on to the log, are shown as
/// visible ones (`text::printable`).
fn escape_data(text: &str) -> String {
    let escaped = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    printable(&escaped).into_owned()
}

/// Escapes a property value (GitHub's `escapeProperty`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_expects() {
        assert_eq!(
            escape_data("50% done\r\nnext: a, b"),
            "50%25 done%0D%0Anext: a, b"
        );
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(escape_data("\u{1b}[2J\u{0}\t"), "␛[2J␀\t");
    }
}
