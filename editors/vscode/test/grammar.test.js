// The TextMate grammar, tokenised as VS Code does (vscode-textmate with the
// Oniguruma regex engine, vscode-oniguruma): the example plans, and a plan
// with the tokens they lack. `node --test test/` (npm test) from the
// extension's folder, with its devDependencies installed; the plans are
// looked up in PLANLINT_REPO (default: the repository around this file).
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { test } = require("node:test");
const oniguruma = require("vscode-oniguruma");
const textmate = require("vscode-textmate");

const EXTENSION = path.resolve(__dirname, "..");
const REPO = process.env.PLANLINT_REPO || path.resolve(__dirname, "..", "..", "..");

let grammarPromise;
function grammar() {
  grammarPromise ??= (async () => {
    const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scopeName) => {
        if (scopeName !== "source.plan") return null;
        const file = path.join(EXTENSION, "syntaxes", "plan.tmLanguage.json");
        return textmate.parseRawGrammar(fs.readFileSync(file, "utf8"), file);
      },
    });
    return registry.loadGrammar("source.plan");
  })();
  return grammarPromise;
}

/** Each line's tokens: `{ text, scopes }`. */
async function tokenise(text) {
  const plan = await grammar();
  let stack = textmate.INITIAL;
  return text.split("\n").map((line) => {
    const result = plan.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((token) => ({
      text: line.slice(token.startIndex, token.endIndex),
      scopes: token.scopes,
    }));
  });
}

/**
 * Asserts that on the first line containing `context`, the token `word`
 * (its first occurrence from where `context` starts) is exactly one token
 * and has `scope` (and, for a string or comment, its innermost scope).
 */
function expectToken(lines, text, context, word, scope) {
  const sourceLines = text.split("\n");
  const index = sourceLines.findIndex((line) => line.includes(context));
  assert.notEqual(index, -1, `no line contains ${JSON.stringify(context)}`);
  const column = sourceLines[index].indexOf(word, sourceLines[index].indexOf(context));
  let start = 0;
  for (const token of lines[index]) {
    const end = start + token.text.length;
    if (start <= column && column < end) {
      assert.equal(token.text, word, `line ${index + 1}: ${JSON.stringify(word)} is one token`);
      assert.ok(
        token.scopes.includes(scope),
        `line ${index + 1}: ${JSON.stringify(word)} has ${scope}, not only ${token.scopes.join(" ")}`
      );
      return;
    }
    start = end;
  }
  assert.fail(`line ${index + 1}: no token at ${JSON.stringify(word)}`);
}

function examples() {
  const folders = [path.join(REPO, "examples"), path.join(REPO, "..", "shared", "examples")];
  const plans = folders.flatMap((folder) =>
    fs.existsSync(folder)
      ? fs.readdirSync(folder).filter((name) => name.endsWith(".plan")).map((name) => path.join(folder, name))
      : []
  );
  assert.ok(plans.length >= 2, `no example plans under ${folders.join(" or ")}`);
  return plans;
}

test("every character of the example plans but spaces gets a scope of its own", async () => {
  for (const file of examples()) {
    const text = fs.readFileSync(file, "utf8");
    const lines = await tokenise(text);
    lines.forEach((tokens, index) => {
      for (const token of tokens) {
        if (token.text.trim() === "") continue;
        assert.ok(
          token.scopes.length > 1,
          `${file}:${index + 1}: ${JSON.stringify(token.text)} is only ${token.scopes.join(" ")}`
        );
      }
    });
  }
});

test("each kind of token in the EMEA example plan", async () => {
  const file = path.join(REPO, "examples", "fy27-emea-demand-gen.plan");
  const text = fs.readFileSync(file, "utf8");
  const lines = await tokenise(text);
  const expect = (context, word, scope) => expectToken(lines, text, context, word, scope);
  // Block kinds, ids and titles.
  expect('plan "FY27', "plan", "storage.type.block.plan");
  expect('"FY27 EMEA Demand Generation"', '"', "punctuation.definition.string.begin.plan");
  expect("tactic webinars", "tactic", "storage.type.block.plan");
  expect("tactic webinars", "webinars", "entity.name.type.id.plan");
  expect("kpi sourced-opps", "sourced-opps", "entity.name.type.id.plan");
  expect("strategy growth", "growth", "entity.name.type.id.plan");
  expect("team {", "team", "storage.type.block.plan");
  expect("member @maria", "@maria", "variable.other.person.declaration.plan");
  expect("partner @northwind", "partner", "storage.type.block.plan");
  // Keys and their values.
  expect("  owner: @maria", "owner", "variable.other.property.key.plan");
  expect("  owner: @maria", ":", "punctuation.separator.key-value.plan");
  expect("  owner: @maria", "@maria", "variable.other.person.plan");
  expect("supports: growth", "growth", "variable.other.reference.plan");
  expect("lead-time: 6w", "lead-time", "variable.other.property.key.plan");
  expect("foundational: true", "true", "constant.language.boolean.plan");
  // Quarters, money, efforts, numbers.
  expect("period: 2027-Q1..2027-Q4", "2027-Q1", "constant.numeric.quarter.plan");
  expect("period: 2027-Q1..2027-Q4", "..", "keyword.operator.range.plan");
  expect("period: 2027-Q1..2027-Q4", "2027-Q4", "constant.numeric.quarter.plan");
  expect("due: 2027-Q3", "2027-Q3", "constant.numeric.quarter.plan");
  expect("budget: 400k EUR", "400k", "constant.numeric.money.plan");
  expect("budget: 400k EUR", "EUR", "support.constant.currency.plan");
  expect("effort: 40d", "40", "constant.numeric.effort.plan");
  expect("effort: 40d", "d", "keyword.other.unit.plan");
  expect("sales-cycle: 120d", "120", "constant.numeric.effort.plan");
  expect("target: 120", "120", "constant.numeric.plan");
  // Strings and comments.
  expect('audience: "IT directors', "IT directors at mid-market SaaS companies", "string.quoted.double.plan");
  expect("# FY27 EMEA", "#", "punctuation.definition.comment.plan");
  expect("# FY27 EMEA", " FY27 EMEA demand generation: owned by the Head of Marketing.", "comment.line.number-sign.plan");
  expect("# lead-to-close lag", " lead-to-close lag, in calendar days", "comment.line.number-sign.plan");
  // The suppression comment.
  expect("# planlint: allow(missing-kpi)", "planlint:", "keyword.control.directive.plan");
  expect("# planlint: allow(missing-kpi)", "allow", "keyword.control.directive.suppression.plan");
  expect("# planlint: allow(missing-kpi)", "missing-kpi", "entity.name.label.rule.plan");
  expect("# planlint: allow(missing-kpi)", "missing-kpi", "comment.line.number-sign.suppression.plan");
  expect("# planlint: allow(missing-kpi)", " measured through the pipeline objective", "string.unquoted.reason.plan");
});

test("tokens the examples lack: percentages, dates, lists, escapes, x- keys, until, allow-file", async () => {
  const text = [
    "# planlint: allow-file(unknown-attribute, missing-kpi) until 2027-06-30 -- a waiver",
    'plan "A \\"quoted\\" plan" {',
    "  x-region: DACH",
    "  tactic ads {",
    "    after: [webinars, launch]  share: 30%  start: 2027-03-31  budget: 1_200.5 USD",
    '    audience: "Two',
    '      lines"  effort: 16h  lag: 3mo',
    "  }",
    "}",
  ].join("\n");
  const lines = await tokenise(text);
  const expect = (context, word, scope) => expectToken(lines, text, context, word, scope);
  expect("allow-file(", "allow-file", "keyword.control.directive.suppression.plan");
  expect("allow-file(", "unknown-attribute", "entity.name.label.rule.plan");
  expect("allow-file(", "missing-kpi", "entity.name.label.rule.plan");
  expect("until 2027", "until", "keyword.control.until.plan");
  expect("until 2027", "2027-06-30", "constant.numeric.date.plan");
  expect('"A \\"quoted', '\\"', "constant.character.escape.plan");
  expect("x-region: DACH", "x-region", "variable.other.property.key.plan");
  expect("after: [", "[", "punctuation.section.brackets.begin.plan");
  expect("after: [", "webinars", "variable.other.reference.plan");
  expect("after: [", "launch", "variable.other.reference.plan");
  expect("share: 30%", "30", "constant.numeric.percentage.plan");
  expect("start: 2027-03-31", "2027-03-31", "constant.numeric.date.plan");
  expect("budget: 1_200.5 USD", "1_200.5", "constant.numeric.money.plan");
  expect("budget: 1_200.5 USD", "USD", "support.constant.currency.plan");
  // A string that spans lines stays a string; what follows it is code again.
  expect('      lines"  effort', "      lines", "string.quoted.double.plan");
  expect('      lines"  effort', "effort", "variable.other.property.key.plan");
  expect("effort: 16h", "16", "constant.numeric.effort.plan");
  expect("lag: 3mo", "mo", "keyword.other.unit.plan");
});
