//! Plan text from a [`PlanDraft`], laid out like the spec's examples: plan
//! attributes, strategies, the team, objectives, then tactics, two spaces
//! of indentation per level.

use std::fmt::Write as _;

use crate::import::cells::PlanValue;

/// A plan about to be written.
#[derive(Debug, Default)]
pub struct PlanDraft {
    pub title: String,
    /// Comment lines before the plan (without `# `).
    pub comments: Vec<String>,
    pub attributes: Vec<(String, PlanValue)>,
    pub strategies: Vec<BlockDraft>,
    pub team: Vec<PersonDraft>,
    pub objectives: Vec<BlockDraft>,
    pub tactics: Vec<BlockDraft>,
}

/// A block with an id: strategy, objective, tactic or KPI.
#[derive(Debug, Clone)]
pub struct BlockDraft {
    pub keyword: &'static str,
    pub id: String,
    pub title: Option<String>,
    /// A comment at the end of the header line: where the block came from.
    pub comment: Option<String>,
    pub attributes: Vec<(String, PlanValue)>,
    pub children: Vec<BlockDraft>,
}

impl BlockDraft {
    pub fn new(keyword: &'static str, id: String, title: Option<String>) -> BlockDraft {
        BlockDraft {
            keyword,
            id,
            title,
            comment: None,
            attributes: Vec::new(),
            children: Vec::new(),
        }
    }
}

/// A member or partner of the team.
#[derive(Debug, Clone)]
pub struct PersonDraft {
    pub partner: bool,
    pub id: String,
    /// The name as the source wrote it, when it says more than the id.
    pub name: Option<String>,
    pub attributes: Vec<(String, PlanValue)>,
}

pub fn write(plan: &PlanDraft) -> String {
    let mut out = String::new();
    for comment in &plan.comments {
        let _ = writeln!(out, "# {}", one_line(comment));
    }
    let _ = writeln!(out, "plan {} {{", quote(&plan.title));
    let mut sections: Vec<String> = Vec::new();
    if !plan.attributes.is_empty() {
        let mut section = String::new();
        for (key, value) in &plan.attributes {
            let _ = writeln!(section, "  {key}: {}", value_text(value));
        }
        sections.push(section);
    }
    if !plan.strategies.is_empty() {
        let mut section = String::new();
        for strategy in &plan.strategies {
            write_block(&mut section, strategy, 1);
        }
        sections.push(section);
    }
    if !plan.team.is_empty() {
        let mut section = String::from("  team {\n");
        for person in &plan.team {
            let keyword = if person.partner { "partner" } else { "member" };
            let _ = write!(section, "    {keyword} @{}", person.id);
            if let Some(name) = &person.name {
                let _ = write!(section, " {}", quote(name));
            }
            if !person.attributes.is_empty() {
                let body: Vec<String> = person
                    .attributes
                    .iter()
                    .map(|(key, value)| format!("{key}: {}", value_text(value)))
                    .collect();
                let _ = write!(section, " {{ {} }}", body.join("  "));
            }
            section.push('\n');
        }
        section.push_str("  }\n");
        sections.push(section);
    }
    for blocks in [&plan.objectives, &plan.tactics] {
        let mut section = String::new();
        let mut previous_had_body = false;
        for (index, block) in blocks.iter().enumerate() {
            let has_body = !block.attributes.is_empty() || !block.children.is_empty();
            if index > 0 && (has_body || previous_had_body) {
                section.push('\n');
            }
            write_block(&mut section, block, 1);
            previous_had_body = has_body;
        }
        if !section.is_empty() {
            sections.push(section);
        }
    }
    out.push_str(&sections.join("\n"));
    out.push_str("}\n");
    out
}

fn write_block(out: &mut String, block: &BlockDraft, depth: usize) {
    let indent = "  ".repeat(depth);
    let _ = write!(out, "{indent}{} {}", block.keyword, block.id);
    if let Some(title) = &block.title {
        let _ = write!(out, " {}", quote(title));
    }
    let has_body = !block.attributes.is_empty() || !block.children.is_empty();
    if has_body {
        out.push_str(" {");
    }
    if let Some(comment) = &block.comment {
        let _ = write!(out, "   # {}", one_line(comment));
    }
    out.push('\n');
    if !has_body {
        return;
    }
    for (key, value) in &block.attributes {
        let _ = writeln!(out, "{indent}  {key}: {}", value_text(value));
    }
    for child in &block.children {
        write_block(out, child, depth + 1);
    }
    let _ = writeln!(out, "{indent}}}");
}

fn value_text(value: &PlanValue) -> String {
    match value {
        PlanValue::Raw(text) => text.clone(),
        PlanValue::Text(text) => quote(text),
    }
}

/// A string literal: `"` and `\` escaped, line breaks as `\n`, other
/// control characters as spaces.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let text = text.replace("\r\n", "\n");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Comment text on one line.
fn one_line(text: &str) -> String {
    text.split(['\n', '\r'])
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped() {
        assert_eq!(quote("say \"hi\""), r#""say \"hi\"""#);
        assert_eq!(quote("a\\b"), r#""a\\b""#);
        assert_eq!(quote("two\r\nlines"), r#""two\nlines""#);
        assert_eq!(quote("tab\there"), "\"tab here\"");
    }

    #[test]
    fn a_small_plan() {
        let mut tactic = BlockDraft::new("tactic", "webinars".into(), Some("Webinars".into()));
        tactic.comment = Some("row 2".into());
        tactic
            .attributes
            .push(("owner".into(), PlanValue::Raw("@lee".into())));
        let mut kpi = BlockDraft::new("kpi", "registrations".into(), None);
        kpi.attributes
            .push(("target".into(), PlanValue::Raw("1600".into())));
        tactic.children.push(kpi);
        let plan = PlanDraft {
            title: "P".into(),
            comments: vec!["Imported".into()],
            attributes: vec![("owner".into(), PlanValue::Raw("@lee".into()))],
            strategies: vec![BlockDraft::new(
                "strategy",
                "growth".into(),
                Some("Growth".into()),
            )],
            team: vec![PersonDraft {
                partner: false,
                id: "lee".into(),
                name: None,
                attributes: vec![("capacity".into(), PlanValue::Raw("20d".into()))],
            }],
            objectives: vec![BlockDraft::new(
                "objective",
                "pipeline".into(),
                Some("Pipeline".into()),
            )],
            tactics: vec![tactic],
        };
        assert_eq!(
            write(&plan),
            r#"# Imported
plan "P" {
  owner: @lee

  strategy growth "Growth"

  team {
    member @lee { capacity: 20d }
  }

  objective pipeline "Pipeline"

  tactic webinars "Webinars" {   # row 2
    owner: @lee
    kpi registrations {
      target: 1600
    }
  }
}
"#
        );
    }
}
