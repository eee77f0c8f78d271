//! The `compact` format: `path:line:col: severity[rule] message`, one line
//! per finding, for editors' problem matchers and `grep`. Control
//! characters from the plan are shown as visible ones (`text::printable`).

use super::json::json_records;
use crate::diagnostics::FileReport;
use crate::text::{printable, printable_line};

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for record in json_records(reports) {
        let message = record.message.replace('\n', " ");
        out.push_str(&format!(
            "{}:{}:{}: {}[{}] {}\n",
            printable_line(&record.file),
            record.line,
            record.column,
            record.severity,
            record.rule,
            printable(&message)
        ));
    }
    out
}
