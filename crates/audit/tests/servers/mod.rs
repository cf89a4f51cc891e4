//! Real web servers started on 127.0.0.1 for one test: nginx, Apache and HAProxy from the
//! system's packages (Debian: apt install nginx apache2 haproxy; the README's test command
//! installs them), each with its own configuration and files in a temporary folder.

#![allow(dead_code)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A server process; stopped (SIGTERM, then SIGKILL) when dropped.
pub struct ServerProcess {
    child: Child,
    pub port: u16,
    pub dir: tempfile::TempDir,
}

impl ServerProcess {
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        // SIGTERM lets a master process stop its workers; SIGKILL would orphan them.
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A landing page long enough for the text comparison.
pub const PAGE: &str = "<!doctype html><html><head><title>Trail shoes | Acme</title></head><body><h1>Trail shoes</h1>\
     <p>Grippy, light and waterproof trail shoes for long days in the hills, now with free delivery \
     and free returns for thirty days on every order placed this month.</p></body></html>";

/// A temporary folder the servers' workers can read (they drop privileges when run as root).
pub fn site_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

/// Writes `contents` at `root/relative`, creating readable folders on the way.
pub fn write(root: &Path, relative: &str, contents: &str) {
    let path = root.join(relative);
    let mut dir = path.parent().unwrap().to_path_buf();
    std::fs::create_dir_all(&dir).unwrap();
    while dir.starts_with(root) {
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        if !dir.pop() {
            break;
        }
    }
    std::fs::write(&path, contents).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn binary(name: &str, candidates: &[&str]) -> PathBuf {
    candidates
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
        .unwrap_or_else(|| {
            panic!("{name} is needed for this test (Debian: apt install {name}); the README's test command installs it")
        })
}

fn spawn(mut command: Command, dir: tempfile::TempDir, port: u16, log: &str) -> ServerProcess {
    let stderr = std::fs::File::create(dir.path().join("stderr.log")).unwrap();
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .expect("start the server");
    let mut server = ServerProcess { child, port, dir };
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline || matches!(server.child.try_wait(), Ok(Some(_))) {
            let read = |f: &str| std::fs::read_to_string(server.dir.path().join(f));
            panic!(
                "the server did not start: {} {}",
                read(log).unwrap_or_default(),
                read("stderr.log").unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    // A server that could not bind its port exits at once; another process may be answering.
    std::thread::sleep(Duration::from_millis(100));
    if let Ok(Some(status)) = server.child.try_wait() {
        panic!(
            "the server stopped right after starting ({status}): {}",
            std::fs::read_to_string(server.dir.path().join(log)).unwrap_or_default()
        );
    }
    server
}

/// Held from choosing a port until the server listens on it, so two servers started by
/// parallel tests never pick the same one.
fn port_lock() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// nginx with `server_body` inside its `server { … }` block (root is `dir/www`).
pub fn nginx(dir: tempfile::TempDir, server_body: &str) -> ServerProcess {
    let _lock = port_lock();
    let port = free_port();
    let root = dir.path().to_path_buf();
    let p = root.display();
    let conf = format!(
        r#"
worker_processes 1;
pid {p}/nginx.pid;
error_log {p}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log {p}/access.log;
    client_body_temp_path {p}/body;
    proxy_temp_path {p}/proxy;
    fastcgi_temp_path {p}/fastcgi;
    uwsgi_temp_path {p}/uwsgi;
    scgi_temp_path {p}/scgi;
    default_type text/html;
    server {{
        listen 127.0.0.1:{port};
        root {p}/www;
        {server_body}
    }}
}}
"#
    );
    std::fs::write(root.join("nginx.conf"), conf).unwrap();
    let mut command = Command::new(binary(
        "nginx",
        &[
            "/usr/sbin/nginx",
            "/usr/local/sbin/nginx",
            "/usr/local/bin/nginx",
            "/opt/homebrew/bin/nginx",
        ],
    ));
    command.args([
        "-p",
        &p.to_string(),
        "-c",
        &root.join("nginx.conf").display().to_string(),
        "-e",
        &root.join("error.log").display().to_string(),
        "-g",
        "daemon off;",
    ]);
    spawn(command, dir, port, "error.log")
}

/// Apache httpd serving `dir/www` with `.htaccess` files honoured.
pub fn apache(dir: tempfile::TempDir) -> ServerProcess {
    let _lock = port_lock();
    let port = free_port();
    let root = dir.path().to_path_buf();
    let p = root.display();
    let modules = [
        "/usr/lib/apache2/modules",
        "/usr/libexec/apache2",
        "/usr/lib/httpd/modules",
    ]
    .into_iter()
    .find(|d| Path::new(d).join("mod_rewrite.so").exists())
    .unwrap_or("/usr/lib/apache2/modules");
    let load = |name: &str, file: &str| {
        let path = Path::new(modules).join(file);
        if path.exists() {
            format!("LoadModule {name} {}\n", path.display())
        } else {
            String::new()
        }
    };
    let conf = format!(
        r#"ServerRoot "{p}"
ServerName 127.0.0.1
DefaultRuntimeDir "{p}"
PidFile "{p}/apache.pid"
Mutex file:{p} default
Listen 127.0.0.1:{port}
{mpm}{authz}{rewrite}{dir_module}{mime}ErrorLog "{p}/error.log"
LogLevel warn
DocumentRoot "{p}/www"
DirectoryIndex index.html
TypesConfig /dev/null
AddType text/html .html
<Directory "{p}/www">
    AllowOverride All
    Require all granted
</Directory>
"#,
        mpm = load("mpm_event_module", "mod_mpm_event.so"),
        authz = load("authz_core_module", "mod_authz_core.so"),
        rewrite = load("rewrite_module", "mod_rewrite.so"),
        dir_module = load("dir_module", "mod_dir.so"),
        mime = load("mime_module", "mod_mime.so"),
    );
    std::fs::write(root.join("httpd.conf"), conf).unwrap();
    let mut command = Command::new(binary(
        "apache2",
        &[
            "/usr/sbin/apache2",
            "/usr/sbin/httpd",
            "/usr/local/bin/httpd",
            "/opt/homebrew/bin/httpd",
        ],
    ));
    command.args([
        "-f",
        &root.join("httpd.conf").display().to_string(),
        "-DFOREGROUND",
    ]);
    spawn(command, dir, port, "error.log")
}

/// HAProxy with `frontend_body` inside its one frontend; pages are answered by HAProxy itself.
pub fn haproxy(dir: tempfile::TempDir, frontend_body: &str) -> ServerProcess {
    let _lock = port_lock();
    let port = free_port();
    let root = dir.path().to_path_buf();
    let conf = format!(
        r#"global
    maxconn 64
defaults
    mode http
    timeout connect 5s
    timeout client 5s
    timeout server 5s
frontend web
    bind 127.0.0.1:{port}
{frontend_body}
"#
    );
    std::fs::write(root.join("haproxy.cfg"), conf).unwrap();
    let mut command = Command::new(binary(
        "haproxy",
        &[
            "/usr/sbin/haproxy",
            "/usr/local/sbin/haproxy",
            "/opt/homebrew/bin/haproxy",
        ],
    ));
    command.args(["-db", "-f", &root.join("haproxy.cfg").display().to_string()]);
    spawn(command, dir, port, "stderr.log")
}
