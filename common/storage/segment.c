/*
 * storage/segment.c - offline readers of a partition directory's files: a
 * windowed file reader with flat memory, batch framing of .log/.checkpoint
 * files as Apache's FileLogInputStream does it, the .index and .timeindex
 * readers (entries, Java's AbstractIndex lookup, the startup sanity checks),
 * the producer-state .snapshot and the .txnindex. Facts: storage.md §2-§8,
 * §12.
 */
#include "storage/segment.h"

#include "record/crc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

int kt_segfile_open(struct kt_segfile *f, const char *path, struct kt_err *err)
{
	struct stat st;

	memset(f, 0, sizeof(*f));
	f->fd = -1;
	f->path = path;
	f->max = KT_SEG_MAX_ITEM + KT_SEG_CHUNK;
	f->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (f->fd < 0) {
		int e = errno;

		return kt_err_set(err, e == ENOENT ? KT_ENOTFOUND : KT_EIO,
				  "cannot open '%s': %s", path, strerror(e));
	}
	if (fstat(f->fd, &st) < 0) {
		int e = errno;

		kt_segfile_release(f);
		return kt_err_set(err, KT_EIO, "cannot stat '%s': %s", path,
				  strerror(e));
	}
	if (S_ISDIR(st.st_mode)) {
		kt_segfile_release(f);
		return kt_err_set(err, KT_EIO, "cannot read '%s': %s", path,
				  strerror(EISDIR));
	}
	f->size = st.st_size > 0 ? (uint64_t)st.st_size : 0;
#ifdef POSIX_FADV_SEQUENTIAL
	(void)posix_fadvise(f->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
	return 0;
}

/* What went wrong in a read: KT_EIO (errno eno) or KT_ETRUNC, at byte at. */
struct read_fail {
	int code;
	int eno;
	uint64_t at;
};

/* Read exactly n bytes at pos of fd into dst, retrying short reads. Uses
 * nothing but its arguments: the read-ahead worker calls it too. Returns 0,
 * or -1 with *fail set. */
static int read_exact(int fd, uint8_t *dst, size_t n, uint64_t pos,
		      struct read_fail *fail)
{
	while (n > 0) {
		ssize_t r = pread(fd, dst, n, (off_t)pos);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			fail->code = r < 0 ? KT_EIO : KT_ETRUNC;
			fail->eno = r < 0 ? errno : 0;
			fail->at = pos;
			return -1;
		}
		dst += r;
		n -= (size_t)r;
		pos += (uint64_t)r;
	}
	return 0;
}

/* err for a failed read of path. Returns the negative code. */
static int read_fail_err(const struct read_fail *fl, const char *path,
			 struct kt_err *err)
{
	if (fl->code == KT_ETRUNC)
		return kt_err_set(err, KT_ETRUNC,
				  "'%s' ended at byte %llu while reading", path,
				  (unsigned long long)fl->at);
	return kt_err_set(err, KT_EIO, "read at byte %llu of '%s': %s",
			  (unsigned long long)fl->at, path, strerror(fl->eno));
}

static int pread_full(struct kt_segfile *f, uint8_t *dst, size_t n,
		      uint64_t pos, struct kt_err *err)
{
	struct read_fail fl = {0};

	if (read_exact(f->fd, dst, n, pos, &fl) < 0)
		return read_fail_err(&fl, f->path, err);
	return 0;
}

/* The read-ahead ring: the worker reads chunk k into slot k % SLOTS while
 * the reader is in an earlier one; the reader takes a read chunk by
 * swapping its window buffer for the slot's, so nothing is copied. */
struct ra_slot {
	uint8_t *p; /* chunk bytes, owned by the slot while it is in the ring */
	size_t len; /* bytes read into p */
};

/* A window buffer kept for a pinned reader, or a spare. */
struct ra_buf {
	uint8_t *p;
	size_t cap;
};

struct kt_segra {
	/* set up once, then read-only (the worker reads them too) */
	int fd;
	uint64_t size;
	size_t chunk;
	uint64_t nchunks;
	bool pin;
	bool threaded; /* a worker runs (or ran) for the current stream */
	pthread_t thread;
	/* under mu, shared with the worker */
	pthread_mutex_t mu;
	pthread_cond_t filled; /* a chunk was read, or the worker failed */
	pthread_cond_t space;  /* a slot was freed, or stop */
	struct ra_slot slot[KT_SEG_RA_SLOTS];
	uint64_t next_fill; /* next chunk the worker reads */
	uint64_t next_take; /* next chunk the reader takes */
	bool stop;
	bool failed; /* reading chunk next_fill failed; the worker ended */
	struct read_fail fail;
	/* the reader's alone */
	struct ra_buf *retired; /* pinned windows the window left */
	size_t cap_retired;
	struct ra_buf spare[KT_SEG_RA_SLOTS];
	size_t nspare;
};

static const uint8_t empty_view[1];

/* Stop the worker, if one runs, and wait for it. */
static void ra_stop(struct kt_segra *ra)
{
	if (!ra->threaded)
		return;
	pthread_mutex_lock(&ra->mu);
	ra->stop = true;
	pthread_cond_broadcast(&ra->space);
	pthread_mutex_unlock(&ra->mu);
	pthread_join(ra->thread, NULL);
	ra->threaded = false;
}

void kt_segfile_release(struct kt_segfile *f)
{
	struct kt_segra *ra = f->ra;
	size_t i;

	if (ra) {
		ra_stop(ra);
		kt_segfile_unpin(f);
		for (i = 0; i < KT_SEG_RA_SLOTS; i++)
			free(ra->slot[i].p);
		for (i = 0; i < ra->nspare; i++)
			free(ra->spare[i].p);
		free(ra->retired);
		pthread_mutex_destroy(&ra->mu);
		pthread_cond_destroy(&ra->filled);
		pthread_cond_destroy(&ra->space);
		free(ra);
		f->ra = NULL;
	}
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
	free(f->buf);
	f->buf = NULL;
	f->cap = 0;
	f->win_len = 0;
}

/* Read chunk k into dst (the worker's read, also the reader's when no
 * worker runs). Returns its length, or -1 with *fail set. */
static ssize_t ra_read(const struct kt_segra *ra, uint64_t k, uint8_t *dst,
		       struct read_fail *fail)
{
	uint64_t pos = k * ra->chunk;
	size_t want = ra->chunk;

	if (want > ra->size - pos)
		want = (size_t)(ra->size - pos);
	if (read_exact(ra->fd, dst, want, pos, fail) < 0)
		return -1;
	return (ssize_t)want;
}

static void *ra_worker(void *arg)
{
	struct kt_segra *ra = arg;

	pthread_mutex_lock(&ra->mu);
	while (!ra->stop && !ra->failed && ra->next_fill < ra->nchunks) {
		uint64_t k = ra->next_fill;
		struct ra_slot *s = &ra->slot[k % KT_SEG_RA_SLOTS];
		struct read_fail fail = {0};
		ssize_t len;

		if (k - ra->next_take >= KT_SEG_RA_SLOTS) {
			pthread_cond_wait(&ra->space, &ra->mu);
			continue;
		}
		pthread_mutex_unlock(&ra->mu);
		len = ra_read(ra, k, s->p, &fail);
		pthread_mutex_lock(&ra->mu);
		if (len < 0) {
			ra->failed = true;
			ra->fail = fail;
		} else {
			s->len = (size_t)len;
			ra->next_fill = k + 1;
		}
		pthread_cond_broadcast(&ra->filled);
	}
	pthread_mutex_unlock(&ra->mu);
	return NULL;
}

/* Stop the worker, if one runs, and start reading again at chunk c: with a
 * worker when more than one chunk is left and a thread can be had. The
 * worker runs with every signal blocked: they go to the reader's thread. */
static void ra_restart(struct kt_segra *ra, uint64_t c)
{
	sigset_t all, old;

	ra_stop(ra);
	ra->stop = false;
	ra->failed = false;
	ra->next_fill = ra->next_take = c;
	if (ra->nchunks - c < 2)
		return;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	ra->threaded = pthread_create(&ra->thread, NULL, ra_worker, ra) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* A chunk-sized buffer: a spare, or a new one. */
static uint8_t *ra_fresh(struct kt_segra *ra)
{
	if (ra->nspare > 0)
		return ra->spare[--ra->nspare].p;
	return malloc(ra->chunk);
}

/* Keep a window buffer nobody holds as a spare (chunk-sized ones, a few),
 * or free it. */
static void ra_spare(struct kt_segra *ra, uint8_t *p, size_t cap)
{
	if (cap == ra->chunk && ra->nspare < KT_SEG_RA_SLOTS) {
		ra->spare[ra->nspare].p = p;
		ra->spare[ra->nspare++].cap = cap;
	} else {
		free(p);
	}
}

/* Let go of a window buffer: kept while pinned, else ra_spare. Returns 0
 * or -KT_ENOMEM. */
static int ra_drop(struct kt_segfile *f, uint8_t *p, size_t cap)
{
	struct kt_segra *ra = f->ra;

	if (!p)
		return 0;
	if (ra->pin) {
		if (f->nretired == ra->cap_retired) {
			size_t nc = ra->cap_retired ? ra->cap_retired * 2 : 4;
			struct ra_buf *nr =
				realloc(ra->retired, nc * sizeof(*nr));

			if (!nr) {
				free(p);
				return -KT_ENOMEM;
			}
			ra->retired = nr;
			ra->cap_retired = nc;
		}
		ra->retired[f->nretired].p = p;
		ra->retired[f->nretired++].cap = cap;
	} else {
		ra_spare(ra, p, cap);
	}
	return 0;
}

/* Make the window chunk c: wait for the worker (or read it here), then
 * swap buffers with its slot. */
static int ra_take(struct kt_segfile *f, uint64_t c, struct kt_err *err)
{
	struct kt_segra *ra = f->ra;
	struct ra_slot *s = &ra->slot[c % KT_SEG_RA_SLOTS];
	uint8_t *fresh = ra_fresh(ra), *old = f->buf;
	size_t old_cap = f->cap;
	struct read_fail fail = {0};
	ssize_t len;

	if (!fresh)
		return kt_err_set(err, KT_ENOMEM,
				  "no memory for %zu bytes of '%s'", ra->chunk,
				  f->path);
	if (!ra->threaded || c < ra->next_take ||
	    c - ra->next_take >= KT_SEG_RA_SLOTS)
		ra_restart(ra, c);
	if (!ra->threaded) {
		len = ra_read(ra, c, fresh, &fail);
		if (len < 0) {
			(void)ra_drop(f, fresh, ra->chunk);
			return read_fail_err(&fail, f->path, err);
		}
		ra->next_take = ra->next_fill = c + 1;
		f->buf = fresh;
	} else {
		pthread_mutex_lock(&ra->mu);
		while (ra->next_fill <= c && !ra->failed)
			pthread_cond_wait(&ra->filled, &ra->mu);
		if (ra->next_fill <= c) {
			fail = ra->fail;
			pthread_mutex_unlock(&ra->mu);
			/* the next call starts a worker afresh */
			ra_restart(ra, ra->nchunks);
			(void)ra_drop(f, fresh, ra->chunk);
			return read_fail_err(&fail, f->path, err);
		}
		f->buf = s->p;
		len = (ssize_t)s->len;
		s->p = fresh;
		ra->next_take = c + 1;
		pthread_cond_signal(&ra->space);
		pthread_mutex_unlock(&ra->mu);
	}
	f->cap = ra->chunk;
	f->win_pos = c * ra->chunk;
	f->win_len = (size_t)len;
	if (ra_drop(f, old, old_cap) < 0)
		return kt_err_set(err, KT_ENOMEM, "no memory reading '%s'",
				  f->path);
	return 0;
}

int kt_segfile_readahead(struct kt_segfile *f, size_t chunk, bool pin)
{
	struct kt_segra *ra;
	size_t i;

	if (f->ra)
		return 0;
	ra = calloc(1, sizeof(*ra));
	if (!ra)
		return -KT_ENOMEM;
	ra->fd = f->fd;
	ra->size = f->size;
	ra->chunk = chunk ? chunk : KT_SEG_CHUNK;
	ra->nchunks = (f->size + ra->chunk - 1) / ra->chunk;
	ra->pin = pin;
	for (i = 0; i < KT_SEG_RA_SLOTS; i++) {
		ra->slot[i].p = malloc(ra->chunk);
		if (!ra->slot[i].p) {
			while (i-- > 0)
				free(ra->slot[i].p);
			free(ra);
			return -KT_ENOMEM;
		}
	}
	pthread_mutex_init(&ra->mu, NULL);
	pthread_cond_init(&ra->filled, NULL);
	pthread_cond_init(&ra->space, NULL);
	/* the window so far is let go: nothing was handed out from it that
	 * a pinned reader could still hold */
	free(f->buf);
	f->buf = NULL;
	f->cap = 0;
	f->win_pos = 0;
	f->win_len = 0;
	f->ra = ra;
	return 0;
}

void kt_segfile_unpin(struct kt_segfile *f)
{
	struct kt_segra *ra = f->ra;
	size_t i;

	if (!ra)
		return;
	for (i = 0; i < f->nretired; i++)
		ra_spare(ra, ra->retired[i].p, ra->retired[i].cap);
	f->nretired = 0;
}

/* Point *p at [pos, pos + n) through the ring: a view into the chunk that
 * holds it, or, for an item across chunks, a window of its own read here
 * (the worker reads on meanwhile). */
static int ra_get(struct kt_segfile *f, uint64_t pos, size_t n,
		  const uint8_t **p, struct kt_err *err)
{
	struct kt_segra *ra = f->ra;
	uint64_t c = pos / ra->chunk;
	size_t cap;
	uint8_t *nb;
	int rc;

	if (n == 0) {
		*p = empty_view;
		return 0;
	}
	if (pos + n <= (c + 1) * ra->chunk) {
		rc = ra_take(f, c, err);
		if (rc < 0)
			return rc;
		*p = f->buf + (pos - f->win_pos);
		return 0;
	}
	cap = n > ra->chunk ? n : ra->chunk;
	nb = cap == ra->chunk ? ra_fresh(ra) : malloc(cap);
	if (!nb)
		return kt_err_set(err, KT_ENOMEM,
				  "no memory for %zu bytes of '%s'", n,
				  f->path);
	rc = pread_full(f, nb, n, pos, err);
	if (rc < 0) {
		(void)ra_drop(f, nb, cap);
		return rc;
	}
	if (ra_drop(f, f->buf, f->cap) < 0) {
		free(nb);
		return kt_err_set(err, KT_ENOMEM, "no memory reading '%s'",
				  f->path);
	}
	f->buf = nb;
	f->cap = cap;
	f->win_pos = pos;
	f->win_len = n;
	*p = nb;
	return 0;
}

int kt_segfile_get(struct kt_segfile *f, uint64_t pos, size_t n,
		   const uint8_t **p, struct kt_err *err)
{
	size_t want, keep = 0;
	int rc;

	if (pos > f->size || n > f->size - pos)
		return kt_err_set(
			err, KT_ETRUNC,
			"'%s' has %llu bytes, %zu wanted at byte %llu", f->path,
			(unsigned long long)f->size, n,
			(unsigned long long)pos);
	if (pos >= f->win_pos && pos - f->win_pos <= f->win_len &&
	    n <= f->win_len - (pos - f->win_pos)) {
		*p = f->buf + (pos - f->win_pos);
		return 0;
	}
	if (n > KT_SEG_MAX_ITEM)
		return kt_err_set(err, KT_ETOOBIG,
				  "item of %zu bytes at byte %llu of '%s' "
				  "exceeds the %zu-byte ceiling",
				  n, (unsigned long long)pos, f->path,
				  KT_SEG_MAX_ITEM);
	if (f->ra)
		return ra_get(f, pos, n, p, err);
	/* Read a whole chunk (or the item, if larger), never past the end. */
	want = n > KT_SEG_CHUNK ? n : KT_SEG_CHUNK;
	if (want > f->size - pos)
		want = (size_t)(f->size - pos);
	if (want > f->cap) {
		uint8_t *nb = realloc(f->buf, want);

		if (!nb)
			return kt_err_set(err, KT_ENOMEM,
					  "no memory for %zu bytes of '%s'",
					  want, f->path);
		f->buf = nb;
		f->cap = want;
	}
	/* A forward move that overlaps the window keeps the overlap. */
	if (pos >= f->win_pos && pos - f->win_pos < f->win_len) {
		size_t skip = (size_t)(pos - f->win_pos);

		keep = f->win_len - skip;
		memmove(f->buf, f->buf + skip, keep);
	}
	f->win_pos = pos;
	f->win_len = 0;
	rc = pread_full(f, f->buf + keep, want - keep, pos + keep, err);
	if (rc < 0)
		return rc;
	f->win_len = want;
	*p = f->buf;
	return 0;
}

void kt_logscan_init(struct kt_logscan *s, struct kt_segfile *f, uint64_t start,
		     uint64_t end)
{
	s->f = f;
	s->pos = start;
	s->end = end < f->size ? end : f->size;
}

int kt_logscan_next(struct kt_logscan *s, struct kt_logbatch *b,
		    struct kt_err *err)
{
	const uint8_t *h;
	uint64_t total;
	int rc;

	memset(b, 0, sizeof(*b));
	b->pos = s->pos;
	if (s->end < KT_SEG_HEADER_UP_TO_MAGIC ||
	    s->pos >= s->end - KT_SEG_HEADER_UP_TO_MAGIC)
		return 0;
	rc = kt_segfile_get(s->f, s->pos, KT_SEG_HEADER_UP_TO_MAGIC, &h, err);
	if (rc < 0)
		return rc;
	b->offset = (int64_t)kt_be64(h);
	b->size = (int32_t)kt_be32(h + 8);
	b->magic = (int8_t)h[16];
	if (b->size < KT_SEG_MIN_SIZE)
		return kt_err_set(err, KT_EBADLEN,
				  "batch at byte %llu of '%s': size %d is "
				  "below the minimum of %d",
				  (unsigned long long)s->pos, s->f->path,
				  (int)b->size, KT_SEG_MIN_SIZE);
	total = KT_SEG_LOG_OVERHEAD + (uint64_t)b->size;
	if (total > s->end - s->pos)
		return 0;
	rc = kt_segfile_get(s->f, s->pos, (size_t)total, &b->p, err);
	if (rc < 0)
		return rc;
	b->len = (size_t)total;
	s->pos += total;
	return 1;
}

int kt_seg_base_offset(const char *path, int64_t *base)
{
	const char *name = strrchr(path, '/');
	const char *q;
	uint64_t v = 0;
	bool neg = false;

	name = name ? name + 1 : path;
	q = name;
	/* Long.parseLong: optional sign, at least one digit, no overflow. */
	if (*q == '-' || *q == '+')
		neg = *q++ == '-';
	if (*q == '.' || *q == '\0')
		return -KT_EINVAL;
	for (; *q && *q != '.'; q++) {
		if (*q < '0' || *q > '9')
			return -KT_EINVAL;
		if (v >
		    (UINT64_C(9223372036854775808) - (uint64_t)(*q - '0')) / 10)
			return -KT_EINVAL;
		v = v * 10 + (uint64_t)(*q - '0');
	}
	if (!neg && v > INT64_MAX)
		return -KT_EINVAL;
	*base = neg ? (int64_t)(0 - v) : (int64_t)v;
	return 0;
}

int kt_index_open(struct kt_index *ix, const char *path, int64_t base,
		  size_t entry_size, struct kt_err *err)
{
	int rc;

	memset(ix, 0, sizeof(*ix));
	rc = kt_segfile_open(&ix->f, path, err);
	if (rc < 0)
		return rc;
	ix->base = base;
	ix->entry_size = entry_size;
	ix->length = ix->f.size;
	ix->entries = (size_t)(ix->length / entry_size);
	return 0;
}

void kt_index_release(struct kt_index *ix)
{
	kt_segfile_release(&ix->f);
}

int kt_offset_index_entry(struct kt_index *ix, size_t i,
			  struct kt_offset_entry *e, struct kt_err *err)
{
	const uint8_t *p;
	int rc = kt_segfile_get(&ix->f, (uint64_t)i * 8, 8, &p, err);

	if (rc < 0)
		return rc;
	e->offset = ix->base + (int32_t)kt_be32(p);
	e->position = (int32_t)kt_be32(p + 4);
	return 0;
}

int kt_time_index_entry(struct kt_index *ix, size_t i, struct kt_time_entry *e,
			struct kt_err *err)
{
	const uint8_t *p;
	int rc = kt_segfile_get(&ix->f, (uint64_t)i * 12, 12, &p, err);

	if (rc < 0)
		return rc;
	e->timestamp = (int64_t)kt_be64(p);
	e->offset = ix->base + (int32_t)kt_be32(p + 8);
	return 0;
}

/* Java's binary search of AbstractIndex over slots [lo, hi] for the
 * largest entry <= target. */
static int index_bsearch(struct kt_index *ix, int64_t target, size_t lo,
			 size_t hi, size_t *slot, struct kt_err *err)
{
	while (lo < hi) {
		size_t mid = (lo + hi + 1) / 2;
		struct kt_offset_entry e;
		int rc = kt_offset_index_entry(ix, mid, &e, err);

		if (rc < 0)
			return rc;
		if (e.offset > target)
			hi = mid - 1;
		else if (e.offset < target)
			lo = mid;
		else {
			*slot = mid;
			return 0;
		}
	}
	*slot = lo;
	return 0;
}

int kt_offset_index_lookup(struct kt_index *ix, int64_t target,
			   struct kt_offset_entry *e, struct kt_err *err)
{
	/* The last 8 KiB of entries are the "warm" section searched first. */
	size_t warm = 8192 / ix->entry_size, first_hot, slot = 0;
	struct kt_offset_entry x;
	int rc;

	e->offset = ix->base;
	e->position = 0;
	if (ix->entries == 0)
		return 0;
	first_hot = ix->entries - 1 > warm ? ix->entries - 1 - warm : 0;
	rc = kt_offset_index_entry(ix, first_hot, &x, err);
	if (rc < 0)
		return rc;
	if (x.offset < target) {
		rc = index_bsearch(ix, target, first_hot, ix->entries - 1,
				   &slot, err);
	} else {
		rc = kt_offset_index_entry(ix, 0, &x, err);
		if (rc < 0)
			return rc;
		if (x.offset > target)
			return 0;
		rc = index_bsearch(ix, target, 0, first_hot, &slot, err);
	}
	if (rc < 0)
		return rc;
	return kt_offset_index_entry(ix, slot, e, err);
}

int kt_index_sanity(struct kt_index *ix, int64_t *a, int64_t *b,
		    struct kt_err *err)
{
	int rc;

	if (ix->entry_size == 8) {
		struct kt_offset_entry last = {ix->base, 0};

		if (ix->entries > 0) {
			rc = kt_offset_index_entry(ix, ix->entries - 1, &last,
						   err);
			if (rc < 0)
				return rc;
		}
		if (ix->entries != 0 && last.offset < ix->base) {
			*a = last.offset;
			*b = ix->base;
			return KT_INDEX_LAST_OFFSET;
		}
	} else {
		struct kt_time_entry last = {-1, ix->base}, first;

		if (ix->entries > 0) {
			rc = kt_time_index_entry(ix, ix->entries - 1, &last,
						 err);
			if (rc < 0)
				return rc;
			rc = kt_time_index_entry(ix, 0, &first, err);
			if (rc < 0)
				return rc;
			if (last.timestamp < first.timestamp) {
				*a = last.timestamp;
				*b = first.timestamp;
				return KT_INDEX_LAST_TIMESTAMP;
			}
			if (last.offset < ix->base) {
				*a = last.offset;
				*b = ix->base;
				return KT_INDEX_LAST_OFFSET;
			}
		}
	}
	if (ix->length % ix->entry_size != 0) {
		*a = (int64_t)ix->length;
		*b = (int64_t)ix->entry_size;
		return KT_INDEX_LENGTH;
	}
	return KT_INDEX_OK;
}

#define SNAP_HEADER 10 /* version, crc, count */
#define SNAP_ENTRY 46

int kt_snapshot_open(struct kt_snapshot *s, const char *path,
		     struct kt_err *err)
{
	const uint8_t *p;
	uint64_t pos, need, left;
	uint32_t crc = 0;
	int rc;

	memset(s, 0, sizeof(*s));
	rc = kt_segfile_open(&s->f, path, err);
	if (rc < 0)
		return rc;
	/*
	 * Java (4.3) reads the generated ProducerSnapshot message first,
	 * then checks the version, then the CRC. A short read is a
	 * BufferUnderflowException, whose message is null.
	 */
	if (s->f.size < SNAP_HEADER) {
		s->problem = KT_SNAP_SCHEMA;
		snprintf(s->schema_msg, sizeof(s->schema_msg), "null");
		return 0;
	}
	rc = kt_segfile_get(&s->f, 0, SNAP_HEADER, &p, err);
	if (rc < 0)
		return rc;
	s->version = (int16_t)kt_be16(p);
	s->crc_stored = kt_be32(p + 2);
	s->count = (int32_t)kt_be32(p + 6);
	left = s->f.size - SNAP_HEADER;
	if (s->count < 0) {
		s->problem = KT_SNAP_SCHEMA;
		snprintf(s->schema_msg, sizeof(s->schema_msg),
			 "non-nullable field producerEntries was serialized "
			 "as null");
		return 0;
	}
	if ((uint64_t)s->count > left) {
		s->problem = KT_SNAP_SCHEMA;
		snprintf(s->schema_msg, sizeof(s->schema_msg),
			 "Tried to allocate a collection of size %d, but there "
			 "are only %llu bytes remaining.",
			 (int)s->count, (unsigned long long)left);
		return 0;
	}
	need = SNAP_HEADER + (uint64_t)s->count * SNAP_ENTRY;
	if (need > s->f.size) {
		s->problem = KT_SNAP_SCHEMA;
		snprintf(s->schema_msg, sizeof(s->schema_msg), "null");
		return 0;
	}
	if (s->version != 1) {
		s->problem = KT_SNAP_SCHEMA;
		snprintf(s->schema_msg, sizeof(s->schema_msg),
			 "Snapshot contained an unknown file version %d",
			 (int)s->version);
		return 0;
	}
	for (pos = 6; pos < s->f.size;) {
		size_t n = s->f.size - pos > KT_SEG_CHUNK
				   ? KT_SEG_CHUNK
				   : (size_t)(s->f.size - pos);

		rc = kt_segfile_get(&s->f, pos, n, &p, err);
		if (rc < 0)
			return rc;
		crc = kt_crc32c(crc, p, n);
		pos += n;
	}
	s->crc_computed = crc;
	if (crc != s->crc_stored)
		s->problem = KT_SNAP_CRC;
	return 0;
}

void kt_snapshot_release(struct kt_snapshot *s)
{
	kt_segfile_release(&s->f);
}

int kt_snapshot_entry(struct kt_snapshot *s, int32_t i,
		      struct kt_producer_entry *e, struct kt_err *err)
{
	const uint8_t *p;
	int rc;

	if (i < 0 || i >= s->count)
		return kt_err_set(err, KT_EINVAL,
				  "snapshot entry %d out of range", (int)i);
	rc = kt_segfile_get(&s->f, SNAP_HEADER + (uint64_t)i * SNAP_ENTRY,
			    SNAP_ENTRY, &p, err);
	if (rc < 0)
		return rc;
	e->producer_id = (int64_t)kt_be64(p);
	e->epoch = (int16_t)kt_be16(p + 8);
	e->last_sequence = (int32_t)kt_be32(p + 10);
	e->last_offset = (int64_t)kt_be64(p + 14);
	e->offset_delta = (int32_t)kt_be32(p + 22);
	e->timestamp = (int64_t)kt_be64(p + 26);
	e->coordinator_epoch = (int32_t)kt_be32(p + 34);
	e->current_txn_first_offset = (int64_t)kt_be64(p + 38);
	return 0;
}

int kt_txn_index_entry(struct kt_segfile *f, uint64_t i,
		       struct kt_aborted_txn *t, struct kt_err *err)
{
	const uint8_t *p;
	int rc = kt_segfile_get(f, i * KT_TXN_ENTRY_SIZE, KT_TXN_ENTRY_SIZE, &p,
				err);

	if (rc < 0)
		return rc;
	t->version = (int16_t)kt_be16(p);
	t->producer_id = (int64_t)kt_be64(p + 2);
	t->first_offset = (int64_t)kt_be64(p + 10);
	t->last_offset = (int64_t)kt_be64(p + 18);
	t->last_stable_offset = (int64_t)kt_be64(p + 26);
	return 0;
}

/* Sort order of a segment file: base offset, then .log, .index,
 * .timeindex, .txnindex, .snapshot. */
static int seg_rank(const char *name)
{
	static const char *const sfx[] = {".log",	".index",
					  ".timeindex", ".txnindex",
					  ".snapshot",	".checkpoint"};
	const char *dot = strrchr(name, '.');
	int i;

	for (i = 0; dot && i < 6; i++)
		if (strcmp(dot, sfx[i]) == 0)
			return i;
	return -1;
}

struct seg_name {
	int64_t base;
	int rank;
	char *path;
};

static int seg_name_cmp(const void *x, const void *y)
{
	const struct seg_name *a = x, *b = y;

	if (a->base != b->base)
		return a->base < b->base ? -1 : 1;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return strcmp(a->path, b->path);
}

int kt_seg_list_dir(const char *dir, char ***out, size_t *n, struct kt_err *err)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	struct seg_name *v = NULL;
	size_t cnt = 0, cap = 0, i;
	char **names;

	*out = NULL;
	*n = 0;
	if (!dp)
		return kt_err_set(err, errno == ENOENT ? KT_ENOTFOUND : KT_EIO,
				  "cannot list '%s': %s", dir, strerror(errno));
	while ((de = readdir(dp)) != NULL) {
		int64_t base;
		int rank = seg_rank(de->d_name);
		size_t len;

		if (rank < 0 || kt_seg_base_offset(de->d_name, &base) < 0)
			continue;
		if (cnt == cap) {
			size_t nc = cap ? cap * 2 : 16;
			struct seg_name *nv = realloc(v, nc * sizeof(*nv));

			if (!nv)
				goto nomem;
			v = nv;
			cap = nc;
		}
		len = strlen(dir) + strlen(de->d_name) + 2;
		v[cnt].path = malloc(len);
		if (!v[cnt].path)
			goto nomem;
		snprintf(v[cnt].path, len, "%s%s%s", dir,
			 dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/",
			 de->d_name);
		v[cnt].base = base;
		v[cnt].rank = rank;
		cnt++;
	}
	closedir(dp);
	if (cnt) /* v is NULL for a directory without segment files */
		qsort(v, cnt, sizeof(*v), seg_name_cmp);
	names = calloc(cnt + 1, sizeof(*names));
	if (!names) {
		dp = NULL;
		goto nomem;
	}
	for (i = 0; i < cnt; i++)
		names[i] = v[i].path;
	free(v);
	*out = names;
	*n = cnt;
	return 0;
nomem:
	if (dp)
		closedir(dp);
	for (i = 0; i < cnt; i++)
		free(v[i].path);
	free(v);
	return kt_err_set(err, KT_ENOMEM, "no memory listing '%s'", dir);
}

void kt_seg_list_free(char **names)
{
	size_t i;

	for (i = 0; names && names[i]; i++)
		free(names[i]);
	free(names);
}
