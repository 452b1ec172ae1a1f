/*
 * format/linereader.h - turning stdin into records for kafka-console-producer:
 *
 *  - struct kt_linesplit cuts a byte stream into records: at Java's line
 *    ends (\n, \r or \r\n, as BufferedReader.readLine) or, binary-safe, at
 *    a caller's delimiter of any length (NUL, "\n--\n", ...);
 *  - struct kt_linereader parses one record the way Apache's
 *    LineMessageReader does (tools.md §2.3): parse.key, key.separator,
 *    parse.headers, headers.delimiter, headers.separator (a Java regular
 *    expression, split as String.split), headers.key.separator,
 *    ignore.error, null.marker, with Java's configuration checks and
 *    error messages; or, in JSON mode, as one kafkit JSON record line
 *    (recjson.h: key, value, ordered headers, partition, timestamp).
 *
 * Bytes are bytes: unlike Java, which decodes stdin as UTF-8 and turns
 * malformed sequences into U+FFFD, invalid UTF-8 passes through unchanged.
 * Separators are matched as their UTF-8 bytes, which for valid UTF-8 input
 * finds exactly what Java's indexOf finds.
 */
#ifndef KT_FORMAT_LINEREADER_H
#define KT_FORMAT_LINEREADER_H

#include "base/buf.h"
#include "base/err.h"
#include "java/props.h"
#include "record/record.h"

#include <regex.h>
#include <stdbool.h>
#include <stdint.h>

/* Record splitter. */
struct kt_linesplit {
	uint8_t *delim; /* NULL: Java line ends */
	size_t dlen;
	size_t scanned; /* bytes of the pending input known to hold no end */
};

/*
 * Split at delim (dlen bytes, copied; dlen 0 or delim NULL: Java's line
 * ends). Returns 0 or -KT_ENOMEM.
 */
int kt_linesplit_init(struct kt_linesplit *s, const void *delim, size_t dlen,
		      struct kt_err *err);
void kt_linesplit_release(struct kt_linesplit *s);

/*
 * Find the next record at the start of p[0..n) (the caller's pending
 * input; pass the same bytes again, with more appended, after a 0).
 * Returns 1 with *len the record's length and *used the bytes to drop
 * (record and terminator), or 0 when the input holds no complete record
 * yet. At eof the rest, if any, is the last record (a final line without
 * terminator, as readLine returns it); a lone '\r' at the very end of
 * non-eof input waits for the next byte (it may start "\r\n").
 */
int kt_linesplit_next(struct kt_linesplit *s, const uint8_t *p, size_t n,
		      bool eof, size_t *len, size_t *used);

/*
 * Decode C-style escapes of s (\0 \a \b \t \n \v \f \r \e \\ \xHH, \NNN
 * octal; any other character as itself) into out, for delimiters given on
 * the command line. Returns 0 or -KT_ESYNTAX ("bad escape '\x' at byte
 * 3").
 */
int kt_unescape(const char *s, struct kt_buf *out, struct kt_err *err);

/* A parsed record: views into the line or into the reader, valid until the
 * next kt_linereader_parse or kt_linereader_release. */
struct kt_lrec {
	struct kt_bytes key;   /* p == NULL: null */
	struct kt_bytes value; /* p == NULL: null */
	const struct kt_header *headers;
	size_t n_headers;
	int32_t partition; /* -1: not given */
	int64_t timestamp; /* -1: not given */
};

struct kt_linereader {
	bool json;
	bool parse_key, parse_headers, ignore_error;
	char *key_sep, *hdr_delim, *hdr_sep, *hdr_key_sep, *null_marker;
	size_t key_sep_len, hdr_delim_len, hdr_sep_len, hdr_key_sep_len,
		null_marker_len;
	bool sep_regex; /* headers.separator needs the regex engine */
	regex_t re;
	bool re_ok;
	struct kt_header *hv; /* headers of the last record */
	size_t hcap;
	void *jin; /* struct kt_jrec_in of the last JSON record */
};

/*
 * Configure a reader from the reader properties (Java's
 * LineMessageReader.configure; unknown names are ignored, as there). json
 * selects kafkit's JSON record lines instead (the properties are then not
 * used). Errors (-KT_EINVAL, err filled) have Java's messages:
 * "headers.delimiter and headers.separator may not be equal", ...; a
 * headers.separator is a Java regex in search mode (jregex.h): one Java
 * would reject too is -KT_ESYNTAX ("headers.separator '(': unclosed
 * group"), one using a feature kafkit lacks (lookaround, back-references,
 * lazy or possessive quantifiers, ...) -KT_EUNSUPPORTED ("headers.separator
 * 'a*?': a lazy quantifier is not supported by kafkit's regular
 * expressions"). Release with kt_linereader_release in any case.
 */
int kt_linereader_init(struct kt_linereader *lr, const struct kt_props *props,
		       bool json, struct kt_err *err);
void kt_linereader_release(struct kt_linereader *lr);

/*
 * Parse one record (without its terminator); lineno is the 1-based line
 * number used in messages. Returns 0, or -KT_ESYNTAX with Java's message:
 * "No key separator found on line number 2: 'nokey'", "No headers
 * delimiter found on line number ...", "No header key separator found in
 * pair 'x' on line number 3", "Header keys should not be equal to the null
 * marker 'N' as they can't be null"; JSON errors say "line 4: ...".
 */
int kt_linereader_parse(struct kt_linereader *lr, const uint8_t *line,
			size_t len, int64_t lineno, struct kt_lrec *out,
			struct kt_err *err);

/*
 * Java's String.split(regex) of text with the reader's headers.separator:
 * pieces are reported through cb (start offset and length in text); a
 * zero-width match at the start gives no leading empty piece, trailing
 * empty pieces are dropped, no match at all gives text itself. Exposed for
 * tests. Returns the number of pieces, or a negative KT_E*.
 */
int kt_linereader_split_headers(const struct kt_linereader *lr,
				const uint8_t *text, size_t n,
				size_t (*pieces)[2], size_t max);

#endif
