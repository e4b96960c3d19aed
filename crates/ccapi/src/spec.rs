//! The operations the command line offers: one entry per catalog operation, with its path
//! parameters, documented options, body and implementation. The clap command tree, the help
//! and the shell completions are all built from this table.

use ccapi_transport::endpoint::BodyKind;
use ccapi_transport::Endpoint;

use crate::invocation::Handler;

/// One option of an operation.
#[derive(Debug, Clone, Copy)]
pub struct Opt {
    /// Long name, kebab case (`page-size`).
    pub name: &'static str,
    /// Help text.
    pub help: &'static str,
    /// May be given several times.
    pub repeat: bool,
    /// A flag without value (`--no-full`).
    pub flag: bool,
}

/// An option with a value.
pub const fn opt(name: &'static str, help: &'static str) -> Opt {
    Opt {
        name,
        help,
        repeat: false,
        flag: false,
    }
}

/// A repeatable option.
pub const fn repeated(name: &'static str, help: &'static str) -> Opt {
    Opt {
        name,
        help,
        repeat: true,
        flag: false,
    }
}

/// A flag.
pub const fn flag(name: &'static str, help: &'static str) -> Opt {
    Opt {
        name,
        help,
        repeat: false,
        flag: true,
    }
}

/// One operation: `ccapi <api> <resource> <action> [PARAMS...] [OPTIONS]`.
#[derive(Clone)]
pub struct OpSpec {
    /// The crate name (`agendize-calls`).
    pub api: &'static str,
    /// The catalog resource (`calltrackings`).
    pub resource: &'static str,
    /// The catalog action (`live_get`).
    pub action: &'static str,
    /// One line of help.
    pub about: std::borrow::Cow<'static, str>,
    /// Path parameters, in path order: those of the operation's row
    /// ([`crate::tables`]), filled in by [`operations`].
    pub params: Vec<&'static str>,
    /// Positional arguments after the path parameters, sent in the body (`planId`).
    pub arguments: &'static [&'static str],
    /// Documented options.
    pub options: Vec<Opt>,
    /// Takes `--body`.
    pub body: bool,
    /// A listing: `--all` follows every page.
    pub paged: bool,
    /// A download: `--out FILE` is required.
    pub download: bool,
    /// The implementation.
    pub run: Handler,
    /// The operation's row, filled in by [`operations`].
    pub row: Option<&'static Endpoint>,
}

impl OpSpec {
    /// An operation without parameters or options.
    pub fn new(
        api: &'static str,
        resource: &'static str,
        action: &'static str,
        about: &'static str,
        run: Handler,
    ) -> Self {
        Self {
            api,
            resource,
            action,
            about: about.into(),
            params: Vec::new(),
            arguments: &[],
            options: Vec::new(),
            body: false,
            paged: false,
            download: false,
            run,
            row: None,
        }
    }

    /// The command of a row no hand-written command covers: its path parameters as arguments,
    /// `--query name=value` (repeatable), `--body` when the row sends one (a JSON value, or for
    /// a form a JSON object of strings and numbers), and the answer printed as JSON.
    pub fn derived(api: &'static str, row: &'static Endpoint) -> Self {
        let about = format!(
            "{} {} (derived from the operation's row)",
            row.verb.as_str(),
            row.path
        );
        let mut spec = Self::new(api, row.resource(), row.action(), "", crate::derived::run)
            .options(&[repeated("query", "A query pair, name=value (repeatable)")]);
        spec.about = about.into();
        spec.body = row.body != BodyKind::Empty;
        spec
    }

    /// The typed command of a plain row (path parameters only, no body): its answer decoded as
    /// the crate's model `T` and printed, as the crate's own method would return it.
    pub fn typed<T>(api: &'static str, row: &'static Endpoint, about: &'static str) -> Self
    where
        T: serde::de::DeserializeOwned + serde::Serialize + Send + 'static,
    {
        Self::new(
            api,
            row.resource(),
            row.action(),
            about,
            crate::derived::typed::<T>,
        )
    }

    /// The command of a plain row that answers nothing (a `DELETE`): path parameters only.
    pub fn empty(api: &'static str, row: &'static Endpoint, about: &'static str) -> Self {
        Self::new(
            api,
            row.resource(),
            row.action(),
            about,
            crate::derived::empty,
        )
    }

    /// With another line of help.
    pub fn about(mut self, about: impl Into<std::borrow::Cow<'static, str>>) -> Self {
        self.about = about.into();
        self
    }

    /// With positional arguments after the path parameters.
    pub fn arguments(mut self, arguments: &'static [&'static str]) -> Self {
        self.arguments = arguments;
        self
    }

    /// With options.
    pub fn options(mut self, options: &[Opt]) -> Self {
        self.options.extend_from_slice(options);
        self
    }

    /// Taking `--body`.
    pub fn body(mut self) -> Self {
        self.body = true;
        self
    }

    /// A listing that `--all` pages through.
    pub fn paged(mut self) -> Self {
        self.paged = true;
        self
    }

    /// A download to `--out`.
    pub fn download(mut self) -> Self {
        self.download = true;
        self
    }
}

/// Wraps an async block as a [`Handler`].
macro_rules! handler {
    (|$call:ident| $body:block) => {{
        let run: $crate::invocation::Handler = |$call: $crate::invocation::Call| Box::pin(async move $body);
        run
    }};
}
pub(crate) use handler;

/// Every operation of every API, with the path parameters of its row.
pub fn operations() -> Vec<OpSpec> {
    let mut all = Vec::new();
    all.extend(crate::ops::agendize::operations());
    all.extend(crate::ops::ziwo::operations());
    all.extend(crate::ops::iadvize::operations());
    all.extend(crate::ops::vbc::operations());
    all.extend(crate::operations::typed());
    for (api, rows) in crate::tables::TABLES {
        for row in *rows {
            let covered = all.iter().any(|spec| {
                spec.api == *api && spec.resource == row.resource() && spec.action == row.action()
            });
            if !covered {
                all.push(OpSpec::derived(api, row));
            }
        }
    }
    for spec in &mut all {
        let id = format!("{}.{}", spec.resource, spec.action);
        if let Some(row) = crate::tables::row(spec.api, &id) {
            spec.params = row.path_params();
            spec.row = Some(row);
        }
    }
    // In the manifests' order, wherever each command is written.
    let position = |spec: &OpSpec| {
        crate::tables::TABLES
            .iter()
            .flat_map(|(api, rows)| rows.iter().map(move |row| (*api, row.id)))
            .position(|(api, id)| api == spec.api && spec.row.is_some_and(|row| row.id == id))
            .unwrap_or(usize::MAX)
    };
    all.sort_by_cached_key(position);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_tree_is_valid() {
        crate::cli::command(&operations()).debug_assert();
    }
}
