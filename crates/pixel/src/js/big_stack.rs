//! Threads with a large stack for the JavaScript parser, kept for reuse: starting a thread
//! and mapping its stack for every page cost more than analysing a typical page's scripts.
//!
//! A job goes to an idle thread when there is one and to a new thread otherwise, so a slow
//! (hostile) page never makes another page wait. After a job a thread waits for the next one
//! unless [`MAX_IDLE`] threads already wait, in which case it ends.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{channel, sync_channel, Sender};
use std::sync::Mutex;

/// Stack of each thread: generous, because the parser recurses once per nesting level and
/// hostile nesting that slips past the pre-check must not overflow it.
pub(super) const STACK_BYTES: usize = 256 * 1024 * 1024;

/// Idle threads kept waiting; more than this end after their job.
const MAX_IDLE: usize = 8;

type Job = Box<dyn FnOnce() + Send>;

/// Where idle threads take their next job.
static IDLE: Mutex<Vec<Sender<Job>>> = Mutex::new(Vec::new());

/// Runs `work` on a big-stack thread and waits for it. `None` when no thread could be started
/// or `work` panicked.
pub(super) fn run<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let (done, result) = sync_channel(1);
    let mut job: Job = Box::new(move || {
        let _ = done.send(catch_unwind(AssertUnwindSafe(work)));
    });
    loop {
        let idle = IDLE.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let Some(worker) = idle else {
            start(job).ok()?;
            break;
        };
        // A thread in the list only ends by being dropped with its queue (never while
        // listed), so a failed send just means trying the next one.
        match worker.send(job) {
            Ok(()) => break,
            Err(returned) => job = returned.0,
        }
    }
    result.recv().ok()?.ok()
}

fn start(first: Job) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("pixel-js".into())
        .stack_size(STACK_BYTES)
        .spawn(move || {
            let (queue, jobs) = channel::<Job>();
            first();
            loop {
                {
                    let mut idle = IDLE.lock().unwrap_or_else(|p| p.into_inner());
                    if idle.len() >= MAX_IDLE {
                        return;
                    }
                    idle.push(queue.clone());
                }
                match jobs.recv() {
                    Ok(job) => job(),
                    Err(_) => return,
                }
            }
        })
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_are_reused_and_a_panic_is_contained() {
        let first = run(|| std::thread::current().id()).expect("ran");
        let again = run(|| std::thread::current().id()).expect("ran");
        // Other tests may use the pool meanwhile; a reused thread is the usual case, not a must.
        let _ = (first, again);
        assert_eq!(run(|| -> u8 { panic!("hostile") }), None);
        assert_eq!(run(|| 7), Some(7));
    }

    #[test]
    fn a_slow_job_does_not_hold_up_another() {
        let slow = std::thread::spawn(|| {
            run(|| std::thread::sleep(std::time::Duration::from_millis(400)))
        });
        std::thread::sleep(std::time::Duration::from_millis(50));
        let started = std::time::Instant::now();
        assert_eq!(run(|| 1), Some(1));
        assert!(started.elapsed() < std::time::Duration::from_millis(300));
        slow.join().expect("slow job").expect("ran");
    }

    #[test]
    fn deep_recursion_fits_the_stack() {
        fn depth(n: u32) -> u32 {
            let pad = std::hint::black_box([0u8; 512]);
            if n == 0 {
                u32::from(pad[0])
            } else {
                depth(n - 1) + 1
            }
        }
        // About 20 MB of frames: far beyond an ordinary thread's 2 MB stack.
        assert_eq!(run(|| depth(40_000)), Some(40_000));
    }
}
