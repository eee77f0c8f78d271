//! `planlint lsp`: the linter inside the editor, a language server over
//! stdio (or any [`Connection`]; tests use an in-memory one).
//!
//! Synchronous and single-threaded: one message at a time, in order. Each
//! open document keeps the editor's text; on open and on every change it is
//! linted as `check` would lint it (same engine, the `.planlint.yaml`
//! nearest to its path, custom rules, suppressions) and its diagnostics are
//! published; they are cleared on close. Requests are answered from the
//! last lint: see the module of each feature.

mod actions;
mod completion;
mod diagnostics;
mod document;
mod formatting;
mod navigation;
mod outline;
mod position;

use std::collections::HashMap;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest,
    References, Request as _,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    CompletionOptions, CompletionParams, DidChangeTextDocumentParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DocumentFormattingParams, DocumentSymbolParams,
    DocumentSymbolResponse, GotoDefinitionParams, HoverParams, HoverProviderCapability, OneOf,
    PublishDiagnosticsParams, ReferenceParams, ServerCapabilities, TextDocumentSyncCapability,
    TextDocumentSyncKind, Uri,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::config::{ConfigFinder, Selection};
use crate::files::Input;
use crate::model::Date;
use crate::rules::LintOptions;

use document::{file_path, Document};

/// Serves one client on stdin and stdout until it exits.
pub fn serve_stdio(today: Date) -> Result<(), String> {
    let (connection, io_threads) = Connection::stdio();
    let served = serve(&connection, today);
    drop(connection);
    match served {
        // The reader stopped: say why (malformed message, stdin closed).
        Err(message) if message.contains("disconnected") => Err(io_threads.join().err().map_or(
            "the client closed the connection before initialising the server".to_string(),
            |error| format!("reading the client's messages: {error}"),
        )),
        // The threads would wait for the client: the process exits instead.
        Err(message) => Err(message),
        Ok(()) => io_threads
            .join()
            .map_err(|error| format!("reading the client's messages: {error}")),
    }
}

/// Serves one client on `connection` until it asks to exit (or goes away).
pub fn serve(connection: &Connection, today: Date) -> Result<(), String> {
    let capabilities = serde_json::to_value(capabilities()).map_err(|error| error.to_string())?;
    let client = connection
        .initialize(capabilities)
        .map_err(|error| error.to_string())?;
    if can_watch_files(&client) {
        let _ = connection.sender.send(watch_configurations());
    }
    let mut server = Server::new(today)?;
    for message in &connection.receiver {
        let outgoing = match message {
            Message::Request(request) => {
                match connection.handle_shutdown(&request) {
                    Ok(true) => return Ok(()),
                    Ok(false) => {}
                    Err(error) => return Err(error.to_string()),
                }
                let id = request.id.clone();
                let method = request.method.clone();
                let response = guarded(|| server.request(request)).unwrap_or_else(|| {
                    Response::new_err(
                        id,
                        ErrorCode::InternalError as i32,
                        format!("planlint failed on `{method}` (a bug: please report it)"),
                    )
                });
                vec![Message::Response(response)]
            }
            Message::Notification(notification) => {
                guarded(|| server.notification(notification)).unwrap_or_default()
            }
            Message::Response(_) => Vec::new(),
        };
        for message in outgoing {
            if connection.sender.send(message).is_err() {
                return Ok(());
            }
        }
    }
    Ok(())
}

/// Runs one message's handler; a bug that panics in it costs the client
/// that answer, not the server (the panic is still printed on stderr).
fn guarded<T>(handler: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(handler)).ok()
}

/// Whether the client watches files for a server that asks it to.
fn can_watch_files(initialize: &Value) -> bool {
    initialize.pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration")
        == Some(&Value::Bool(true))
}

/// Asks the client to report changes of configuration files (the answer
/// needs no handling: without it, configurations are read once).
fn watch_configurations() -> Message {
    let registration = lsp_types::Registration {
        id: "planlint-configurations".to_string(),
        method: DidChangeWatchedFiles::METHOD.to_string(),
        register_options: Some(serde_json::json!({
            "watchers": [{ "globPattern": format!("**/{}", crate::config::FILE_NAME) }]
        })),
    };
    Message::Request(Request::new(
        lsp_server::RequestId::from("planlint/watch-configurations".to_string()),
        lsp_types::request::RegisterCapability::METHOD.to_string(),
        lsp_types::RegistrationParams {
            registrations: vec![registration],
        },
    ))
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        document_formatting_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::SOURCE_FIX_ALL,
                CodeActionKind::from(actions::FIX_ALL),
            ]),
            ..CodeActionOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".into(), "@".into(), "[".into(), ",".into()]),
            ..CompletionOptions::default()
        }),
        ..ServerCapabilities::default()
    }
}

struct Server {
    documents: HashMap<Uri, Document>,
    configs: ConfigFinder,
    options: LintOptions,
    /// The configuration problem last shown to the user.
    shown_problem: Option<String>,
}

impl Server {
    fn new(today: Date) -> Result<Server, String> {
        Ok(Server {
            documents: HashMap::new(),
            configs: fresh_configs()?,
            options: LintOptions { today },
            shown_problem: None,
        })
    }

    fn request(&mut self, request: Request) -> Response {
        let Request { id, method, params } = request;
        let result = match method.as_str() {
            Formatting::METHOD => self.answer(params, |document, _: DocumentFormattingParams| {
                formatting::formatting(document)
            }),
            CodeActionRequest::METHOD => {
                let options = self.options;
                self.answer(params, |document, params: CodeActionParams| {
                    actions::code_actions(document, &params, &options)
                })
            }
            HoverRequest::METHOD => self.answer(params, |document, params: HoverParams| {
                navigation::hover(document, params.text_document_position_params.position)
            }),
            GotoDefinition::METHOD => {
                self.answer(params, |document, params: GotoDefinitionParams| {
                    navigation::definition(document, params.text_document_position_params.position)
                })
            }
            References::METHOD => self.answer(params, |document, params: ReferenceParams| {
                navigation::references(
                    document,
                    params.text_document_position.position,
                    params.context.include_declaration,
                )
            }),
            DocumentSymbolRequest::METHOD => {
                self.answer(params, |document, _: DocumentSymbolParams| {
                    DocumentSymbolResponse::Nested(navigation::symbols(document))
                })
            }
            Completion::METHOD => self.answer(params, |document, params: CompletionParams| {
                completion::completion(document, params.text_document_position.position)
            }),
            _ => {
                return Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("planlint does not handle `{method}`"),
                )
            }
        };
        match result {
            Ok(value) => Response::new_ok(id, value),
            Err(message) => Response::new_err(id, ErrorCode::InvalidParams as i32, message),
        }
    }

    /// Answers a request about one open document (`null` for a document
    /// that is not open).
    fn answer<P, R>(
        &self,
        params: Value,
        handler: impl FnOnce(&Document, P) -> R,
    ) -> Result<Value, String>
    where
        P: DeserializeOwned + HasDocument,
        R: serde::Serialize,
    {
        let params: P = params_of(params)?;
        let Some(document) = self.documents.get(params.document()) else {
            return Ok(Value::Null);
        };
        serde_json::to_value(handler(document, params)).map_err(|error| error.to_string())
    }

    fn notification(&mut self, notification: Notification) -> Vec<Message> {
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(params) = params_of::<DidOpenTextDocumentParams>(notification.params) else {
                    return Vec::new();
                };
                let document = params.text_document;
                self.open(document.uri, document.version, document.text)
            }
            DidChangeTextDocument::METHOD => {
                let Ok(params) = params_of::<DidChangeTextDocumentParams>(notification.params)
                else {
                    return Vec::new();
                };
                // Full sync: the last change is the whole text.
                let Some(change) = params.content_changes.into_iter().last() else {
                    return Vec::new();
                };
                let document = params.text_document;
                self.open(document.uri, document.version, change.text)
            }
            DidCloseTextDocument::METHOD => {
                let Ok(params) = params_of::<DidCloseTextDocumentParams>(notification.params)
                else {
                    return Vec::new();
                };
                let uri = params.text_document.uri;
                self.documents.remove(&uri);
                vec![publish(uri, Vec::new(), None)]
            }
            DidChangeWatchedFiles::METHOD => self.reload_configs(),
            _ => Vec::new(),
        }
    }

    /// Takes a document's new text, lints it and publishes its diagnostics.
    fn open(&mut self, uri: Uri, version: i32, text: String) -> Vec<Message> {
        let mut messages = Vec::new();
        let path = file_path(&uri);
        let config = match &path {
            Some(path) => self.configs.for_plan(path),
            None => self.configs.for_input(&Input::Stdin { name: None }),
        };
        let config = match config {
            Ok(config) => config,
            Err(error) => {
                // Once per problem, not at every keystroke.
                let problem = format!("planlint: {}: {}", error.file, error.message);
                if self.shown_problem.as_ref() != Some(&problem) {
                    messages.push(show_error(&problem));
                    self.shown_problem = Some(problem);
                }
                // Lint with the built-in rules rather than not at all.
                let defaults = fresh_configs().and_then(|mut configs| {
                    configs
                        .for_input(&Input::Stdin { name: None })
                        .map_err(|error| error.message)
                });
                match defaults {
                    Ok(config) => config,
                    Err(_) => return messages,
                }
            }
        };
        let previous = self.documents.remove(&uri);
        let mut document =
            Document::new(uri.clone(), version, text, config.rules.clone(), previous);
        document.excluded = path.is_some_and(|path| config.excludes(&path));
        document.lint(&self.options);
        messages.push(publish(
            uri.clone(),
            diagnostics::diagnostics(&document),
            Some(version),
        ));
        self.documents.insert(uri, document);
        messages
    }

    /// A configuration file changed: forget every configuration and lint
    /// the open documents again.
    fn reload_configs(&mut self) -> Vec<Message> {
        self.shown_problem = None;
        match fresh_configs() {
            Ok(configs) => self.configs = configs,
            Err(message) => return vec![show_error(&message)],
        }
        let open: Vec<(Uri, i32, String)> = self
            .documents
            .values()
            .map(|document| {
                (
                    document.uri.clone(),
                    document.version,
                    document.source.text.clone(),
                )
            })
            .collect();
        open.into_iter()
            .flat_map(|(uri, version, text)| self.open(uri, version, text))
            .collect()
    }
}

/// Request parameters that name the document they are about.
trait HasDocument {
    fn document(&self) -> &Uri;
}

macro_rules! has_document {
    ($($params:ty => $($field:ident).+;)*) => {
        $(impl HasDocument for $params {
            fn document(&self) -> &Uri {
                &self.$($field).+.uri
            }
        })*
    };
}

has_document! {
    DocumentFormattingParams => text_document;
    CodeActionParams => text_document;
    DocumentSymbolParams => text_document;
    HoverParams => text_document_position_params.text_document;
    GotoDefinitionParams => text_document_position_params.text_document;
    ReferenceParams => text_document_position.text_document;
    CompletionParams => text_document_position.text_document;
}

fn fresh_configs() -> Result<ConfigFinder, String> {
    ConfigFinder::new(None, Selection::default()).map_err(|error| error.message)
}

fn params_of<T: DeserializeOwned>(value: Value) -> Result<T, String> {
    serde_json::from_value(value).map_err(|error| format!("invalid parameters: {error}"))
}

fn publish(uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) -> Message {
    Message::Notification(Notification::new(
        PublishDiagnostics::METHOD.to_string(),
        PublishDiagnosticsParams::new(uri, diagnostics, version),
    ))
}

fn show_error(message: &str) -> Message {
    Message::Notification(Notification::new(
        lsp_types::notification::ShowMessage::METHOD.to_string(),
        lsp_types::ShowMessageParams {
            typ: lsp_types::MessageType::ERROR,
            message: message.to_string(),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_handler_costs_its_answer_not_the_server() {
        assert_eq!(guarded(|| 3), Some(3));
        assert_eq!(guarded(|| -> i32 { panic!("a bug") }), None);
    }
}
