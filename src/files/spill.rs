//! The audit's spill (`audit::Auditor`): an anonymous temporary file that holds what the
//! report writes of each plan (its section, its JSON object) and each
//! plan's bookings, from the moment the plan is linted until the report is
//! written. The report lists plans worst first, which is known only once
//! every plan is linted, so their parts cannot go straight to the output;
//! kept in memory they made the audit grow by about 9 KB per plan.
//!
//! The file is created in the temporary directory (`TMPDIR`) already
//! unlinked where the system allows it, so nothing is left behind even when
//! planlint is killed.

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};

/// Where one part is in the spill.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stored {
    offset: u64,
    length: u32,
}

impl Stored {
    pub fn is_empty(self) -> bool {
        self.length == 0
    }

    pub fn len(self) -> usize {
        self.length as usize
    }
}

/// The spill while plans are added: appends only.
pub struct Spill {
    file: BufWriter<File>,
    written: u64,
}

impl Spill {
    pub fn new() -> io::Result<Spill> {
        Ok(Spill {
            file: BufWriter::with_capacity(64 * 1024, tempfile::tempfile()?),
            written: 0,
        })
    }

    /// Appends a part; an empty part takes no room.
    pub fn append(&mut self, part: &[u8]) -> io::Result<Stored> {
        if part.is_empty() {
            return Ok(Stored::default());
        }
        let length = u32::try_from(part.len())
            .map_err(|_| io::Error::other("one plan's part of the report exceeds 4 GB"))?;
        self.file.write_all(part)?;
        let stored = Stored {
            offset: self.written,
            length,
        };
        self.written += u64::from(length);
        Ok(stored)
    }

    /// How many bytes the spill holds.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// The spill, written out, ready to be read back.
    pub fn finish(self) -> io::Result<Spilled> {
        let file = self.file.into_inner().map_err(|error| error.into_error())?;
        Ok(Spilled { file })
    }
}

/// The spill once every plan is added: read back part by part.
pub struct Spilled {
    file: File,
}

impl Spilled {
    /// The bytes of one part.
    pub fn read(&self, stored: Stored) -> io::Result<Vec<u8>> {
        let mut bytes = vec![0; stored.len()];
        if !stored.is_empty() {
            let mut file = &self.file;
            file.seek(SeekFrom::Start(stored.offset))?;
            file.read_exact(&mut bytes)?;
        }
        Ok(bytes)
    }
}

impl std::fmt::Debug for Spilled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Spilled")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_read_back_as_written_in_any_order() {
        let mut spill = Spill::new().unwrap();
        let first = spill.append(b"first part").unwrap();
        let empty = spill.append(b"").unwrap();
        let second = spill.append("é second".as_bytes()).unwrap();
        assert_eq!(spill.written(), 19);
        let spilled = spill.finish().unwrap();
        assert_eq!(spilled.read(second).unwrap(), "é second".as_bytes());
        assert_eq!(spilled.read(first).unwrap(), b"first part");
        assert!(empty.is_empty());
        assert_eq!(spilled.read(empty).unwrap(), b"");
    }
}
