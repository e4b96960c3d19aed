//! The operations the command line offers: one entry per catalog operation, with its path
//! parameters, documented options, body and implementation. The clap command tree, the help
//! and the shell completions are all built from this table.

use crate::call::Handler;

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
    pub about: &'static str,
    /// Path parameters, in path order.
    pub params: &'static [&'static str],
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
            about,
            params: &[],
            options: Vec::new(),
            body: false,
            paged: false,
            download: false,
            run,
        }
    }

    /// With path parameters.
    pub fn params(mut self, params: &'static [&'static str]) -> Self {
        self.params = params;
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
        let run: $crate::call::Handler = |$call: $crate::call::Call| Box::pin(async move $body);
        run
    }};
}
pub(crate) use handler;

/// Every operation of every API.
pub fn operations() -> Vec<OpSpec> {
    let mut all = Vec::new();
    all.extend(crate::ops::agendize::operations());
    all.extend(crate::ops::ziwo::operations());
    all.extend(crate::ops::iadvize::operations());
    all.extend(crate::ops::vbc::operations());
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every operation id of `api-catalog.md`, as `api resource action`, plus the routes of the
    /// providers' official clients that the catalog does not list yet (see the crate docs).
    const CATALOG: &[&str] = &[
        "agendize-calls calltrackings list",
        "agendize-calls calltrackings get",
        "agendize-calls calltrackings delete",
        "agendize-calls calltrackings watch",
        "agendize-calls calls watch",
        "agendize-calls watchers delete",
        "agendize-resellers accounts list",
        "agendize-resellers accounts get",
        "agendize-resellers accounts insert",
        "agendize-resellers accounts update",
        "agendize-resellers accounts patch",
        "agendize-resellers accounts delete",
        "agendize-resellers accounts watch",
        "agendize-resellers accounts change",
        "agendize-resellers accounts enable",
        "agendize-resellers accounts disable",
        "agendize-resellers accounts change_plan",
        "agendize-resellers watchers delete",
        "ziwo-admin auth login",
        "ziwo-admin auth logout",
        "ziwo-admin calltrackers list",
        "ziwo-admin calltrackers get",
        "ziwo-admin calltrackers create",
        "ziwo-admin calltrackers update",
        "ziwo-admin calltrackers block",
        "ziwo-admin calltrackers unblock",
        "ziwo-admin calltrackers delete",
        "ziwo-admin calltrackers logs",
        "ziwo-admin calltrackers test",
        "ziwo-admin eavesdrop create",
        "ziwo-admin eavesdrop update",
        "ziwo-admin calls list",
        "ziwo-admin calls get",
        "ziwo-admin recordings download",
        "ziwo-admin agents list",
        "ziwo-admin agents get",
        "ziwo-admin agents create",
        "ziwo-admin agents update",
        "ziwo-admin queues list",
        "ziwo-admin queues create",
        "ziwo-admin numbers list",
        "ziwo-cti agents login",
        "ziwo-cti agents call",
        "ziwo-cti agents current_call",
        "ziwo-cti agents status",
        "ziwo-cti agents ivr",
        "ziwo-cti agents logout",
        "ziwo-cti agents click_to_call",
        "ziwo-cti session autologin",
        "ziwo-cti session logout",
        "ziwo-cti session autologout",
        "ziwo-cti session status",
        "ziwo-cti session profile",
        "ziwo-cti session queues",
        "ziwo-cti session numbers",
        "ziwo-cti session calls",
        "ziwo-crm addresses create",
        "ziwo-crm addresses update",
        "ziwo-crm addresses delete",
        "ziwo-crm numbers create",
        "ziwo-crm numbers delete",
        "ziwo-crm social_accounts create",
        "ziwo-crm social_accounts update",
        "ziwo-crm social_accounts delete",
        "ziwo-crm profiles create",
        "ziwo-crm profiles update",
        "ziwo-crm profiles delete",
        "ziwo-crm profiles link",
        "ziwo-crm profiles unlink",
        "ziwo-crm customers search",
        "iadvize-rest client list",
        "iadvize-rest client get",
        "iadvize-rest website list",
        "iadvize-rest website get",
        "iadvize-rest website update",
        "iadvize-rest operator list",
        "iadvize-rest operator get",
        "iadvize-rest operator create",
        "iadvize-rest operator update",
        "iadvize-rest operator delete",
        "iadvize-rest operator live_list",
        "iadvize-rest operator live_get",
        "iadvize-rest operator live_set",
        "iadvize-rest operator statistic",
        "iadvize-rest operator profile",
        "iadvize-rest group list",
        "iadvize-rest group get",
        "iadvize-rest group create",
        "iadvize-rest group update",
        "iadvize-rest group delete",
        "iadvize-rest skill list",
        "iadvize-rest skill get",
        "iadvize-rest skill create",
        "iadvize-rest skill update",
        "iadvize-rest skill delete",
        "iadvize-rest conversation list",
        "iadvize-rest conversation get",
        "iadvize-rest tag list",
        "iadvize-rest tag get",
        "iadvize-rest tag create",
        "iadvize-rest transaction list",
        "iadvize-rest transaction get",
        "iadvize-rest satisfaction list",
        "iadvize-rest satisfaction get",
        "iadvize-rest statistic get",
        "iadvize-rest visitor list",
        "iadvize-rest visitor get",
        "iadvize-rest visitor create",
        "iadvize-rest visitor update",
        "iadvize-rest visitor delete",
        "iadvize-rest callmeeting list",
        "iadvize-rest odigocallback pickup",
        "iadvize-rest odigocallback hangup",
        "cc-voice calls list",
        "cc-voice calls create",
        "cc-voice calls get",
        "cc-voice calls update",
        "cc-voice calls delete",
        "cc-voice legs list",
        "cc-voice legs get",
        "cc-voice legs update",
        "cc-voice legs delete",
        "cc-voice devices list",
        "cc-voice devices get",
    ];

    #[test]
    fn every_catalog_operation_is_reachable_once() {
        let ops: Vec<String> = operations()
            .iter()
            .map(|o| format!("{} {} {}", o.api, o.resource, o.action))
            .collect();
        for id in CATALOG {
            assert_eq!(ops.iter().filter(|op| op == id).count(), 1, "{id}");
        }
        for op in &ops {
            assert!(CATALOG.contains(&op.as_str()), "{op} is not in the catalog");
        }
    }

    #[test]
    fn the_command_tree_is_valid() {
        crate::cli::command(&operations()).debug_assert();
    }
}
