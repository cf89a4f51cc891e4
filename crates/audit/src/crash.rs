//! One page can never take down a run: a panic anywhere in a page's work is caught here and
//! becomes a `check-crashed` finding on that page, with the message and where it happened.
//!
//! Hosts (the CLI, the desktop app) call [`install_panic_hook`] once: a panic inside a guarded
//! section is then recorded for its finding instead of being printed, and any other panic is
//! reported by the previous hook as usual.

use futures::FutureExt;
use preflight_model::{Area, Finding, Status};
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::Once;
use std::task::{Context, Poll};

thread_local! {
    /// Guarded sections running on this thread (they can nest).
    static GUARDED: Cell<u32> = const { Cell::new(0) };
    /// Where the last guarded panic on this thread happened.
    static LAST_LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the hook that keeps guarded panics quiet (their finding says everything). Calling it
/// again does nothing.
pub fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if GUARDED.with(Cell::get) > 0 {
                let location = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()));
                LAST_LOCATION.with(|last| *last.borrow_mut() = location);
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs `f`; a panic becomes the `check-crashed` finding for `what` ("the pixel check").
pub fn guard<T>(what: &str, f: impl FnOnce() -> T) -> Result<T, Finding> {
    let _section = Section::enter();
    catch_unwind(AssertUnwindSafe(f)).map_err(|panic| crashed(what, panic))
}

/// Runs the future `f`; a panic while it is polled becomes the `check-crashed` finding.
pub async fn guard_async<T>(what: &str, f: impl Future<Output = T>) -> Result<T, Finding> {
    AssertUnwindSafe(Guarded(Box::pin(f)))
        .catch_unwind()
        .await
        .map_err(|panic| crashed(what, panic))
}

/// The finding for a panic caught while doing `what`.
pub fn crashed(what: &str, panic: Box<dyn Any + Send>) -> Finding {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown error".into());
    let location = LAST_LOCATION.with(|last| last.borrow_mut().take());
    let evidence = match location {
        Some(at) => format!("{} (at {at})", preflight_markup::clip(&message, 500)),
        None => preflight_markup::clip(&message, 500),
    };
    Finding::new(
        "check-crashed",
        Area::Page,
        Status::Error,
        format!("Preflight could not finish {what} on this page"),
    )
    .detail("An internal error in Preflight stopped this part of the check on this page only; every other page and check ran. The result for this part is unknown, not a pass.")
    .evidence("Error", evidence)
    .remedy("Audit the page again. If it happens again, send the page's address and this error to Preflight's support: it is a bug in Preflight, not a problem with the site.")
}

/// Marks this thread as inside a guarded section while it lives, even if a panic unwinds.
struct Section;

impl Section {
    fn enter() -> Section {
        GUARDED.with(|g| g.set(g.get() + 1));
        Section
    }
}

impl Drop for Section {
    fn drop(&mut self) {
        GUARDED.with(|g| g.set(g.get().saturating_sub(1)));
    }
}

/// A future whose every poll runs as a guarded section (a task may move between threads).
struct Guarded<F>(Pin<Box<F>>);

impl<F: Future> Future for Guarded<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let _section = Section::enter();
        self.0.as_mut().poll(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_finding_with_its_message_and_place() {
        install_panic_hook();
        let finding = guard("the test check", || -> u32 {
            panic!("byte index 2 is not a char boundary")
        })
        .expect_err("caught");
        assert_eq!(finding.id, "check-crashed");
        let evidence = format!("{:?}", finding.evidence);
        assert!(evidence.contains("not a char boundary"), "{evidence}");
        assert!(evidence.contains("crash.rs"), "{evidence}");
        assert_eq!(guard("ok", || 7).unwrap(), 7);
    }

    #[tokio::test]
    async fn a_panic_in_a_future_becomes_a_finding() {
        install_panic_hook();
        let result = guard_async("the gatherer", async {
            tokio::task::yield_now().await;
            let v: Vec<u8> = Vec::new();
            v[3]
        })
        .await;
        assert_eq!(result.expect_err("caught").id, "check-crashed");
        assert_eq!(guard_async("ok", async { 1 }).await.unwrap(), 1);
    }
}
