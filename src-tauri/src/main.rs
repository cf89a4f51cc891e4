// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // The operating system's scheduler runs the app as `monitor run --db FILE`: no window.
    if let Some(code) = preflight_desktop::run_headless_if_asked() {
        std::process::exit(code);
    }
    preflight_desktop::run()
}
