#define _GNU_SOURCE
#include "CFileCleanup.h"

#include <fcntl.h>
#include <sys/vfs.h>

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>

// 1,024 slots: a batch keeps up to a few hundred outputs staged at once (4 MB of paths, of
// which only the pages of slots in use are ever touched).
enum { SLOTS = 1024, PATH_CAPACITY = 4096 };
enum { FREE = 0, CLAIMED = 1, ARMED = 2 };

static char paths[SLOTS][PATH_CAPACITY];
static atomic_int states[SLOTS];

static const int handled[] = { SIGINT, SIGTERM, SIGHUP };
enum { HANDLED = sizeof handled / sizeof handled[0] };
static struct sigaction previous[HANDLED];
static pthread_once_t installed = PTHREAD_ONCE_INIT;

static void on_signal(int signal_number) {
  for (int slot = 0; slot < SLOTS; slot++) {
    if (atomic_load(&states[slot]) == ARMED) unlink(paths[slot]);
  }
  // Give the signal its previous meaning (by default: end the process) and deliver it again;
  // it stays blocked until this handler returns.
  for (int i = 0; i < HANDLED; i++) {
    if (handled[i] == signal_number) sigaction(signal_number, &previous[i], NULL);
  }
  raise(signal_number);
}

static void install(void) {
  for (int i = 0; i < HANDLED; i++) {
    struct sigaction current;
    if (sigaction(handled[i], NULL, &current) != 0) continue;
    if (current.sa_handler == SIG_IGN) continue;  // nohup, or a parent that wants it ignored
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    for (int j = 0; j < HANDLED; j++) sigaddset(&action.sa_mask, handled[j]);
    sigaction(handled[i], &action, &previous[i]);
  }
}

int tradu_cleanup_remember(const char *path) {
  size_t length = strlen(path);
  if (length >= PATH_CAPACITY) return -1;
  pthread_once(&installed, install);
  for (int slot = 0; slot < SLOTS; slot++) {
    int expected = FREE;
    if (atomic_compare_exchange_strong(&states[slot], &expected, CLAIMED)) {
      memcpy(paths[slot], path, length + 1);
      atomic_store(&states[slot], ARMED);
      return slot;
    }
  }
  return -1;
}

void tradu_cleanup_forget(int slot) {
  if (slot < 0 || slot >= SLOTS) return;
  atomic_store(&states[slot], FREE);
}

int tradu_cleanup_count(void) {
  int count = 0;
  for (int slot = 0; slot < SLOTS; slot++) {
    if (atomic_load(&states[slot]) == ARMED) count++;
  }
  return count;
}

int tradu_start_writeback(int fd, long long offset, long long length) {
#ifdef SYNC_FILE_RANGE_WRITE
  return sync_file_range(fd, (off_t)offset, (off_t)length, SYNC_FILE_RANGE_WRITE);
#else
  (void)fd; (void)offset; (void)length;
  return 0;
#endif
}

int tradu_sync_file_system(int fd) {
#ifdef __linux__
  return syncfs(fd);
#else
  (void)fd;
  errno = ENOSYS;
  return -1;
#endif
}

int tradu_file_system_syncs_whole(int fd) {
#ifdef __linux__
  struct statfs status;
  if (fstatfs(fd, &status) != 0) return 0;
  switch ((unsigned long)status.f_type) {
  case 0xEF53UL:      // ext2, ext3, ext4
  case 0x58465342UL:  // XFS
  case 0x9123683EUL:  // Btrfs
  case 0xF2F52010UL:  // F2FS
  case 0x01021994UL:  // tmpfs (nothing to make durable)
    return 1;
  default:
    return 0;
  }
#else
  (void)fd;
  return 0;
#endif
}
