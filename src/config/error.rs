//! [`ConfigError`]: one mistake in a configuration or a custom rule file,
//! at its line and column, as a miette diagnostic (`report` renders it).

use std::fmt;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode, SourceSpan};

use crate::text::{printable, printable_line, PrintableText};
use crate::yaml::{self, YamlPath};

#[derive(Debug)]
pub struct ConfigError {
    /// The file, as shown to the user.
    pub file: String,
    pub message: String,
    pub help: Option<String>,
    /// The file's text and the offending span, when the file could be read
    /// and the place found.
    located: Option<Box<(NamedSource<String>, SourceSpan)>>,
    /// 1-based line and column of the offending YAML.
    pub line_column: Option<(usize, usize)>,
}

impl ConfigError {
    /// A problem with a whole file (it cannot be read, say).
    pub fn file(file: &str, message: impl Into<String>) -> ConfigError {
        ConfigError {
            file: file.to_string(),
            message: message.into(),
            help: None,
            located: None,
            line_column: None,
        }
    }

    /// A problem at the YAML node `at` of `text`.
    pub fn at(file: &str, text: &str, at: &YamlPath, message: impl Into<String>) -> ConfigError {
        let position = yaml::locate(text, at);
        ConfigError::at_position(file, text, position, message.into())
    }

    /// A problem serde_yaml found (bad YAML, an unknown field, a wrong type).
    pub fn from_yaml(file: &str, text: &str, error: &yaml::Error) -> ConfigError {
        let (message, position) = yaml::error_parts(text, error);
        // serde_yaml names errors with no position (an empty file) at the start.
        let position = position.or(Some(yaml::Position {
            offset: 0,
            line: 1,
            column: 1,
        }));
        ConfigError::at_position(file, text, position, message)
    }

    fn at_position(
        file: &str,
        text: &str,
        position: Option<yaml::Position>,
        message: String,
    ) -> ConfigError {
        let mut error = ConfigError::file(file, message);
        if let Some(position) = position {
            let length = yaml::token_len(text, position.offset);
            // Shown with its control characters made visible, like plans.
            let shown = PrintableText::new(text);
            let start = shown.offset(position.offset);
            let end = shown.offset(position.offset + length);
            error.located = Some(Box::new((
                NamedSource::new(printable_line(file), shown.text),
                SourceSpan::new(start.into(), end - start),
            )));
            error.line_column = Some((position.line, position.column));
        }
        error
    }

    pub fn with_help(mut self, help: impl Into<String>) -> ConfigError {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = printable(&self.message);
        match self.line_column {
            Some(_) => f.write_str(&message),
            // Without a snippet the reader still needs the file's name.
            None => write!(f, "{}: {message}", printable_line(&self.file)),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Diagnostic for ConfigError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("invalid-configuration"))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|help| Box::new(printable(help).into_owned()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.located
            .as_deref()
            .map(|(source, _)| source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (_, span) = self.located.as_deref()?;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some("here".into()), *span),
        )))
    }
}
