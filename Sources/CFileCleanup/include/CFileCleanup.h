// Removes Tradu's temporary output files when a signal ends the process.
// Also: a hint to start writing a file to disk early (tradu_start_writeback), and flushing a
// whole file system at once (tradu_sync_file_system) where that is known to be safe.
//
// A signal handler may only call async-signal-safe functions (unlink, sigaction, raise), and
// Swift code is not that; so the table of files to remove and the handler live here, in C.
// OutputFile (Sources/Tradu/Export/OutputFile.swift) registers each temporary file before
// creating it and unregisters it once renamed or removed.
#ifndef CFILECLEANUP_H
#define CFILECLEANUP_H

#ifdef __cplusplus
extern "C" {
#endif

/// Remembers `path` (copied) to be unlinked if SIGINT, SIGTERM or SIGHUP arrives, and installs
/// the handler the first time (not over a signal the process ignores, e.g. under `nohup`).
/// Returns a slot for `tradu_cleanup_forget`, or -1 when the path is too long or the table is
/// full (the file is then written without that protection).
int tradu_cleanup_remember(const char *path);

/// Forgets the file in `slot` (a value `tradu_cleanup_remember` returned; -1 is ignored).
void tradu_cleanup_forget(int slot);

/// How many files are remembered now (for tests).
int tradu_cleanup_count(void);

/// Asks the kernel to start writing `length` bytes of `fd` from `offset` to disk now, without
/// waiting (Linux `sync_file_range` with SYNC_FILE_RANGE_WRITE; nothing elsewhere), so that a
/// later fsync has less left to wait for. Durability still comes from that fsync alone.
/// Returns 0, or -1 with errno set (callers may ignore it: it is only a hint).
int tradu_start_writeback(int fd, long long offset, long long length);

/// Flushes every file of the file system that holds `fd` to disk, data and metadata (Linux
/// `syncfs`), and reports a write-back error any of them met since `fd` was opened.
/// Returns 0, or -1 with errno set (ENOSYS where there is no `syncfs`).
int tradu_sync_file_system(int fd);

/// 1 when the file system that holds `fd` is one whose `syncfs` is known to make every file on
/// it durable (ext2/3/4, XFS, Btrfs, F2FS; tmpfs, which keeps nothing); 0 otherwise (network
/// and FUSE file systems, where only a file's own fsync is sure to reach the server).
int tradu_file_system_syncs_whole(int fd);

#ifdef __cplusplus
}
#endif

#endif
