//! The `compact` format: `path:line:col: severity[rule] message`, one line
//! per finding, for editors' problem matchers and `grep`.

use super::json::json_records;
use crate::diagnostics::FileReport;

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for record in json_records(reports) {
        let message = record.message.replace('\n', " ");
        out.push_str(&format!(
            "{}:{}:{}: {}[{}] {}\n",
            record.file, record.line, record.column, record.severity, record.rule, message
        ));
    }
    out
}
