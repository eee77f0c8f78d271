// Reads the SARIF Multitool's own log (`sarif-multitool validate -o LOG`)
// and fails when it holds an error or a warning: the validator itself exits
// 0 whatever it finds.
"use strict";
const fs = require("fs");

const log = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
let problems = 0;
for (const run of log.runs || []) {
  for (const result of run.results || []) {
    // SARIF's default level is "warning".
    const level = result.level || "warning";
    if (level === "error" || level === "warning") {
      problems += 1;
      const where = (result.properties && result.properties.jsonPath) || "";
      const args = (result.message && result.message.arguments) || [];
      console.error(`${level} ${result.ruleId} ${where} ${args.join(" | ")}`);
    }
  }
  for (const invocation of run.invocations || []) {
    const notes = (invocation.toolExecutionNotifications || []).concat(
      invocation.toolConfigurationNotifications || []
    );
    for (const note of notes) {
      if ((note.level || "warning") !== "note") {
        problems += 1;
        console.error(`validator: ${JSON.stringify(note.message)}`);
      }
    }
    if (invocation.executionSuccessful === false) {
      problems += 1;
      console.error("validator: the validation did not run to completion");
    }
  }
}
if (problems > 0) {
  console.error(`${problems} SARIF validation errors or warnings`);
  process.exit(1);
}
console.log("SARIF validation: no errors, no warnings");
