fn main() { preflight_desktop::run() }
