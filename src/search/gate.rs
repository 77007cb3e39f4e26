//! A bound on the documents waiting for tantivy's writer threads.
//!
//! tantivy's `IndexWriter` queues up to 10,000 added documents for its threads, and making a
//! document (rendering, normalising) is far quicker than indexing it, so a whole archive's text
//! would sit in that queue: a third of a 10,000-report build's memory. Each document is sent
//! wrapped with a [`Slot`] that the writer drops when it has indexed the document, and
//! [`Gate::enter`] waits while `limit` documents are on their way.

use std::sync::{Arc, Condvar, Mutex};
use tantivy::TantivyDocument;
use tantivy::schema::Document;

/// Counts documents handed to the writer and not yet indexed.
#[derive(Debug)]
pub(super) struct Gate {
    in_flight: Mutex<usize>,
    freed: Condvar,
    limit: usize,
}

impl Gate {
    pub(super) fn new(limit: usize) -> Arc<Gate> {
        Arc::new(Gate {
            in_flight: Mutex::new(0),
            freed: Condvar::new(),
            limit: limit.max(1),
        })
    }

    /// Waits for room, then takes a slot for one document.
    pub(super) fn enter(self: &Arc<Gate>) -> Slot {
        let mut n = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        while *n >= self.limit {
            n = self.freed.wait(n).unwrap_or_else(|e| e.into_inner());
        }
        *n += 1;
        Slot(self.clone())
    }
}

/// One document's place in the queue, given back when it is dropped.
#[derive(Debug)]
pub(super) struct Slot(Arc<Gate>);

impl Drop for Slot {
    fn drop(&mut self) {
        let mut n = self.0.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        *n = n.saturating_sub(1);
        self.0.freed.notify_one();
    }
}

/// A document that holds its slot until the writer drops it.
#[derive(Debug)]
pub(super) struct Queued {
    pub doc: TantivyDocument,
    /// Held, never read: dropped with the document once the writer is done with it.
    pub _slot: Slot,
}

impl Document for Queued {
    type Value<'a> = <TantivyDocument as Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.doc.iter_fields_and_values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn enter_waits_for_a_dropped_slot() {
        let gate = Gate::new(2);
        let a = gate.enter();
        let _b = gate.enter();
        let waiting = {
            let gate = gate.clone();
            std::thread::spawn(move || {
                let _c = gate.enter();
            })
        };
        std::thread::sleep(Duration::from_millis(50));
        assert!(
            !waiting.is_finished(),
            "a third slot was given while two were taken"
        );
        drop(a);
        waiting.join().unwrap();
        assert_eq!(*gate.in_flight.lock().unwrap(), 1);
    }
}
