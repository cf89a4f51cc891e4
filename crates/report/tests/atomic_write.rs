//! Saving exports: all or nothing, with clear errors.

use preflight_report::write_atomically;
use std::fs;
use std::path::Path;

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn writes_and_replaces_whole_files_without_leftovers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.csv");
    write_atomically(&path, b"first").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"first");
    write_atomically(&path, b"second, longer").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"second, longer");
    assert_eq!(entries(dir.path()), ["report.csv"]);
}

#[cfg(unix)]
#[test]
fn new_files_get_ordinary_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    write_atomically(&path, b"%PDF").unwrap();
    let plain = dir.path().join("plain.pdf");
    fs::write(&plain, b"%PDF").unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    // The same permissions as any other file saved there (umask applied), not 0600.
    assert_eq!(mode(&path), mode(&plain));
}

#[test]
fn missing_folder_is_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder").join("report.pdf");
    let error = write_atomically(&path, b"x").unwrap_err();
    assert_eq!(error.code(), "not_found");
    assert!(error.to_string().contains("does not exist"), "{error}");
    assert_eq!(entries(dir.path()), Vec::<String>::new());
}

#[test]
fn a_folder_is_not_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("exports");
    fs::create_dir(&folder).unwrap();
    let error = write_atomically(&folder, b"x").unwrap_err();
    assert_eq!(error.code(), "invalid_path");
    assert!(error.to_string().contains("is a folder"), "{error}");
    assert_eq!(entries(&folder), Vec::<String>::new());
    assert_eq!(entries(dir.path()), ["exports"]);

    let trailing = format!("{}/", dir.path().join("new").display());
    let error = write_atomically(Path::new(&trailing), b"x").unwrap_err();
    assert_eq!(error.code(), "invalid_path");
    assert_eq!(
        write_atomically(Path::new(""), b"x").unwrap_err().code(),
        "invalid_path"
    );
}

#[test]
fn a_file_in_place_of_the_folder_is_invalid() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plain-file");
    fs::write(&file, b"keep").unwrap();
    let error = write_atomically(&file.join("report.pdf"), b"x").unwrap_err();
    assert_eq!(error.code(), "invalid_path");
    assert_eq!(fs::read(&file).unwrap(), b"keep");
}

#[cfg(unix)]
#[test]
fn read_only_folder_is_reported_and_left_clean() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::write(locked.join("report.pdf"), b"old").unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();

    // Permissions do not bind a superuser: then there is nothing to observe here.
    let probe = locked.join(".probe");
    let enforced = fs::write(&probe, b"").is_err();
    let _ = fs::remove_file(&probe);

    let result = write_atomically(&locked.join("report.pdf"), b"new");
    if enforced {
        let error = result.unwrap_err();
        assert_eq!(error.code(), "read_only");
        assert!(error.to_string().contains("read-only"), "{error}");
        assert_eq!(fs::read(locked.join("report.pdf")).unwrap(), b"old");
        assert_eq!(entries(&locked), ["report.pdf"]);
    } else {
        result.unwrap();
    }
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
}
