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
}

impl Client {
    fn start() -> Client {
        let (server_side, client_side) = Connection::memory();
        let server = std::thread::spawn(move || {
            planlint::lsp::serve(&server_side, Date::parse(TODAY).unwrap())
        });
        let mut client = Client {
            connection: client_side,
            server: Some(server),
            next_id: 0,
            pending: Vec::new(),
        };
        let result = client.request("initialize", json!({ "capabilities": {} }));
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
                other => panic!("unexpected {other:?}"),
            }
        }
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

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|diagnostic| diagnostic["code"].as_str().unwrap())
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
