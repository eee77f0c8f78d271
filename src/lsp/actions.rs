//! Code actions: the fix every finding under the cursor carries, "suppress
//! `RULE` for this block", and `source.fixAll.planlint` (every safe fix,
//! applied in rounds as `check --fix` does).

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionTriggerKind,
    TextEdit, WorkspaceEdit,
};

use crate::diagnostics::{Finding, Safety};
use crate::fix::{fix_plan, FixOptions};
use crate::rules::LintOptions;
use crate::syntax::Span;

use super::diagnostics::diagnostic;
use super::document::Document;
use super::position;

pub const FIX_ALL: &str = "source.fixAll.planlint";

/// Findings no comment can silence.
const UNSUPPRESSIBLE: &[&str] = &["syntax-error", "unreadable-file"];

pub fn code_actions(
    document: &Document,
    params: &CodeActionParams,
    options: &LintOptions,
) -> Vec<CodeActionOrCommand> {
    let requested = position::span(&document.source, params.range);
    let mut actions = Vec::new();
    for finding in &document.findings {
        if !overlaps(finding.primary.span, requested) {
            continue;
        }
        if let Some(action) = fix_action(document, finding) {
            actions.push(action);
        }
        if let Some(action) = suppress_action(document, finding) {
            actions.push(action);
        }
    }
    if fix_all_asked(params) {
        if let Some(action) = fix_all_action(document, options) {
            actions.push(action);
        }
    }
    actions
        .into_iter()
        .filter(|action| wanted(action, params.context.only.as_deref()))
        .map(CodeActionOrCommand::CodeAction)
        .collect()
}

/// Fix all lints the plan again, in rounds: worth it when the user asks
/// for actions or for fix all (on save), not on the requests editors send
/// by themselves at every move of the cursor.
fn fix_all_asked(params: &CodeActionParams) -> bool {
    params.context.only.is_some()
        || params.context.trigger_kind != Some(CodeActionTriggerKind::AUTOMATIC)
}

/// Whether the client asked for this kind of action (`only`: a kind and its sub-kinds).
fn wanted(action: &CodeAction, only: Option<&[CodeActionKind]>) -> bool {
    let Some(only) = only else {
        return true;
    };
    let kind = action.kind.as_ref().map_or("", |kind| kind.as_str());
    only.iter()
        .any(|wanted| kind == wanted.as_str() || kind.starts_with(&format!("{}.", wanted.as_str())))
}

fn overlaps(finding: Span, requested: Span) -> bool {
    finding.start <= requested.end && requested.start <= finding.end
}

fn fix_action(document: &Document, finding: &Finding) -> Option<CodeAction> {
    let fix = finding.fix.as_ref()?;
    let edits = fix
        .edits
        .iter()
        .map(|edit| {
            TextEdit::new(
                position::range(&document.source, edit.span),
                edit.replacement.clone(),
            )
        })
        .collect();
    let title = if fix.message.is_empty() {
        format!("Fix `{}`", finding.rule)
    } else {
        fix.message.clone()
    };
    Some(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic(document, finding)]),
        edit: Some(edit_of(document, edits)),
        is_preferred: Some(fix.safety == Safety::Safe),
        ..CodeAction::default()
    })
}

/// `# planlint: allow(RULE) -- ` on the line before the finding's block,
/// indented as the block is; the reason is left for the user to write.
fn suppress_action(document: &Document, finding: &Finding) -> Option<CodeAction> {
    if UNSUPPRESSIBLE.contains(&finding.rule.as_str()) {
        return None;
    }
    let outline = &document.outline;
    let block = finding
        .block
        .as_ref()
        .and_then(|block| outline.find(&block.kind, block.id.as_deref()))
        .or_else(|| outline.enclosing(finding.primary.span.start as usize))?;
    let keyword = outline.blocks[block].keyword.start;
    let file = &document.source;
    let line = file.line(keyword);
    let line_start = file.line_start(line);
    let indent: String = file
        .line_text(line)
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let at = position::position(file, line_start);
    let text = format!("{indent}# planlint: allow({}) -- \n", finding.rule);
    Some(CodeAction {
        title: format!("Suppress `{}` for this block", finding.rule),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic(document, finding)]),
        edit: Some(edit_of(
            document,
            vec![TextEdit::new(lsp_types::Range::new(at, at), text)],
        )),
        ..CodeAction::default()
    })
}

/// Every safe fix of the document, when there is one.
fn fix_all_action(document: &Document, options: &LintOptions) -> Option<CodeAction> {
    let any_safe = document.findings.iter().any(|finding| {
        finding
            .fix
            .as_ref()
            .is_some_and(|fix| fix.safety == Safety::Safe)
    });
    if !any_safe {
        return None;
    }
    let fixed = fix_plan(
        &document.source.path,
        &document.source.text,
        &document.rules,
        options,
        FixOptions {
            unsafe_fixes: false,
        },
    );
    if fixed.text == document.source.text {
        return None;
    }
    let edit = TextEdit::new(position::whole(&document.source), fixed.text);
    Some(CodeAction {
        title: "Fix all safe planlint findings".to_string(),
        kind: Some(CodeActionKind::from(FIX_ALL)),
        edit: Some(edit_of(document, vec![edit])),
        ..CodeAction::default()
    })
}

fn edit_of(document: &Document, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(document.uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}
