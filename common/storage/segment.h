/*
 * storage/segment.h - offline readers of the files of a partition directory:
 * the .log segment (and KRaft .checkpoint snapshots, which share its format),
 * the .index offset index, the .timeindex time index, the producer-state
 * .snapshot and the .txnindex aborted-transaction index.
 *
 * Facts: storage.md §2-§8 and §12; the framing of batches in a file is
 * Apache's FileLogInputStream (a batch needs more than 17 bytes left, its
 * size field is at byte 8, a batch that would run past the end ends the
 * scan quietly, a size below 14 is corrupt).
 *
 * Memory stays flat whatever the file size: a struct kt_segfile keeps one
 * window of the file (read with pread, 1 MiB at a time) that grows only to
 * hold the largest single item asked for, up to a ceiling. A file read
 * from start to end can have a worker thread read the next chunks ahead
 * into a small ring (kt_segfile_readahead) while the caller decodes. Every
 * byte read from a file is untrusted and goes through the checks here
 * before anyone uses it.
 */
#ifndef KT_STORAGE_SEGMENT_H
#define KT_STORAGE_SEGMENT_H

#include "base/buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bytes read from the file at a time. */
#define KT_SEG_CHUNK ((size_t)1 << 20)
/* Chunks the read-ahead worker may hold read and not yet taken
 * (kt_segfile_readahead): 4 MiB with the default chunk. */
#define KT_SEG_RA_SLOTS 4
/* The largest item (one batch) a window may hold: 256 MiB. */
#define KT_SEG_MAX_ITEM ((size_t)256 << 20)

/* Bytes before the magic byte of any batch or message (offset, size,
 * crc/partition leader epoch): a batch needs more than this many bytes left
 * to be read at all (FileLogInputStream.HEADER_SIZE_UP_TO_MAGIC). */
#define KT_SEG_HEADER_UP_TO_MAGIC 17
/* The 12-byte prefix of every batch: int64 offset, int32 size. */
#define KT_SEG_LOG_OVERHEAD 12
/* The smallest size a batch may declare (LegacyRecord.RECORD_OVERHEAD_V0). */
#define KT_SEG_MIN_SIZE 14

struct kt_segra; /* read-ahead state (segment.c) */

/*
 * One file open for reading through a window. The caller owns path (it must
 * outlive the struct). size is the file size when it was opened.
 */
struct kt_segfile {
	int fd;
	const char *path;
	uint64_t size;
	uint8_t *buf;	     /* the window */
	size_t cap;	     /* allocated bytes of buf */
	uint64_t win_pos;    /* file position of buf[0] */
	size_t win_len;	     /* valid bytes in buf */
	size_t max;	     /* ceiling of cap */
	struct kt_segra *ra; /* kt_segfile_readahead, or NULL */
	size_t nretired;     /* windows kept for a pinned reader */
};

/*
 * Open path for reading. Returns 0, or -KT_ENOTFOUND (no such file) or
 * -KT_EIO (any other open/stat failure, errno text in err), err filled.
 * A directory fails with KT_EIO ("is a directory").
 */
int kt_segfile_open(struct kt_segfile *f, const char *path, struct kt_err *err);
/* Close the file and free the window; f may be released twice. */
void kt_segfile_release(struct kt_segfile *f);

/*
 * Read f from now on in chunks of chunk bytes (0: KT_SEG_CHUNK), with a
 * worker thread reading up to KT_SEG_RA_SLOTS chunks ahead of the one the
 * caller is in, so that reading the file and decoding it overlap. Meant
 * for a file read from start to end; any other order still works (the
 * worker starts again where the caller went). A file of one chunk or less
 * is read without a thread.
 *
 * With pin, windows the window moves away from stay allocated until
 * kt_segfile_unpin, so every view handed out stays valid until then (for
 * a writer that queues pointers into the file and writes them later);
 * f->nretired counts them, and the caller unpins often enough to keep
 * memory flat. Read errors are reported by the kt_segfile_get that needs
 * the bytes, exactly as without read-ahead. Returns 0, or -KT_ENOMEM.
 */
int kt_segfile_readahead(struct kt_segfile *f, size_t chunk, bool pin);

/* Free the windows kept by a pinned kt_segfile_readahead (views into them
 * die; views into the current window stay valid). */
void kt_segfile_unpin(struct kt_segfile *f);

/*
 * Point *p at the n bytes of the file at pos, reading them in if needed.
 * The view stays valid until the next call on f (with a pinned
 * kt_segfile_readahead: until kt_segfile_unpin after the window moved).
 * Returns 0, or
 * -KT_ETRUNC when the file ends before pos + n, -KT_ETOOBIG when n exceeds
 * the window ceiling (KT_SEG_MAX_ITEM), -KT_EIO on a read error, -KT_ENOMEM;
 * err filled with the position.
 */
int kt_segfile_get(struct kt_segfile *f, uint64_t pos, size_t n,
		   const uint8_t **p, struct kt_err *err);

/*
 * Batch framing over [pos, end) of a log file, as Apache's
 * FileLogInputStream does it. A batch is only framed here: its bytes are
 * handed out whole, decoding is record.c's job.
 */
struct kt_logscan {
	struct kt_segfile *f;
	uint64_t pos; /* next batch */
	uint64_t end; /* end of the slice (file size, or less with max-bytes) */
};

struct kt_logbatch {
	uint64_t pos;	  /* position of the batch in the file */
	int64_t offset;	  /* its first 8 bytes: base offset (magic 2) or the
			     offset of the (wrapper) message (magic 0/1) */
	int32_t size;	  /* its size field (bytes after the 12-byte prefix) */
	int8_t magic;	  /* byte 16 */
	const uint8_t *p; /* the whole batch: len = 12 + size bytes */
	size_t len;
};

/* Scan [start, end) of f (end is cut to the file size). */
void kt_logscan_init(struct kt_logscan *s, struct kt_segfile *f, uint64_t start,
		     uint64_t end);

/*
 * Frame the next batch into *b and move past it. Returns 1 with a batch, 0
 * at the end (17 or fewer bytes left, or the next batch would run past the
 * end: these bytes are the "invalid bytes" at the end), or a negative
 * KT_E*: -KT_EBADLEN when the batch declares a size below 14 (b->pos,
 * b->offset and b->size are set for the caller's message), else what
 * kt_segfile_get returns. err filled on failure.
 */
int kt_logscan_next(struct kt_logscan *s, struct kt_logbatch *b,
		    struct kt_err *err);

/* Base offset from a file name: the decimal number before the first '.'
 * of the last path component. Returns 0, or -KT_EINVAL when it is not a
 * number Java's Long.parseLong accepts. */
int kt_seg_base_offset(const char *path, int64_t *base);

/*
 * Offset index (.index): 8-byte entries, int32 offset relative to the base,
 * int32 position in the .log. entries = length / 8 (a partial tail entry is
 * not counted, as Java does).
 */
struct kt_offset_entry {
	int64_t offset;	  /* absolute: base + relative */
	int32_t position; /* byte position in the .log */
};

/* Time index (.timeindex): 12-byte entries, int64 timestamp, int32 relative
 * offset. */
struct kt_time_entry {
	int64_t timestamp;
	int64_t offset; /* absolute */
};

struct kt_index {
	struct kt_segfile f;
	int64_t base;
	size_t entry_size; /* 8 or 12 */
	uint64_t length;   /* file length */
	size_t entries;	   /* length / entry_size */
};

/* Open an offset index (entry_size 8) or a time index (12) whose segment
 * base offset is base. Errors as kt_segfile_open. */
int kt_index_open(struct kt_index *ix, const char *path, int64_t base,
		  size_t entry_size, struct kt_err *err);
void kt_index_release(struct kt_index *ix);

/* Entry i (< ix->entries) of an offset or a time index. Return 0 or a
 * negative KT_E* from the read (err filled). */
int kt_offset_index_entry(struct kt_index *ix, size_t i,
			  struct kt_offset_entry *e, struct kt_err *err);
int kt_time_index_entry(struct kt_index *ix, size_t i, struct kt_time_entry *e,
			struct kt_err *err);

/*
 * The position to start scanning the log for target: the entry with the
 * largest offset <= target, found with Java's AbstractIndex search (binary
 * search in the "warm" last 8 KiB first, then in the rest), or (base, 0)
 * when there is none. Zero-filled tails take part in the search exactly as
 * in Java. Returns 0 or a negative KT_E* (err filled).
 */
int kt_offset_index_lookup(struct kt_index *ix, int64_t target,
			   struct kt_offset_entry *e, struct kt_err *err);

/* Which sanity check of AbstractIndex.sanityCheck failed. */
enum kt_index_check {
	KT_INDEX_OK = 0,
	KT_INDEX_LAST_OFFSET,	 /* last offset < base offset */
	KT_INDEX_LAST_TIMESTAMP, /* time index: last ts < first ts */
	KT_INDEX_LENGTH,	 /* length not a multiple of the entry size */
};

/*
 * Run the broker's startup sanity check on ix (offset or time index
 * depending on entry_size). Returns KT_INDEX_OK or the failed check, with
 * the values the message needs in *a and *b (last offset and base offset;
 * last and first timestamps; the length and the entry size), or a negative
 * KT_E* on a read error (err filled).
 */
int kt_index_sanity(struct kt_index *ix, int64_t *a, int64_t *b,
		    struct kt_err *err);

/*
 * Producer state snapshot (.snapshot), version 1: int16 version, uint32
 * CRC-32C of bytes 6.., int32 count, 46-byte entries (storage.md §8).
 */
struct kt_producer_entry {
	int64_t producer_id;
	int16_t epoch;
	int32_t last_sequence;
	int64_t last_offset;
	int32_t offset_delta;
	int64_t timestamp;
	int32_t coordinator_epoch;
	int64_t current_txn_first_offset;
};

/* Why a snapshot was refused (Apache's CorruptSnapshotException cases). */
enum kt_snapshot_problem {
	KT_SNAP_OK = 0,
	KT_SNAP_SCHEMA,	 /* too short for its fields or its entry count */
	KT_SNAP_VERSION, /* version is not 1 */
	KT_SNAP_CRC,	 /* stored and computed CRC differ */
};

struct kt_snapshot {
	struct kt_segfile f;
	int16_t version;
	uint32_t crc_stored;
	uint32_t crc_computed;
	int32_t count;	      /* entry count as stored */
	int problem;	      /* enum kt_snapshot_problem */
	char schema_msg[160]; /* Java's SchemaException text for KT_SNAP_SCHEMA
			       */
};

/*
 * Open and check a snapshot: version, CRC (streamed, flat memory) and that
 * the entries fit. Returns 0 and sets s->problem (KT_SNAP_OK when the
 * entries can be read), or a negative KT_E* for an I/O failure (err
 * filled). Release with kt_snapshot_release in both cases.
 */
int kt_snapshot_open(struct kt_snapshot *s, const char *path,
		     struct kt_err *err);
void kt_snapshot_release(struct kt_snapshot *s);
/* Entry i < s->count of a snapshot whose problem is KT_SNAP_OK. */
int kt_snapshot_entry(struct kt_snapshot *s, int32_t i,
		      struct kt_producer_entry *e, struct kt_err *err);

/* Transaction index (.txnindex): 34-byte entries; a partial tail is
 * ignored, as Java does. */
struct kt_aborted_txn {
	int16_t version;
	int64_t producer_id;
	int64_t first_offset;
	int64_t last_offset;
	int64_t last_stable_offset;
};
#define KT_TXN_ENTRY_SIZE 34

/* Entry i of a .txnindex open in f (i < f->size / 34). */
int kt_txn_index_entry(struct kt_segfile *f, uint64_t i,
		       struct kt_aborted_txn *t, struct kt_err *err);

/*
 * The segment files of a partition directory, in order: by base offset,
 * then .log, .index, .timeindex, .txnindex, .snapshot (.checkpoint for a
 * KRaft snapshot directory). Other files are left out. *out is a
 * NULL-terminated array of malloc'ed "dir/name" paths, freed with
 * kt_seg_list_free. Returns 0 or a negative KT_E* (err filled).
 */
int kt_seg_list_dir(const char *dir, char ***out, size_t *n,
		    struct kt_err *err);
void kt_seg_list_free(char **names);

#endif
