//! Shared by the layout tests of every PDF: word boxes read back from poppler and a client's
//! audit with long addresses and the same problems on many pages.
#![allow(dead_code)]

pub mod client;
pub mod overlap;
