//! The language server in process, over an in-memory connection: what an
//! editor sends, what it gets back.

use std::path::Path;
use std::thread::JoinHandle;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId, ResponseError};
use planlint::model::Date;
use serde_json::{json, Value};

const TODAY: &str = "2027-01-15";

struct Client {
    connection: Connection,
    server: Option<JoinHandle<Result<(), String>>>,
    next_id: i32,
    /// Notifications received while waiting for a response.
    pending: Vec<Notification>,
    /// Requests the server sent.
    server_requests: Vec<Request>,
}

impl Client {
    fn start() -> Client {
        Client::start_with(json!({}))
    }

    fn start_with(capabilities: Value) -> Client {
        Client::start_in(capabilities, Value::Null)
    }

    /// A client whose workspace is the folder `root` (a `file:` URI).
    fn start_in(capabilities: Value, root: Value) -> Client {
        let (server_side, client_side) = Connection::memory();
        let server = std::thread::spawn(move || {
            planlint::lsp::serve(&server_side, Date::parse(TODAY).unwrap())
        });
        let mut client = Client {
            connection: client_side,
            server: Some(server),
            next_id: 0,
            pending: Vec::new(),
            server_requests: Vec::new(),
        };
        let result = client.request(
            "initialize",
            json!({ "capabilities": capabilities, "rootUri": root }),
        );
        assert!(result["capabilities"].is_object(), "{result}");
        client.notify("initialized", json!({}));
        client
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        match self.request_raw(method, params) {
            Ok(result) => result,
            Err(error) => panic!("{method}: {error:?}"),
        }
    }

    fn request_raw(&mut self, method: &str, params: Value) -> Result<Value, ResponseError> {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        let request = Request::new(id.clone(), method.to_string(), params);
        self.connection.sender.send(request.into()).unwrap();
        loop {
            match self.receive() {
                Message::Response(response) if response.id == id => {
                    return response.response_result
                }
                Message::Notification(notification) => self.pending.push(notification),
                Message::Request(request) => self.answer(request),
                other => panic!("unexpected {other:?}"),
            }
        }
    }

    /// Answers a request of the server, as an editor would, and keeps it.
    fn answer(&mut self, request: Request) {
        let response = lsp_server::Response::new_ok(request.id.clone(), Value::Null);
        self.connection.sender.send(response.into()).unwrap();
        self.server_requests.push(request);
    }

    fn notify(&self, method: &str, params: Value) {
        let notification = Notification::new(method.to_string(), params);
        self.connection.sender.send(notification.into()).unwrap();
    }

    fn receive(&self) -> Message {
        self.connection
            .receiver
            .recv_timeout(Duration::from_secs(20))
            .expect("the server answers within 20 s")
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        loop {
            let notification = match self.pending.iter().position(|n| publishes_for(n, uri)) {
                Some(index) => self.pending.remove(index),
                None => match self.receive() {
                    Message::Notification(notification) => notification,
                    Message::Request(request) => {
                        self.answer(request);
                        continue;
                    }
                    other => panic!("unexpected {other:?}"),
                },
            };
            if publishes_for(&notification, uri) {
                return notification.params["diagnostics"]
                    .as_array()
                    .unwrap()
                    .clone();
            }
            self.pending.push(notification);
        }
    }

    fn open(&mut self, uri: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": uri, "languageId": "plan", "version": 1, "text": text } }),
        );
        self.diagnostics(uri)
    }

    fn change(&mut self, uri: &str, version: i32, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version },
                    "contentChanges": [{ "text": text }] }),
        );
        self.diagnostics(uri)
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let result = self.server.take().unwrap().join().unwrap();
        assert_eq!(result, Ok(()));
    }
}

fn publishes_for(notification: &Notification, uri: &str) -> bool {
    notification.method == "textDocument/publishDiagnostics" && notification.params["uri"] == uri
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|diagnostic| diagnostic["code"].as_str().unwrap().to_string())
        .collect()
}

fn uri_of(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A plan whose one tactic has no KPI; nothing else is off.
const PLAN: &str = r#"plan "Demand gen" {
  owner: @ana
  period: 2027-Q1..2027-Q4
  challenge: "Too few leads"

  team {
    member @ana { capacity: 100d }
  }

  strategy focus "Focus on healthcare"

  objective leads "More leads" {
    owner: @ana
    supports: focus
    kpi mqls { stage: opportunity target: 300 due: 2027-Q4 source: crm }
  }

  tactic webinar "Webinar series" {
    owner: @ana
    supports: leads
    channel: webinars
    audience: "IT directors"
    when: 2027-Q2
    effort: 10d
  }
}
"#;

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn open_change_and_close_publish_the_findings_of_the_editors_text() {
    let dir = temp_dir();
    // The file is not on disk: the server lints what the editor sends.
    let uri = uri_of(&dir.path().join("demand.plan"));
    let mut client = Client::start();

    let diagnostics = client.open(&uri, PLAN);
    assert_eq!(codes(&diagnostics), ["missing-kpi"], "{diagnostics:#?}");
    let missing_kpi = &diagnostics[0];
    assert_eq!(missing_kpi["source"], "planlint");
    assert_eq!(missing_kpi["severity"], 1, "an error");
    // The tactic's keyword, line 18 (0-based 17).
    assert_eq!(
        missing_kpi["range"]["start"],
        json!({"line": 17, "character": 2})
    );

    // A KPI added: the finding goes.
    let fixed = PLAN.replace(
        "    effort: 10d\n",
        "    effort: 10d\n    kpi signups { stage: engagement target: 200 due: 2027-Q2 source: crm }\n",
    );
    assert_eq!(codes(&client.change(&uri, 2, &fixed)), Vec::<&str>::new());
    // The owner removed: a finding comes.
    let unowned = fixed.replace(
        "    owner: @ana\n    supports: leads\n",
        "    supports: leads\n",
    );
    assert_eq!(codes(&client.change(&uri, 3, &unowned)), ["unowned-tactic"]);

    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(client.diagnostics(&uri), Vec::<Value>::new());
}

#[test]
fn a_broken_block_leaves_the_other_blocks_diagnostics() {
    let dir = temp_dir();
    let uri = uri_of(&dir.path().join("demand.plan"));
    let mut client = Client::start();
    let broken = PLAN.replace("    channel: webinars\n", "    channel = webinars\n");
    let broken = broken.replace(
        "    owner: @ana\n    supports: focus\n",
        "    supports: focus\n",
    );
    let diagnostics = client.open(&uri, &broken);
    let mut found = codes(&diagnostics);
    found.sort();
    assert_eq!(
        found,
        ["syntax-error", "unowned-objective"],
        "{diagnostics:#?}"
    );
}

#[test]
fn the_nearest_configuration_applies_and_secondary_labels_are_related_information() {
    let dir = temp_dir();
    let quiet = dir.path().join("quiet");
    std::fs::create_dir(&quiet).unwrap();
    std::fs::write(quiet.join(".planlint.yaml"), "rules:\n  missing-kpi: off\n").unwrap();
    let mut client = Client::start();
    assert_eq!(
        codes(&client.open(&uri_of(&quiet.join("demand.plan")), PLAN)),
        Vec::<&str>::new()
    );

    // Two tactics with one id: the second points back at the first.
    let twice = PLAN.replace(
        "\n}\n",
        &format!(
            "{}}}\n",
            &PLAN[PLAN.find("  tactic").unwrap()..PLAN.len() - 2]
        ),
    );
    let uri = uri_of(&dir.path().join("twice.plan"));
    let diagnostics = client.open(&uri, &twice);
    let duplicate = diagnostics
        .iter()
        .find(|diagnostic| diagnostic["code"] == "duplicate-id")
        .unwrap_or_else(|| panic!("{diagnostics:#?}"));
    let related = duplicate["relatedInformation"].as_array().unwrap();
    assert_eq!(related[0]["location"]["uri"], uri.as_str());
    assert_eq!(related[0]["location"]["range"]["start"]["line"], 17);
}

#[test]
fn a_changed_configuration_applies_to_the_open_plans() {
    let dir = temp_dir();
    let uri = uri_of(&dir.path().join("demand.plan"));
    let watching =
        json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } });
    let mut client = Client::start_with(watching);
    assert_eq!(codes(&client.open(&uri, PLAN)), ["missing-kpi"]);
    // The server asked to hear of configuration files.
    let registration = &client.server_requests[0];
    assert_eq!(registration.method, "client/registerCapability");
    assert_eq!(
        registration.params["registrations"][0]["registerOptions"]["watchers"][0]["globPattern"],
        "**/.planlint.yaml"
    );

    let config = dir.path().join(".planlint.yaml");
    std::fs::write(&config, "rules:\n  missing-kpi: off\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri_of(&config), "type": 1 }] }),
    );
    assert_eq!(client.diagnostics(&uri), Vec::<Value>::new());
}

#[test]
fn a_broken_configuration_is_shown_and_the_built_in_rules_still_run() {
    let dir = temp_dir();
    std::fs::write(dir.path().join(".planlint.yaml"), "rules: [not, a, map\n").unwrap();
    let excluded = temp_dir();
    std::fs::write(
        excluded.path().join(".planlint.yaml"),
        "exclude: [\"drafts\"]\n",
    )
    .unwrap();
    std::fs::create_dir(excluded.path().join("drafts")).unwrap();
    let mut client = Client::start();
    let uri = uri_of(&dir.path().join("demand.plan"));
    assert_eq!(codes(&client.open(&uri, PLAN)), ["missing-kpi"]);
    let shown = client
        .pending
        .iter()
        .find(|notification| notification.method == "window/showMessage")
        .unwrap_or_else(|| panic!("{:?}", client.pending));
    assert_eq!(shown.params["type"], 1, "an error");
    assert!(
        shown.params["message"]
            .as_str()
            .unwrap()
            .contains(".planlint.yaml"),
        "{shown:?}"
    );
    // Shown once, not at every change.
    client.pending.clear();
    assert_eq!(codes(&client.change(&uri, 2, PLAN)), ["missing-kpi"]);
    assert!(
        client
            .pending
            .iter()
            .all(|notification| notification.method != "window/showMessage"),
        "{:?}",
        client.pending
    );
    // A plan the configuration excludes gets no diagnostics.
    let draft = uri_of(&excluded.path().join("drafts").join("demand.plan"));
    assert_eq!(client.open(&draft, PLAN), Vec::<Value>::new());
}

#[test]
fn malformed_json_rpc_on_stdin_ends_the_server_without_a_panic() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut server = Command::new(env!("CARGO_BIN_EXE_planlint"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = server.stdin.take().unwrap();
    stdin.write_all(b"Content-Length: 5\r\n\r\n{oops").unwrap();
    drop(stdin);
    let output = server.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("planlint: error: language server:"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn unknown_methods_and_bad_parameters_are_errors_not_crashes() {
    let mut client = Client::start();
    let unknown = client.request_raw("planlint/nothing", json!({}));
    assert_eq!(unknown.unwrap_err().code, -32601);
    let bad = client.request_raw("textDocument/formatting", json!({ "textDocument": 3 }));
    assert_eq!(bad.unwrap_err().code, -32602);
    client.notify("textDocument/didOpen", json!({ "nonsense": true }));
    // The server is still there.
    let uri = "untitled:Untitled-1";
    assert_eq!(codes(&client.open(uri, PLAN)), ["missing-kpi"]);
}

fn position(text: &str, needle: &str) -> Value {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in the text"));
    let line = text[..offset].matches('\n').count();
    let column = offset - text[..offset].rfind('\n').map_or(0, |newline| newline + 1);
    json!({ "line": line, "character": column })
}

fn at(uri: &str, text: &str, needle: &str) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": position(text, needle) })
}

/// Applies LSP text edits (non-overlapping) to a text; ASCII texts only.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |position: &Value| {
        let line = position["line"].as_u64().unwrap() as usize;
        let column = position["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        start + column
    };
    let mut edits: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|edit| {
            (
                offset(&edit["range"]["start"]),
                offset(&edit["range"]["end"]),
                edit["newText"].as_str().unwrap(),
            )
        })
        .collect();
    edits.sort_by_key(|edit| std::cmp::Reverse(edit.0));
    let mut text = text.to_string();
    for (start, end, new_text) in edits {
        text.replace_range(start..end, new_text);
    }
    text
}

fn edits_of<'a>(action: &'a Value, uri: &str) -> &'a [Value] {
    action["edit"]["changes"][uri].as_array().unwrap()
}

#[test]
fn code_actions_fix_suppress_and_fix_all() {
    let dir = temp_dir();
    let uri = uri_of(&dir.path().join("demand.plan"));
    let mut client = Client::start();
    let misspelt = PLAN.replace(
        "    owner: @ana\n    supports: leads\n",
        "    ownr: @ana\n    supports: leads\n",
    );
    let mut found = codes(&client.open(&uri, &misspelt));
    found.sort();
    assert_eq!(
        found,
        ["missing-kpi", "unknown-attribute", "unowned-tactic"]
    );

    // On the misspelt key: its fix and a suppression.
    let key = position(&misspelt, "ownr");
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": { "start": key, "end": key },
                "context": { "diagnostics": [] } }),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|action| action["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Rename `ownr` to `owner`",
            "Suppress `unknown-attribute` for this block",
            "Fix all safe planlint findings",
        ],
        "{actions:#}"
    );
    let rename = &actions[0];
    assert_eq!(rename["kind"], "quickfix");
    assert_eq!(rename["isPreferred"], true);
    assert_eq!(rename["diagnostics"][0]["code"], "unknown-attribute");
    let renamed = apply(&misspelt, edits_of(rename, &uri));
    assert_eq!(renamed, PLAN);

    // The suppression goes on the line before the tactic, indented as it is,
    // and silences the finding once applied.
    let tactic = position(&misspelt, "tactic webinar");
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": { "start": tactic, "end": tactic },
                "context": { "diagnostics": [], "only": ["quickfix"] } }),
    );
    let suppress = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|action| action["title"] == "Suppress `missing-kpi` for this block")
        .unwrap_or_else(|| panic!("{actions:#}"));
    let suppressed = apply(&misspelt, edits_of(suppress, &uri));
    assert!(
        suppressed.contains("\n  # planlint: allow(missing-kpi) -- \n  tactic webinar"),
        "{suppressed}"
    );
    let mut found = codes(&client.change(&uri, 2, &suppressed));
    found.sort();
    assert_eq!(found, ["unknown-attribute", "unowned-tactic"]);

    // Requests the editor makes by itself as the cursor moves do not pay
    // for fix all.
    let key = position(&suppressed, "ownr");
    let automatic = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": { "start": key, "end": key },
                "context": { "diagnostics": [], "triggerKind": 2 } }),
    );
    let kinds: Vec<&Value> = automatic
        .as_array()
        .unwrap()
        .iter()
        .map(|action| &action["kind"])
        .collect();
    assert_eq!(
        kinds,
        [&json!("quickfix"), &json!("quickfix")],
        "{automatic:#}"
    );

    // source.fixAll.planlint alone: every safe fix, nothing else.
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri },
                "range": { "start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0} },
                "context": { "diagnostics": [], "only": ["source.fixAll.planlint"] } }),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.planlint");
    let fixed = apply(&suppressed, edits_of(&actions[0], &uri));
    assert_eq!(fixed, suppressed.replace("ownr:", "owner:"));
}

#[test]
fn formatting_lays_the_plan_out_as_fmt_does() {
    let uri = "untitled:plan";
    let mut client = Client::start();
    let messy = PLAN.replace("    channel: webinars\n", "        channel:    webinars\n");
    client.open(uri, &messy);
    let edits = client.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    let formatted = apply(&messy, edits.as_array().unwrap());
    assert_eq!(formatted, planlint::format::format(&messy).unwrap());
    assert!(
        formatted.contains("\n    channel: webinars\n"),
        "{formatted}"
    );
    // A formatted plan needs no edit; one that does not parse gets none.
    client.change(uri, 2, &formatted);
    let none = client.request("textDocument/formatting", json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 2, "insertSpaces": true } }));
    assert_eq!(none, json!([]));
    client.change(uri, 3, "plan \"x\" {\n  owner = @ana\n}\n");
    let broken = client.request("textDocument/formatting", json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 2, "insertSpaces": true } }));
    assert_eq!(broken, Value::Null);
}

#[test]
fn hover_explains_keys_names_and_rules() {
    let uri = "untitled:plan";
    let mut client = Client::start();
    client.open(uri, PLAN);
    let hover = |client: &mut Client, needle: &str| {
        let result = client.request("textDocument/hover", at(uri, PLAN, needle));
        result["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let key = hover(&mut client, "effort: 10d");
    assert!(key.contains("an effort in person-days"), "{key}");
    assert!(key.contains("On tactic."), "{key}");
    let reference = hover(&mut client, "leads\n    channel");
    assert!(reference.contains("objective `leads`"), "{reference}");
    assert!(reference.contains("\"More leads\""), "{reference}");
    assert!(reference.contains("owner: `@ana`"), "{reference}");
    let person = hover(&mut client, "@ana\n    supports: leads");
    assert!(person.contains("member @ana"), "{person}");
    assert!(person.contains("capacity: `100d`"), "{person}");
    // On the tactic's keyword, where missing-kpi points: the rule's why.
    let rule = hover(&mut client, "tactic webinar");
    assert!(rule.contains("**`missing-kpi`**"), "{rule}");
    let nothing = client.request("textDocument/hover", at(uri, PLAN, "\n\n  team"));
    assert_eq!(nothing, Value::Null);
}

#[test]
fn definition_references_and_symbols() {
    let uri = "untitled:plan";
    let mut client = Client::start();
    client.open(uri, PLAN);
    let definition = client.request("textDocument/definition", at(uri, PLAN, "focus\n    kpi"));
    assert_eq!(
        definition["range"]["start"],
        position(PLAN, "focus \"Focus")
    );
    let person = client.request(
        "textDocument/definition",
        at(uri, PLAN, "@ana\n    supports: leads"),
    );
    assert_eq!(person["range"]["start"], position(PLAN, "@ana { capacity"));

    let mut params = at(uri, PLAN, "leads \"More");
    params["context"] = json!({ "includeDeclaration": true });
    let references = client.request("textDocument/references", params);
    let lines: Vec<&Value> = references
        .as_array()
        .unwrap()
        .iter()
        .map(|location| &location["range"]["start"]["line"])
        .collect();
    assert_eq!(lines, [&json!(11), &json!(19)]);

    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    let plan = &symbols[0];
    assert_eq!(plan["name"], "Demand gen");
    let children: Vec<&str> = plan["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|child| child["name"].as_str().unwrap())
        .collect();
    assert_eq!(children, ["team", "focus", "leads", "webinar"]);
    assert_eq!(plan["children"][0]["children"][0]["name"], "@ana");
    assert_eq!(plan["children"][2]["children"][0]["name"], "mqls");
}

#[test]
fn completion_of_keys_ids_and_people() {
    let uri = "untitled:plan";
    let mut client = Client::start();
    let labels = |client: &mut Client, text: &str, needle: &str| -> Vec<String> {
        client.change(uri, 2, text);
        let items = client.request(
            "textDocument/completion",
            at(uri, text, needle).tap(|params| {
                params["position"]["character"] =
                    json!(params["position"]["character"].as_u64().unwrap() + needle.len() as u64);
            }),
        );
        items
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["label"].as_str().unwrap().to_string())
            .collect()
    };
    client.open(uri, PLAN);
    let with_line =
        |line: &str| PLAN.replace("    effort: 10d\n", &format!("    effort: 10d\n{line}\n"));

    let keys = labels(&mut client, &with_line("    bu"), "    bu");
    assert!(keys.contains(&"budget".to_string()), "{keys:?}");
    assert!(keys.contains(&"kpi".to_string()), "{keys:?}");
    assert!(
        !keys.contains(&"owner".to_string()),
        "owner is already there: {keys:?}"
    );
    assert!(
        !keys.contains(&"capacity".to_string()),
        "not a tactic's key: {keys:?}"
    );

    let after = labels(&mut client, &with_line("    after: "), "after: ");
    assert_eq!(after, ["webinar"]);
    // A bracket not closed yet: the line is a syntax error for now.
    let unclosed = labels(
        &mut client,
        &with_line("    rationale: \"x\" supports: [le"),
        "supports: [le",
    );
    assert_eq!(unclosed, ["leads"]);
    // Editors close the bracket as it is typed.
    let supports = labels(
        &mut client,
        &with_line("    rationale: \"x\" supports: [le]"),
        "supports: [le",
    );
    assert_eq!(supports, ["leads"]);
    let owners = labels(
        &mut client,
        &PLAN.replace(
            "owner: @ana\n    supports: leads",
            "owner: @\n    supports: leads",
        ),
        "owner: @",
    );
    assert_eq!(owners, ["@ana"]);
    let quarters = labels(
        &mut client,
        &PLAN.replace("when: 2027-Q2", "when: 2027-"),
        "when: 2027-",
    );
    assert_eq!(quarters, ["2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"]);
}

trait Tap: Sized {
    fn tap(mut self, change: impl FnOnce(&mut Self)) -> Self {
        change(&mut self);
        self
    }
}

impl Tap for Value {}

/// Every plan of the fixtures and examples, whole and cut short at a few
/// places (a plan being typed), asked about at every line, at the start,
/// inside and far past the end of it: every request is answered (no
/// error, no crash), and the server still works afterwards.
#[test]
fn every_request_anywhere_in_every_plan_is_answered() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut plans: Vec<std::path::PathBuf> = ["fixtures", "examples"]
        .iter()
        .flat_map(|dir| walkdir::WalkDir::new(root.join(dir)))
        .filter_map(Result::ok)
        .map(|entry| entry.into_path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "plan"))
        .collect();
    plans.sort();
    assert!(plans.len() > 50, "{} plans", plans.len());
    let mut client = Client::start();
    let mut version = 1;
    for plan in &plans {
        let Ok(text) = std::fs::read_to_string(plan) else {
            continue; // not UTF-8 on purpose: linted by other tests
        };
        let uri = uri_of(plan);
        let cuts = [text.len(), text.len() * 2 / 3, text.len() / 3];
        for (index, cut) in cuts.into_iter().enumerate() {
            let cut = (0..=cut)
                .rev()
                .find(|&at| text.is_char_boundary(at))
                .unwrap();
            if index == 0 {
                client.open(&uri, &text[..cut]);
            } else {
                version += 1;
                client.change(&uri, version, &text[..cut]);
            }
            ask_everywhere(&mut client, &uri, &text[..cut]);
        }
        client.notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri } }),
        );
        client.diagnostics(&uri);
    }
    assert_eq!(codes(&client.open("untitled:last", PLAN)), ["missing-kpi"]);
}

fn ask_everywhere(client: &mut Client, uri: &str, text: &str) {
    let document = json!({ "uri": uri });
    for line in 0..=text.lines().count() + 1 {
        for character in [0, 4, 12, 1000] {
            let position = json!({ "line": line, "character": character });
            let at = json!({ "textDocument": document, "position": position });
            for method in [
                "textDocument/hover",
                "textDocument/completion",
                "textDocument/definition",
            ] {
                client.request(method, at.clone());
            }
            let mut references = at.clone();
            references["context"] = json!({ "includeDeclaration": true });
            client.request("textDocument/references", references);
        }
        let range = json!({ "start": { "line": line, "character": 0 }, "end": { "line": line, "character": 1000 } });
        client.request(
            "textDocument/codeAction",
            json!({ "textDocument": document, "range": range, "context": { "diagnostics": [] } }),
        );
    }
    for method in ["textDocument/documentSymbol", "textDocument/formatting"] {
        client.request(
            method,
            json!({ "textDocument": document, "options": { "tabSize": 2, "insertSpaces": true } }),
        );
    }
}

/// The across-plans fixture: @maria (30d a quarter) owns 20 person-days in
/// Q1 in `emea.plan` and 25 in `partners.plan`.
fn two_plan_workspace(partners_effort: &str) -> (tempfile::TempDir, String, String) {
    let dir = temp_dir();
    let fixtures =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/overbooked-across-plans/flagged");
    let emea = std::fs::read_to_string(fixtures.join("emea.plan")).unwrap();
    let partners = std::fs::read_to_string(fixtures.join("partners.plan")).unwrap();
    std::fs::write(dir.path().join("emea.plan"), emea).unwrap();
    let partners = partners.replace("effort: 25d", &format!("effort: {partners_effort}"));
    std::fs::write(dir.path().join("partners.plan"), &partners).unwrap();
    (
        dir,
        std::fs::read_to_string(fixtures.join("emea.plan")).unwrap(),
        partners,
    )
}

fn across_plans(diagnostics: &[Value]) -> Vec<&Value> {
    diagnostics
        .iter()
        .filter(|diagnostic| diagnostic["code"] == "overbooked-across-plans")
        .collect()
}

#[test]
fn editing_an_effort_in_one_plan_shows_and_clears_overbooked_across_plans_in_both() {
    // On disk @maria's Q1 is 20d + 5d of 30d: fine.
    let (dir, emea, partners) = two_plan_workspace("5d");
    let emea_uri = uri_of(&dir.path().join("emea.plan"));
    let partners_uri = uri_of(&dir.path().join("partners.plan"));
    let mut client = Client::start_in(json!({}), json!(uri_of(dir.path())));
    assert!(across_plans(&client.open(&emea_uri, &emea)).is_empty());
    assert!(across_plans(&client.open(&partners_uri, &partners)).is_empty());

    // 5d → 25d in the editor (not saved): 45 of 30 in Q1, in both plans.
    let overbooked = partners.replace("effort: 5d", "effort: 25d");
    let in_partners = client.change(&partners_uri, 2, &overbooked);
    let in_emea = client.diagnostics(&emea_uri);
    for (diagnostics, tactic_line, other) in [
        (
            &in_partners,
            "  tactic training \"Partner training\" {",
            "emea.plan",
        ),
        (
            &in_emea,
            "  tactic webinars \"Webinars\" {",
            "partners.plan",
        ),
    ] {
        let found = across_plans(diagnostics);
        let [finding] = &found[..] else {
            panic!("{diagnostics:#?}");
        };
        assert_eq!(
            finding["message"].as_str().unwrap().lines().next().unwrap(),
            "@maria is booked 45 person-days in Q1 2027 across 2 plans \
             (emea.plan, partners.plan) but has 30"
        );
        assert_eq!(finding["severity"], 2, "a warning");
        // At the tactic's header, the other plan's tactic as related information.
        let text = if other == "emea.plan" {
            &overbooked
        } else {
            &emea
        };
        let line = text.lines().position(|l| l == tactic_line).unwrap();
        assert_eq!(
            finding["range"]["start"],
            json!({"line": line, "character": 2})
        );
        let related = &finding["relatedInformation"][0];
        assert_eq!(
            related["location"]["uri"],
            uri_of(&dir.path().join(other)).as_str()
        );
    }
    // The emea plan was republished for the change in the other one: its
    // own findings are still there.
    assert_eq!(codes(&in_emea), codes(&client.change(&emea_uri, 2, &emea)));

    // Back to 5d: cleared in both.
    assert!(across_plans(&client.change(&partners_uri, 3, &partners)).is_empty());
    assert!(across_plans(&client.diagnostics(&emea_uri)).is_empty());
}

#[test]
fn plans_on_disk_count_and_closing_a_plan_counts_its_saved_text() {
    // On disk @maria's Q1 is 20d + 25d of 30d: overbooked.
    let (dir, emea, partners) = two_plan_workspace("25d");
    let emea_uri = uri_of(&dir.path().join("emea.plan"));
    let partners_uri = uri_of(&dir.path().join("partners.plan"));
    // A third plan in an ignored folder books @maria too: not counted.
    std::fs::create_dir(dir.path().join("old")).unwrap();
    std::fs::write(dir.path().join(".gitignore"), "old/\n").unwrap();
    std::fs::write(dir.path().join("old/old.plan"), &partners).unwrap();
    let mut client = Client::start_in(json!({}), json!(uri_of(dir.path())));

    // Only emea is open: partners counts as saved.
    let found = client.open(&emea_uri, &emea);
    let found = across_plans(&found);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0]["message"]
        .as_str()
        .unwrap()
        .contains("booked 45 person-days"));

    // Partners opened and lightened in the editor: cleared in emea.
    let lighter = partners.replace("effort: 25d", "effort: 10d");
    // (Opened as saved, nothing changes for emea: it is not republished.)
    assert_eq!(
        across_plans(&client.open(&partners_uri, &partners)).len(),
        1
    );
    assert!(across_plans(&client.change(&partners_uri, 2, &lighter)).is_empty());
    assert!(across_plans(&client.diagnostics(&emea_uri)).is_empty());

    // Closed without saving: the disk's 25d counts again.
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": partners_uri } }),
    );
    assert_eq!(client.diagnostics(&partners_uri), Vec::<Value>::new());
    assert_eq!(across_plans(&client.diagnostics(&emea_uri)).len(), 1);

    // Saved lighter by another program, the client reports it: cleared.
    std::fs::write(dir.path().join("partners.plan"), &lighter).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": partners_uri, "type": 2 }] }),
    );
    assert!(across_plans(&client.diagnostics(&emea_uri)).is_empty());
}

#[test]
fn a_configuration_that_turns_the_rule_off_silences_it_in_its_plans() {
    let (dir, emea, _) = two_plan_workspace("25d");
    std::fs::write(
        dir.path().join(".planlint.yaml"),
        "rules:\n  overbooked-across-plans: off\n",
    )
    .unwrap();
    let mut client = Client::start_in(json!({}), json!(uri_of(dir.path())));
    let diagnostics = client.open(&uri_of(&dir.path().join("emea.plan")), &emea);
    assert!(across_plans(&diagnostics).is_empty(), "{diagnostics:#?}");
}
