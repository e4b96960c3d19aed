//! The implementations, one module per provider family.

pub mod agendize;
pub mod iadvize;
pub mod vbc;
pub mod ziwo;
