//! ziwo-admin, ziwo-cti and ziwo-crm: one module per crate, and what their commands share
//! (the offset listing options).

mod admin;
mod crm;
mod cti;

use ziwo_admin::calls::CallFilter;
use ziwo_core::pages::ListOptions;

use crate::invocation::{Call, Failure};
use crate::spec::{opt, OpSpec, Opt};

pub(super) const ADMIN: &str = "ziwo-admin";
pub(super) const CTI: &str = "ziwo-cti";
pub(super) const CRM: &str = "ziwo-crm";

pub(super) const LIST: [Opt; 4] = [
    opt("limit", "Items per page (at most 50)"),
    opt("skip", "Items to skip"),
    opt("search", "Keyword"),
    opt("order", "Sort field; prefix ~ for descending (~did)"),
];

pub(super) fn list_options(c: &Call) -> Result<ListOptions, Failure> {
    let mut options = ListOptions::new();
    if let Some(limit) = c.parsed::<u32>("limit")? {
        options = options.limit(limit);
    }
    if let Some(skip) = c.parsed::<u64>("skip")? {
        options = options.skip(skip);
    }
    if let Some(search) = c.opt("search") {
        options = options.search(search);
    }
    if let Some(order) = c.opt("order") {
        options = match order.strip_prefix('~') {
            Some(field) => options.order_by_descending(field),
            None => options.order_by(order),
        };
    }
    Ok(options)
}

pub(super) fn call_filter(c: &Call) -> Result<CallFilter, Failure> {
    let mut filter = CallFilter::new();
    if let Some(day) = c.date("from-date")? {
        filter = filter.from_date(day);
    }
    if let Some(day) = c.date("to-date")? {
        filter = filter.to_date(day);
    }
    for agent in c.opts("agents") {
        filter = filter.agent(agent);
    }
    for number in c.opts("numbers") {
        filter = filter.number(number);
    }
    if let Some(number) = c.opt("contact-number") {
        filter = filter.contact_number(number);
    }
    for dataset in c.opts("dataset") {
        filter = filter.dataset(dataset);
    }
    Ok(filter)
}

/// The Ziwo operations.
pub fn operations() -> Vec<OpSpec> {
    let mut ops = admin::operations();
    ops.extend(cti::operations());
    ops.extend(crm::operations());
    ops
}
