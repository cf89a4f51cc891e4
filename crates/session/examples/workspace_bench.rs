//! Timings of what a person waits for when a database holds an agency's work, on a local file or
//! a team workspace (see scripts/bench-workspace.sh, which starts the server and makes the
//! sample audit):
//!
//!   workspace_bench seed   DB SAMPLE.json CLIENTS AUDITS_PER_CLIENT BIG_CLIENT_AUDITS
//!   workspace_bench time   DB REPEAT        the Overview, and opening the biggest client
//!   workspace_bench stream DB SAMPLE.json PAGES   one audit of PAGES pages saved page by page
//!
//! DB is a file path or a postgres:// address. SAMPLE.json is an audit as `preflight check
//! --format json` prints it; its pages are reused with other URLs.

use preflight_document::report::{AuditReport, PageReport, RunStatus};
use preflight_store::Store;
use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str).unwrap_or_else(|| usage());
    let number = |i: usize| arg(i).parse::<usize>().unwrap_or_else(|_| usage());
    let mut store = preflight_session::open_store(Path::new(arg(1))).expect("open the database");
    match arg(0) {
        "seed" => seed(&mut store, &sample(arg(2)), number(3), number(4), number(5)),
        "time" => time(&store, number(2)),
        "stream" => stream(&mut store, &sample(arg(2)), number(3)),
        _ => usage(),
    }
}

fn usage() -> ! {
    eprintln!("usage: workspace_bench seed DB SAMPLE.json CLIENTS AUDITS BIG_AUDITS | time DB REPEAT | stream DB SAMPLE.json PAGES");
    std::process::exit(2)
}

fn sample(path: &str) -> AuditReport {
    let text = std::fs::read_to_string(path).expect("read the sample audit");
    serde_json::from_str(&text).expect("a sample audit as preflight check prints it")
}

/// The sample's `i`-th page under another URL, as a run saves it (without its bodies).
fn page(sample: &AuditReport, client: usize, i: usize) -> PageReport {
    let mut page = sample.pages[i % sample.pages.len()]
        .clone()
        .without_bodies();
    page.url = format!("https://client-{client}.example/landing/{i}");
    page
}

fn audit(sample: &AuditReport, client: usize, pages: usize) -> AuditReport {
    let mut report = sample.clone();
    report.status = RunStatus::Complete;
    report.planned_pages = Some(pages as u32);
    report.pages = (0..pages).map(|i| page(sample, client, i)).collect();
    report.journeys.clear();
    report
}

fn seed(store: &mut Store, sample: &AuditReport, clients: usize, audits: usize, big: usize) {
    let started = Instant::now();
    let pages = sample.pages.len();
    for c in 0..clients {
        let client = store
            .find_or_create_client(&format!("Client {c:04}"))
            .unwrap();
        for _ in 0..audits {
            store
                .save_report(Some(client.id), &audit(sample, c, pages))
                .unwrap();
        }
    }
    let biggest = store.find_or_create_client("Biggest client").unwrap();
    for _ in 0..big {
        store
            .save_report(Some(biggest.id), &audit(sample, clients, pages))
            .unwrap();
    }
    println!(
        "seeded {clients} clients x {audits} audits + 1 client x {big} audits, {pages} pages each, in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

fn time(store: &Store, repeat: usize) {
    let biggest = store
        .client_by_name("Biggest client")
        .unwrap()
        .expect("seeded first");
    let overview = measure(repeat, || {
        preflight_session::client_statuses(store).unwrap().len()
    });
    let open_client = measure(repeat, || {
        preflight_session::client_status(store, biggest.id).unwrap();
        store.list_pages(biggest.id).unwrap();
        preflight_session::list_audits(store, Some(biggest.id))
            .unwrap()
            .len()
    });
    println!(
        "overview: {} clients, median {:.0} ms, slowest {:.0} ms",
        overview.0,
        ms(overview.1),
        ms(overview.2)
    );
    println!(
        "open client: {} audits, median {:.0} ms, slowest {:.0} ms",
        open_client.0,
        ms(open_client.1),
        ms(open_client.2)
    );
}

/// Runs `work` `repeat` times after one warm-up: what it returned, the median and the slowest.
fn measure(repeat: usize, mut work: impl FnMut() -> usize) -> (usize, Duration, Duration) {
    let n = work();
    let mut times: Vec<Duration> = (0..repeat.max(1))
        .map(|_| {
            let t = Instant::now();
            work();
            t.elapsed()
        })
        .collect();
    times.sort();
    (n, times[times.len() / 2], *times.last().unwrap())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Saves one audit of `pages` pages the way a live run does, page by page, never holding them.
fn stream(store: &mut Store, sample: &AuditReport, pages: usize) {
    let started = Instant::now();
    let header = audit(sample, 0, 0);
    let run = store.begin_run(None, &header, pages).unwrap();
    for i in 0..pages {
        store.save_page(run, i, &page(sample, 0, i)).unwrap();
    }
    store
        .finish_run(
            run,
            RunStatus::Complete,
            &preflight_session::now(),
            &header.summary,
        )
        .unwrap();
    println!(
        "streamed {pages} pages in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
