//! Running `preflight check` against the hostile server as a black box: the child's exit status,
//! its standard output, when each page's progress line appeared on standard error, its wall
//! time and its peak memory (from `wait4`), and a ceiling after which it is killed so no test
//! can hang.

use preflight_fixtures::hostile::{Behaviour, HostileServer};
use serde_json::Value;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A page that cannot be loaded must be reported within this long (the engine's per-page
/// deadline).
pub const DEAD_PAGE_LIMIT: Duration = Duration::from_secs(25);
/// Added to [`DEAD_PAGE_LIMIT`] when it is measured from the outside: starting the process and
/// a busy two-core machine.
pub const START_ALLOWANCE: Duration = Duration::from_secs(3);
/// Peak resident memory allowed to one `preflight check` run.
pub const MAX_RSS_BYTES: u64 = 600 * 1024 * 1024;
/// A page's JSON in the report, at most (scraped text is capped). The largest part allowed is
/// the robots.txt kept with each page so it can be re-scored: the 500 KiB RFC 9309 asks a
/// crawler to read, which JSON writes up to six times longer when it is control bytes.
pub const MAX_PAGE_JSON_BYTES: usize = 4 * 1024 * 1024;

/// What one run of the binary did.
pub struct Run {
    pub args: Vec<String>,
    /// The exit code, when it exited.
    pub code: Option<i32>,
    /// The signal that ended it, when one did.
    pub signal: Option<i32>,
    /// It ran past its ceiling and was killed.
    pub killed: bool,
    pub stdout: Vec<u8>,
    pub stderr: String,
    pub wall: Duration,
    pub max_rss_bytes: u64,
    /// When each page's progress line appeared, by URL, counted from the start.
    pub finished: HashMap<String, Duration>,
}

/// Runs `preflight` with `args`, killing it after `ceiling`.
pub fn run_preflight(args: &[String], ceiling: Duration) -> Run {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_preflight"))
        .args(args)
        .env_remove("PREFLIGHT_DB")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start preflight");
    let pid = child.id() as libc::pid_t;
    let mut stdout = child.stdout.take().expect("piped stdout");
    let stderr = child.stderr.take().expect("piped stderr");
    let out_reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stdout.read_to_end(&mut out);
        out
    });
    let err_reader = std::thread::spawn(move || {
        let mut lines = Vec::new();
        for line in BufReader::new(stderr).split(b'\n') {
            let Ok(line) = line else { break };
            lines.push((
                started.elapsed(),
                String::from_utf8_lossy(&line).into_owned(),
            ));
        }
        lines
    });

    // Reap it ourselves to get its resource usage; kill it once past the ceiling.
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data; all zeros is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let mut killed = false;
    loop {
        // SAFETY: `pid` is our own child, not reaped yet; the pointers are valid locals.
        let reaped = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if reaped == pid {
            break;
        }
        if reaped < 0 && std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
            panic!("wait4 failed: {}", std::io::Error::last_os_error());
        }
        if !killed && started.elapsed() > ceiling {
            // SAFETY: the child has not been reaped, so `pid` is still ours.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            killed = true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let wall = started.elapsed();
    drop(child);
    let stdout = out_reader.join().expect("stdout reader");
    let lines = err_reader.join().expect("stderr reader");
    let mut finished = HashMap::new();
    for (at, line) in &lines {
        // "[3/12] ✗ Unreachable              http://127.66.0.4:41234/"
        if line.starts_with('[') && line.contains("] ") {
            if let Some(url) = line.split_whitespace().last() {
                finished.entry(url.to_string()).or_insert(*at);
            }
        }
    }
    let (code, signal) = if libc::WIFEXITED(status) {
        (Some(libc::WEXITSTATUS(status)), None)
    } else if libc::WIFSIGNALED(status) {
        (None, Some(libc::WTERMSIG(status)))
    } else {
        (None, None)
    };
    Run {
        args: args.to_vec(),
        code,
        signal,
        killed,
        stdout,
        stderr: lines
            .into_iter()
            .map(|(_, l)| l)
            .collect::<Vec<_>>()
            .join("\n"),
        wall,
        // Linux reports kibibytes.
        max_rss_bytes: usage.ru_maxrss.max(0) as u64 * 1024,
        finished,
    }
}

impl Run {
    /// The last lines of standard error, for failure messages.
    pub fn stderr_tail(&self) -> String {
        let lines: Vec<String> = self.stderr.lines().map(|l| short(l, 200)).collect();
        let from = lines.len().saturating_sub(40);
        lines[from..].join("\n")
    }

    /// The command line, with long arguments shortened.
    pub fn command(&self) -> String {
        let args: Vec<String> = self.args.iter().map(|a| short(a, 100)).collect();
        format!("preflight {}", args.join(" "))
    }

    /// How the process ended, in words.
    pub fn ending(&self) -> String {
        match (self.code, self.signal, self.killed) {
            (_, _, true) => format!("killed after {:.0?} (over its ceiling)", self.wall),
            (Some(code), _, _) => format!("exit code {code} after {:.1?}", self.wall),
            (_, Some(signal), _) => format!("signal {signal} after {:.1?}", self.wall),
            _ => "ended in an unknown way".into(),
        }
    }
}

/// What a page of a run must show.
#[derive(Clone, Copy)]
pub struct Expect {
    pub behaviour: Behaviour,
    /// Accepted verdicts (the JSON names); more than one only where the right answer is
    /// genuinely open.
    pub verdicts: &'static [&'static str],
    /// The page must be reported within [`DEAD_PAGE_LIMIT`] (plus [`START_ALLOWANCE`]), or
    /// within this other limit.
    pub within: Option<Duration>,
}

/// Shorthand for an expectation without a time limit of its own.
pub const fn page(behaviour: Behaviour, verdicts: &'static [&'static str]) -> Expect {
    Expect {
        behaviour,
        verdicts,
        within: None,
    }
}

/// Shorthand for a page that must be reported within [`DEAD_PAGE_LIMIT`].
pub const fn dead(behaviour: Behaviour, verdicts: &'static [&'static str]) -> Expect {
    Expect {
        behaviour,
        verdicts,
        within: Some(DEAD_PAGE_LIMIT),
    }
}

/// A finished check run with its report, and the problems found so far.
pub struct Checked {
    pub run: Run,
    pub report: Option<Value>,
    pub problems: Vec<String>,
    pub urls: HashMap<Behaviour, String>,
}

/// Serves `expect`'s behaviours (and the ordinary page, always included), checks them all in
/// one `preflight check --format json --concurrency 64` run and checks what holds for every
/// run: the exit status, the report, every page present once, the wall time, the memory, and
/// for each page its verdict, its time limit and its size.
pub fn check_behaviours(expect: &[Expect], ceiling: Duration, extra_args: &[&str]) -> Checked {
    let mut all: Vec<Expect> = expect.to_vec();
    if !all.iter().any(|e| e.behaviour == Behaviour::Normal) {
        all.push(page(Behaviour::Normal, &["reachable"]));
    }
    let behaviours: Vec<Behaviour> = all.iter().map(|e| e.behaviour).collect();
    let server = HostileServer::start(&behaviours);
    let urls: HashMap<Behaviour, String> = server.urls().into_iter().collect();
    let mut args: Vec<String> = ["check", "--format", "json", "--concurrency", "64"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    args.extend(extra_args.iter().map(|s| s.to_string()));
    args.extend(behaviours.iter().map(|b| urls[b].clone()));
    let run = run_preflight(&args, ceiling);
    drop(server);

    let mut problems = Vec::new();
    let mut problem = |text: String| problems.push(text);
    match (run.code, run.signal) {
        (Some(0 | 1), _) if !run.killed => {}
        _ => problem(format!(
            "the run must exit with 0 or 1, it ended with {}",
            run.ending()
        )),
    }
    if run.stderr.contains("panicked") {
        problem("standard error shows a panic".into());
    }
    if run.wall > ceiling {
        problem(format!(
            "the run took {:.1?}, over its ceiling of {ceiling:?}",
            run.wall
        ));
    }
    if run.max_rss_bytes > MAX_RSS_BYTES {
        problem(format!(
            "peak memory {} MiB, over {} MiB",
            run.max_rss_bytes >> 20,
            MAX_RSS_BYTES >> 20
        ));
    }
    let report: Option<Value> = serde_json::from_slice(&run.stdout).ok();
    match &report {
        None => problem(format!(
            "standard output is not a JSON report ({} bytes)",
            run.stdout.len()
        )),
        Some(report) => {
            if report["status"] != "complete" {
                problem(format!(
                    "the run's status is {}, not complete",
                    report["status"]
                ));
            }
            let pages = report["pages"].as_array().map(Vec::len).unwrap_or(0);
            if pages != all.len() || report["summary"]["pages"] != all.len() {
                problem(format!(
                    "the report has {pages} pages (summary: {}), {} were given",
                    report["summary"]["pages"],
                    all.len()
                ));
            }
        }
    }
    for e in &all {
        let url = &urls[&e.behaviour];
        check_page(e, url, &run, report.as_ref(), &mut problem);
    }
    Checked {
        run,
        report,
        problems,
        urls,
    }
}

/// Checks each behaviour in a process of its own (next to the ordinary page), all processes at
/// once, so memory and crashes are pinned on one behaviour without running them one by one.
pub fn check_each_alone(expect: &[Expect], ceiling: Duration) -> Vec<Checked> {
    std::thread::scope(|scope| {
        let runs: Vec<_> = expect
            .iter()
            .map(|e| scope.spawn(move || check_behaviours(&[*e], ceiling, &[])))
            .collect();
        runs.into_iter()
            .map(|r| r.join().expect("a run's thread"))
            .collect()
    })
}

/// Fails the test with the problems of all these runs.
pub fn assert_all_ok(checked: &[Checked]) {
    let verbose = std::env::var_os("HOSTILE_VERBOSE").is_some();
    let mut failed = Vec::new();
    for c in checked {
        if !c.problems.is_empty() {
            failed.push(c.summary());
        } else if verbose {
            eprintln!("{}", c.summary());
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}

fn check_page(
    e: &Expect,
    url: &str,
    run: &Run,
    report: Option<&Value>,
    problem: &mut impl FnMut(String),
) {
    let name = e.behaviour.name();
    let limit = e.within.map(|w| w + START_ALLOWANCE);
    match (run.finished.get(url), limit) {
        (Some(at), Some(limit)) if *at > limit => problem(format!(
            "{name}: reported after {at:.1?}, over its limit of {limit:?}"
        )),
        (None, _) => problem(format!("{name}: no progress line for {url}")),
        _ => {}
    }
    let Some(report) = report else { return };
    let found: Vec<&Value> = report["pages"]
        .as_array()
        .map(|pages| pages.iter().filter(|p| p["url"] == url).collect())
        .unwrap_or_default();
    let [page] = found.as_slice() else {
        problem(format!(
            "{name}: {} pages for {url} in the report, expected one",
            found.len()
        ));
        return;
    };
    let verdict = page["verdict"].as_str().unwrap_or("(none)");
    if !e.verdicts.contains(&verdict) {
        problem(format!(
            "{name}: verdict {verdict}, expected {} — reason: {}; bot fetch: {}",
            e.verdicts.join(" or "),
            page["verdict_reason"],
            describe_fetch(page)
        ));
    }
    let size = page.to_string().len();
    if size > MAX_PAGE_JSON_BYTES {
        problem(format!(
            "{name}: the page's JSON is {size} bytes, over {MAX_PAGE_JSON_BYTES}"
        ));
    }
    if let Some(crash) = page["findings"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["id"] == "check-crashed"))
    {
        problem(format!(
            "{name}: a check crashed: {} {}",
            crash["title"], crash["evidence"]
        ));
    }
}

/// At most `max` characters of `text`.
pub fn short(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// The OAI-AdsBot fetch of a page in a few words, for failure messages.
pub fn describe_fetch(page: &Value) -> String {
    let Some(fetch) = page["fetches"].as_array().and_then(|f| f.first()) else {
        return "no fetch".into();
    };
    let error: String = fetch["error"].to_string().chars().take(300).collect();
    format!(
        "status {} error {} after {} ms, {} bytes",
        fetch["status"], error, fetch["total_ms"], fetch["body_bytes"]
    )
}

impl Checked {
    /// The report's page for a behaviour.
    pub fn page(&self, behaviour: Behaviour) -> Option<&Value> {
        let url = self.urls.get(&behaviour)?;
        self.report.as_ref()?["pages"]
            .as_array()?
            .iter()
            .find(|p| &p["url"] == url)
    }

    /// The problems found, how the run ended, when each page was reported, the command and
    /// the end of what it printed.
    pub fn summary(&self) -> String {
        let mut times: Vec<(Behaviour, Duration)> = self
            .urls
            .iter()
            .filter_map(|(b, u)| self.run.finished.get(u).map(|t| (*b, *t)))
            .collect();
        times.sort_by_key(|(_, t)| *t);
        let times: Vec<String> = times
            .iter()
            .map(|(b, t)| {
                let verdict = self
                    .page(*b)
                    .and_then(|p| p["verdict"].as_str())
                    .unwrap_or("?");
                format!("{b} {verdict} {t:.1?}")
            })
            .collect();
        format!(
            "{} problem(s):\n  {}\nrun: {} (peak memory {} MiB)\npages (verdict, reported at): {}\ncommand: {}\nstderr (end):\n{}",
            self.problems.len(),
            self.problems.join("\n  "),
            self.run.ending(),
            self.run.max_rss_bytes >> 20,
            times.join(", "),
            self.run.command(),
            self.run.stderr_tail()
        )
    }

    /// Fails the test with every problem found, and what the run printed. With
    /// `HOSTILE_VERBOSE` set, the summary is printed even when all is well.
    pub fn assert_ok(&self) {
        assert_all_ok(std::slice::from_ref(self));
    }
}
