// planlint for VS Code: starts `planlint lsp` (the language server) for plan
// files. Everything else (diagnostics, quick fixes, hover, definitions,
// completion, formatting) comes from the server; the grammar and the
// language configuration in package.json give highlighting and brackets.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

/** The executable: the `planlint.path` setting, else `planlint` on the PATH. */
function planlintCommand() {
  const configured = vscode.workspace.getConfiguration("planlint").get("path", "");
  return configured.trim() || "planlint";
}

async function start() {
  const command = planlintCommand();
  client = new LanguageClient(
    "planlint",
    "planlint",
    { run: { command, args: ["lsp"] }, debug: { command, args: ["lsp"] } },
    {
      documentSelector: [
        { scheme: "file", language: "plan" },
        { scheme: "untitled", language: "plan" },
      ],
    }
  );
  try {
    await client.start();
  } catch (error) {
    client = undefined;
    vscode.window.showErrorMessage(
      `planlint: could not start \`${command} lsp\` (${error.message || error}). ` +
        "Install planlint (pipx install planlint) or set `planlint.path`."
    );
  }
}

async function stop() {
  if (client) {
    const running = client;
    client = undefined;
    await running.stop();
  }
}

async function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("planlint.path")) {
        await stop();
        await start();
      }
    }),
    { dispose: stop }
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
