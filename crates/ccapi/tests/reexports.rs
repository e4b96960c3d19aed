//! Every provider crate names the transport's types a service needs at its root (`Error`,
//! `RetryPolicy`, `TransportErrorKind`, `Page`, `Listing`, `PageCursor`), so a dependency line
//! on one crate is enough: no `cc_voice::ccapi_transport::...` paths.

use std::any::TypeId;

use ccapi_transport::paginate::{Listing, Page, PageCursor};
use ccapi_transport::{Error, RetryPolicy, TransportErrorKind};
use serde_json::Value;

macro_rules! same_types {
    ($($krate:ident),*) => {
        vec![$((
            stringify!($krate),
            [
                TypeId::of::<$krate::Error>(),
                TypeId::of::<$krate::RetryPolicy>(),
                TypeId::of::<$krate::TransportErrorKind>(),
                TypeId::of::<$krate::Page<Value>>(),
                TypeId::of::<$krate::Listing<Value>>(),
                TypeId::of::<$krate::PageCursor>(),
            ],
        )),*]
    };
}

#[test]
fn each_provider_crate_reexports_the_transport_types_at_its_root() {
    let transport = [
        TypeId::of::<Error>(),
        TypeId::of::<RetryPolicy>(),
        TypeId::of::<TransportErrorKind>(),
        TypeId::of::<Page<Value>>(),
        TypeId::of::<Listing<Value>>(),
        TypeId::of::<PageCursor>(),
    ];
    for (name, types) in same_types!(
        agendize_calls,
        agendize_resellers,
        ziwo_admin,
        ziwo_cti,
        ziwo_crm,
        iadvize_rest,
        cc_voice
    ) {
        assert_eq!(types, transport, "{name}");
    }
}
