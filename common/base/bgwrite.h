/*
 * base/bgwrite.h - write a buffer to a descriptor that may block (a pipe to
 * a slow reader, a terminal on hold) while the caller keeps doing its own
 * work: the write runs on a thread of its own and the caller's idle
 * function is called until it is done.
 *
 * The console consumer writes its records this way, so that a reader of
 * stdout that stalls for longer than session.timeout.ms does not cost the
 * group membership: idle keeps the heartbeats going, as the Java client's
 * heartbeat thread does while System.out blocks.
 *
 * The buffer is the caller's and is only read by the writer thread during
 * kt_bgwrite_all; nothing else is shared, so the caller needs no locking.
 */
#ifndef KT_BASE_BGWRITE_H
#define KT_BASE_BGWRITE_H

#include "base/err.h"

struct kt_bgwrite;

/*
 * idle(arg, done_fd): called while a write is blocked; it should return
 * once done_fd is readable or after a short wait of its own (at most a
 * heartbeat interval), whichever comes first. It must not read done_fd.
 */
typedef void (*kt_bgwrite_idle_fn)(void *arg, int done_fd);

/*
 * A writer for fd. A regular file never blocks for long, so its writes are
 * made directly and no thread is started. Returns NULL with err filled
 * when the thread or its pipe cannot be made.
 */
struct kt_bgwrite *kt_bgwrite_new(int fd, struct kt_err *err);

/*
 * Write p[0..n) in full (EINTR is retried), calling idle while the write
 * takes longer than a few milliseconds. Returns 0, or a negative errno of
 * the failed write(2) (-EPIPE when the reader went away); a write that
 * returned 0 bytes counts as -EIO.
 */
int kt_bgwrite_all(struct kt_bgwrite *w, const void *p, size_t n,
		   kt_bgwrite_idle_fn idle, void *arg);

/* Stop the thread (after the write in progress, if any) and free w. */
void kt_bgwrite_free(struct kt_bgwrite *w);

#endif
