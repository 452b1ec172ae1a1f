/*
 * format/dumplog.h - the engine of kafka-dump-log: Apache's DumpLogSegments
 * text output for .log, .checkpoint, .index, .timeindex, .snapshot and
 * .txnindex files (tools.md §5), plus kafkit's own JSON, summary and verify
 * outputs.
 *
 * common/ never prints: every byte of output goes through the caller's
 * sink, stdout text (KT_DL_OUT) and stderr text (KT_DL_ERR) apart.
 *
 * Message parsers (Apache's DumpLogSegments.MessageParser) turn the key and
 * the value of one record into the text after " key: " and " payload: ".
 * The built-in decoder classes live here; the coordinator decoders
 * (--offsets-decoder and friends) plug in through struct kt_dl_parser.
 */
#ifndef KT_FORMAT_DUMPLOG_H
#define KT_FORMAT_DUMPLOG_H

#include "base/buf.h"

#include <stdbool.h>
#include <stdint.h>
#include <sys/uio.h>

/* One record as a parser sees it: views valid only during the call. */
struct kt_dl_record {
	int64_t offset;
	struct kt_bytes key;   /* p == NULL: the record has no key */
	struct kt_bytes value; /* p == NULL: null value (tombstone) */
};

/*
 * What a parser returns: text (Java's String, as UTF-8) appended to key and
 * value; has_key/has_value false leave out " key: ..." / " payload: ..."
 * (Java's Optional.empty()).
 */
struct kt_dl_text {
	struct kt_buf *key;
	struct kt_buf *value;
	bool has_key;
	bool has_value;
};

/*
 * A message parser: decode rec into out. Return 0, or a negative KT_E* with
 * err filled when Java would throw out of the tool (the dump stops, exit
 * 1); err->msg is then printed as the Java exception line, so it should be
 * Apache's text, e.g. "java.lang.RuntimeException: Failed to decode
 * message at offset 5 using the specified decoder (message had a missing
 * key)". Errors Java catches and prints as text ("Error at offset ...,
 * skipping.") are text in out, not errors.
 */
typedef int (*kt_dl_parse_fn)(void *ctx, const struct kt_dl_record *rec,
			      struct kt_dl_text *out, struct kt_err *err);

struct kt_dl_parser {
	kt_dl_parse_fn parse;
	void *ctx;
};

/* The built-in decoder classes (org.apache.kafka.tools.api.* and the old
 * kafka.serializer.* names). */
enum kt_dl_decoder {
	KT_DL_DEC_STRING = 0,  /* UTF-8 text, Java's replacement of bad bytes */
	KT_DL_DEC_INTEGER = 1, /* first 4 bytes, big-endian */
	KT_DL_DEC_LONG = 2,    /* first 8 bytes */
	KT_DL_DEC_DEFAULT = 3, /* byte[]: Java prints "[B@<hash>" */
};

/* The decoder of a class name, or -KT_EINVAL (err filled with Java's
 * "Failed to load decoder class" text) for any other name. */
int kt_dl_decoder_parse(const char *class_name, struct kt_err *err);

/* Key and value decoders of the built-in parser (its ctx). */
struct kt_dl_decoders {
	int key;   /* enum kt_dl_decoder */
	int value; /* enum kt_dl_decoder */
};

/* The built-in parser over d (which must outlive it). */
void kt_dl_parser_builtin(struct kt_dl_parser *p,
			  const struct kt_dl_decoders *d);

/* The coordinator decoders of the options of the same names. */
enum kt_dl_coord {
	KT_DL_COORD_OFFSETS = 0,	     /* --offsets-decoder */
	KT_DL_COORD_TRANSACTION_LOG = 1,     /* --transaction-log-decoder */
	KT_DL_COORD_CLUSTER_METADATA = 2,    /* --cluster-metadata-decoder */
	KT_DL_COORD_REMOTE_LOG_METADATA = 3, /* --remote-log-metadata-decoder */
	KT_DL_COORD_SHARE_GROUP_STATE = 4,   /* --share-group-state-decoder */
};

/*
 * The parser of a coordinator decoder (enum kt_dl_coord): coord.h's
 * decoders and rlmm.h's, printed as Apache's parsers print them. A
 * coordinator record (offsets, transaction log, share group state) with
 * no key makes the parser fail with Apache's RuntimeException text, which
 * stops the dump. Returns 0, or -KT_EINVAL with err filled for an unknown
 * which.
 */
int kt_dl_parser_coord(struct kt_dl_parser *p, int which, struct kt_err *err);

/* Where the engine writes: stdout text or stderr text. */
enum { KT_DL_OUT = 1, KT_DL_ERR = 2 };

struct kt_dl_sink {
	/* Write n bytes to stream (KT_DL_OUT or KT_DL_ERR); 0 or negative
	 * KT_E* (the dump stops). */
	int (*write)(void *ctx, int stream, const void *p, size_t n);
	void *ctx;
	/* Optional: write all n pieces to stream, in order; same returns.
	 * With it (and readahead), record values of uncompressed batches are
	 * handed out as views into the file's read-ahead windows instead of
	 * being copied into the engine's buffer. */
	int (*writev)(void *ctx, int stream, const struct iovec *v, int n);
};

/* Output formats. */
enum kt_dl_format {
	KT_DL_TEXT = 0,	   /* Apache's text */
	KT_DL_JSON = 1,	   /* one JSON object per line (kafkit) */
	KT_DL_SUMMARY = 2, /* per-file summary (kafkit) */
};

struct kt_dl_opts {
	bool print_data;	  /* --print-data-log (or implied) */
	bool deep;		  /* --deep-iteration (or implied) */
	bool skip_meta;		  /* --skip-record-metadata */
	bool verify_index_only;	  /* --verify-index-only */
	bool index_sanity;	  /* --index-sanity-check */
	int32_t max_message_size; /* --max-message-size, 5242880 */
	int32_t max_bytes;	  /* --max-bytes, INT32_MAX when not limited */
	struct kt_dl_parser parser;
	int format;	    /* enum kt_dl_format */
	bool print_headers; /* --print-headers (kafkit) */
	bool verify;	    /* --verify (kafkit): no dump, check all */
	const char *cwd;    /* for Java's absolute paths; NULL: getcwd */
	/* Read .log and .checkpoint files with a worker thread reading ahead
	 * (kt_segfile_readahead): reading overlaps decoding. */
	bool readahead;
};

/* Defaults of Apache's options, built-in StringDecoder parser. */
void kt_dl_opts_init(struct kt_dl_opts *o);

struct kt_dumplog;

/* A dump run over several files (the summaries of tools.md §5.11 are
 * printed after the last one). o and sink are copied. NULL on ENOMEM. */
struct kt_dumplog *kt_dumplog_new(const struct kt_dl_opts *o,
				  const struct kt_dl_sink *sink);
void kt_dumplog_free(struct kt_dumplog *d);

/* Replace the options of d between two files (a tool that reads option
 * values lazily, as Java does); the collected summaries stay. */
void kt_dumplog_set_opts(struct kt_dumplog *d, const struct kt_dl_opts *o);

/*
 * Dump one --files name. Returns 0, or a negative KT_E* when the dump must
 * stop: err->msg then holds the one line to print on stderr (Apache's
 * "Exception in thread "main" <class>: <message>" where kafkit reproduces
 * Apache's failure, else a kafkit message), output already written stays.
 */
int kt_dumplog_file(struct kt_dumplog *d, const char *name, struct kt_err *err);

/* What kt_dumplog_file does with a name, from its suffix (tools.md §5.3). */
enum kt_dl_kind {
	KT_DL_KIND_UNKNOWN = 0, /* "Ignoring unknown file" */
	KT_DL_KIND_LOG,		/* .log, .checkpoint */
	KT_DL_KIND_INDEX,
	KT_DL_KIND_TIMEINDEX,
	KT_DL_KIND_SNAPSHOT,
	KT_DL_KIND_TXNINDEX,
};
int kt_dumplog_kind(const char *name);

/* Only the "Dumping <name>" line of a file (for a tool that must fail on
 * an option value right after it, as Java reads values lazily). Returns 0
 * or a negative KT_E* from the sink. */
int kt_dumplog_header(struct kt_dumplog *d, const char *name,
		      struct kt_err *err);

/* The whole line of the last failure of kt_dumplog_file (err->msg holds
 * at most 255 bytes of it): print this one. Empty before any failure. */
const char *kt_dumplog_error(const struct kt_dumplog *d);

/*
 * After the last file: the stderr summaries (index mismatches, time index
 * errors, non-consecutive offsets), in Java's HashMap order, and the
 * kafkit summary/verify totals. Returns 0 or a negative KT_E* from the
 * sink.
 */
int kt_dumplog_finish(struct kt_dumplog *d, struct kt_err *err);

/* Problems --verify found so far (CRC failures, truncated batches, index
 * disagreements, decode errors): the exit status is 1 when not 0. */
uint64_t kt_dumplog_problems(const struct kt_dumplog *d);

#endif
