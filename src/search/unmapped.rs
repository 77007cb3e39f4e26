//! The build's index folder, read with `pread` instead of memory maps.
//!
//! tantivy's own directory maps the index files, and every page a reader touches stays in the
//! process's resident memory while the map lives. A build reads its new index twice over:
//! the writer's merges read whole segments, and the static bundle reads back every list. At
//! 100,000 reports the maps added up to 230 MB during merges and 450 MB at the end, on top of
//! the archive still loaded: the build's peak. Read into buffers instead, a list's bytes are
//! freed once merged or encoded. The server keeps tantivy's maps: its queries read a few
//! lists, many times.

use std::fs::File;
use std::io;
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback,
    WatchHandle, WritePtr,
};
use tantivy::schema::Schema;
use tantivy::{HasLen, Index, IndexSettings};

/// Creates an index in `dir` (an empty folder) whose files are read through [`Unmapped`]:
/// its writer's merges and the bundle's pass read them into buffers.
pub(super) fn create(dir: &Path, schema: Schema) -> Result<Index, tantivy::TantivyError> {
    Index::create(Unmapped::open(dir)?, schema, IndexSettings::default())
}

/// A directory whose files are read with `pread`; everything else is tantivy's own
/// directory's (writing, deleting, watching).
#[derive(Clone, Debug)]
pub(super) struct Unmapped {
    root: PathBuf,
    inner: MmapDirectory,
}

impl Unmapped {
    fn open(dir: &Path) -> Result<Unmapped, OpenDirectoryError> {
        Ok(Unmapped {
            root: dir.to_path_buf(),
            inner: MmapDirectory::open(dir)?,
        })
    }
}

/// One file, read a range at a time.
#[derive(Debug)]
struct ReadFile {
    file: File,
    len: usize,
}

impl HasLen for ReadFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for ReadFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        if range.end > self.len || range.start > range.end {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("range {range:?} outside a file of {} bytes", self.len),
            ));
        }
        let mut buf = vec![0u8; range.len()];
        self.file.read_exact_at(&mut buf, range.start as u64)?;
        Ok(OwnedBytes::new(buf))
    }
}

impl Directory for Unmapped {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let full = self.root.join(path);
        let io_error = |e: io::Error| {
            if e.kind() == io::ErrorKind::NotFound {
                OpenReadError::FileDoesNotExist(path.to_path_buf())
            } else {
                OpenReadError::wrap_io_error(e, path.to_path_buf())
            }
        };
        let file = File::open(&full).map_err(io_error)?;
        let len = file.metadata().map_err(io_error)?.len() as usize;
        Ok(Arc::new(ReadFile { file, len }))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::Count;
    use tantivy::query::TermQuery;
    use tantivy::schema::{IndexRecordOption, STRING, Schema};
    use tantivy::{Term, doc};

    /// An index written, merged and read through `pread` finds what the same folder read
    /// through tantivy's maps finds.
    #[test]
    fn reads_what_the_mapped_index_reads() {
        let dir = tempfile::tempdir().unwrap();
        let mut b = Schema::builder();
        let word = b.add_text_field("word", STRING);
        let index = create(dir.path(), b.build()).unwrap();
        let mut w: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for i in 0..500 {
            w.add_document(doc!(word => format!("w{}", i % 7))).unwrap();
            if i % 200 == 199 {
                w.commit().unwrap();
            }
        }
        w.commit().unwrap();
        let segments = index.searchable_segment_ids().unwrap();
        assert_eq!(segments.len(), 3);
        w.merge(&segments).wait().unwrap();
        w.wait_merging_threads().unwrap();
        assert_eq!(index.searchable_segment_ids().unwrap().len(), 1);
        let count = |index: &Index, t: &str| {
            let q = TermQuery::new(Term::from_field_text(word, t), IndexRecordOption::Basic);
            index
                .reader()
                .unwrap()
                .searcher()
                .search(&q, &Count)
                .unwrap()
        };
        let mapped = Index::open_in_dir(dir.path()).unwrap();
        for t in ["w0", "w3", "w6", "none"] {
            assert_eq!(count(&index, t), count(&mapped, t), "{t}");
        }
        assert_eq!(count(&index, "w3"), 71);
        let handle = Unmapped::open(dir.path())
            .unwrap()
            .get_file_handle(Path::new("meta.json"))
            .unwrap();
        assert!(handle.read_bytes(0..handle.len() + 1).is_err());
        assert_eq!(handle.read_bytes(3..3).unwrap().len(), 0);
    }
}
