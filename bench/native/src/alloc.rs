//! A counting global allocator: the system allocator, plus a count of the live heap bytes and
//! their peak while a measurement is open.
//!
//! Counting is off outside [`measure_peak`], so the throughput timings pay only one relaxed
//! load per allocation. Inside a measurement the counters start at zero: the peak is the
//! most heap the measured call held *on top of* what was live before it (the input page,
//! already in memory, is not counted; everything the engine allocates, its output included,
//! is). The benchmark is single-threaded, so the counters see the engine's allocations only.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering::Relaxed};

/// The system allocator with byte counters.
pub struct CountingAlloc;

/// True while a measurement is open.
static COUNTING: AtomicBool = AtomicBool::new(false);
/// Bytes allocated minus bytes freed since the measurement opened. Signed: memory allocated
/// before it and freed during it makes the balance go below zero.
static CURRENT: AtomicI64 = AtomicI64::new(0);
/// Highest value `CURRENT` reached since the measurement opened.
static PEAK: AtomicI64 = AtomicI64::new(0);

impl CountingAlloc {
    fn grew(bytes: usize) {
        if COUNTING.load(Relaxed) {
            let now = CURRENT.fetch_add(bytes as i64, Relaxed) + bytes as i64;
            PEAK.fetch_max(now, Relaxed);
        }
    }

    fn shrank(bytes: usize) {
        if COUNTING.load(Relaxed) {
            CURRENT.fetch_sub(bytes as i64, Relaxed);
        }
    }
}

// SAFETY: every call is forwarded unchanged to `System`; the counters do not touch memory.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            Self::grew(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            Self::grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        Self::shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            Self::shrank(layout.size());
            Self::grew(new_size);
        }
        new
    }
}

/// Runs `f` with counting on and returns its result and the peak heap, in bytes, that it
/// held above the heap live when it started.
pub fn measure_peak<R>(f: impl FnOnce() -> R) -> (R, u64) {
    CURRENT.store(0, Relaxed);
    PEAK.store(0, Relaxed);
    COUNTING.store(true, Relaxed);
    let result = f();
    COUNTING.store(false, Relaxed);
    (result, PEAK.load(Relaxed).max(0) as u64)
}
