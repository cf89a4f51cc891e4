//! A Typst world that lives entirely in memory: one template, the shared building blocks it
//! imports, the data as JSON, an optional logo, and the fonts bundled with Typst. Nothing is read from disk or the network, so the
//! output depends only on the inputs.

use std::collections::HashMap;
use std::sync::LazyLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// Path of the template inside the virtual project.
pub(crate) const MAIN_PATH: &str = "/report.typ";
/// Path of the JSON data the template reads with `json(...)`.
pub(crate) const DATA_PATH: &str = "/data.json";
/// Path of the palette and building blocks both templates import.
pub(crate) const COMMON_PATH: &str = "/common.typ";

const COMMON: &str = include_str!("common.typ");

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

/// Parsed once per process: the bundled fonts take a few milliseconds to index.
static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

pub(crate) struct MemoryWorld {
    main: Source,
    common: Source,
    files: HashMap<FileId, Bytes>,
}

impl MemoryWorld {
    /// A world whose main file is `template`, with extra files at the given absolute paths.
    pub(crate) fn new(template: &str, files: Vec<(&str, Vec<u8>)>) -> Self {
        let main = Source::new(file_id(MAIN_PATH), template.to_string());
        let files = files
            .into_iter()
            .map(|(path, bytes)| (file_id(path), Bytes::new(bytes)))
            .collect();
        let common = Source::new(file_id(COMMON_PATH), COMMON.to_string());
        MemoryWorld {
            main,
            common,
            files,
        }
    }
}

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("internal file paths are valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl World for MemoryWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id == self.common.id() {
            Ok(self.common.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        for source in [&self.main, &self.common] {
            if id == source.id() {
                return Ok(Bytes::from_string(source.text().to_string()));
            }
        }
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_with_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    /// No clock: the templates print the dates they are given, never "today", so a document
    /// renders the same whenever it is exported.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
