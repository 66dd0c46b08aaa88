// The process's memory policy, set by the `tradu` command before it reads its input.
//
// glibc's malloc gives every freed block of 128 KB or more back to the kernel at once (and
// trims the top of its heap above 128 KB), so a process that builds and drops many large
// arrays, as Tradu's preparation does (the pieces' texts and units, the output blocks), has
// the kernel zero and map those pages again on their next use: a page fault per 4 KB.
#ifndef CMEMORY_H
#define CMEMORY_H

#ifdef __cplusplus
extern "C" {
#endif

/// Keeps freed blocks of up to `bytes` in the heap for reuse (glibc's M_MMAP_THRESHOLD and
/// M_TRIM_THRESHOLD). Returns 1 when both settings were taken, 0 when not (another C library,
/// or `bytes` out of range); the process then runs with the defaults.
int tradu_keep_freed_memory(long bytes);

#ifdef __cplusplus
}
#endif

#endif
