#include <limits.h>
#include <stdlib.h>

#include "CMemory.h"

#if defined(__GLIBC__)
#include <malloc.h>

int tradu_keep_freed_memory(long bytes) {
  if (bytes <= 0 || bytes > INT_MAX) return 0;
  return mallopt(M_MMAP_THRESHOLD, (int)bytes) == 1 && mallopt(M_TRIM_THRESHOLD, (int)bytes) == 1;
}
#else
int tradu_keep_freed_memory(long bytes) {
  (void)bytes;
  return 0;
}
#endif
