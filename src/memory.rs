//! The global allocator: the system allocator, asking the kernel for huge
//! pages on large allocations.
//!
//! Loading a million relations touches a few hundred megabytes of fresh
//! memory, and every fresh 4 KiB page is a page fault: 40,000 of them cost
//! more than the parsing itself on a virtual machine. Where transparent
//! huge pages are available on request (`madvise` mode, the common
//! default), marking large blocks `MADV_HUGEPAGE` lets each fault map 2 MiB
//! at once. Small allocations, other systems and kernels that refuse are
//! unaffected: the hint is only a hint.

use std::alloc::{GlobalAlloc, Layout, System};

/// Blocks at least this large are marked for huge pages.
pub const HUGE_THRESHOLD: usize = 4 << 20;

/// The system allocator with the huge-page hint. A library must not choose
/// the allocator of the programs that use it, so the `diplograph` binary
/// (and the benchmarks, to measure what it does) install it themselves:
///
/// ```
/// #[global_allocator]
/// static GLOBAL: diplograph::memory::Allocator = diplograph::memory::Allocator;
///
/// let big = vec![0u8; 8 << 20]; // marked for huge pages where Linux allows
/// assert_eq!(big.len(), 8 << 20);
/// ```
pub struct Allocator;

#[cfg(target_os = "linux")]
fn advise(ptr: *mut u8, size: usize) {
    const HUGE: usize = 2 << 20;
    if ptr.is_null() || size < HUGE_THRESHOLD {
        return;
    }
    let start = (ptr as usize).next_multiple_of(HUGE);
    let end = (ptr as usize + size) / HUGE * HUGE;
    if end > start {
        // SAFETY: the range lies inside the block just allocated, which
        // this process owns; madvise only changes how its pages are backed.
        unsafe {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise(_ptr: *mut u8, _size: usize) {}

// SAFETY: every call is forwarded to the system allocator unchanged; the
// only addition is a madvise hint on memory the allocation returned.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let ptr = unsafe { System.alloc(layout) };
        advise(ptr, layout.size());
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        advise(ptr, layout.size());
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        advise(new, new_size);
        new
    }
}
