/*
 * java/props.h - Java .properties files and key=value overrides.
 *
 * kt_props_load_* read the text format of java.util.Properties.load (the
 * format behind --command-config, --producer.config, --reader-config, ...):
 * '#'/'!' comment lines, "key=value", "key:value" and "key value", backslash
 * escapes (\t \n \r \f \uXXXX, any other \x is x), line continuation by an odd
 * number of trailing backslashes, CR, LF and CRLF line ends; the last
 * occurrence of a key wins. kt_props_set_kv parses one command-line token the
 * way Kafka's --command-property / --reader-property / --formatter-property
 * do (tools.md §0.4): split at the first '=', no trimming, no escapes.
 *
 * A struct kt_props is an ordered map: keys keep the position of their first
 * appearance, so output and error messages follow the file. Keys and values
 * are owned, NUL-terminated copies; a value decoded from \u0000 may contain a
 * NUL byte, so each entry also records its length.
 */
#ifndef KT_JAVA_PROPS_H
#define KT_JAVA_PROPS_H

#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>

/* Properties files are small; a file larger than this is refused. */
#define KT_PROPS_MAX_FILE ((size_t)16 << 20)

struct kt_prop {
	char *key;
	char *value;
	size_t key_len;
	size_t value_len;
};

struct kt_props {
	struct kt_prop *v; /* entries in first-seen order */
	size_t n;
	size_t cap;
	/*
	 * Java reads a properties file through Properties.load(InputStream),
	 * which takes every byte as one ISO-8859-1 character: a UTF-8 "é" in
	 * the file becomes the two characters "Ã©". When latin1 is true,
	 * loaded bytes >= 0x80 are converted that way (each byte to the UTF-8
	 * of U+0080..U+00FF), which is what a Java tool ends up sending. The
	 * default (false) keeps the file's bytes as they are.
	 */
	bool latin1;
};

/* Start an empty map. */
void kt_props_init(struct kt_props *p);
/* Free every entry; p can be reused after kt_props_init. */
void kt_props_release(struct kt_props *p);

/*
 * Set key to value (copies both; lengths given, so NUL bytes are allowed).
 * An existing key keeps its position and gets the new value. Returns 0 or
 * -KT_ENOMEM (err filled).
 */
int kt_props_setn(struct kt_props *p, const char *key, size_t key_len,
		  const char *value, size_t value_len, struct kt_err *err);
/* Same with C strings. */
int kt_props_set(struct kt_props *p, const char *key, const char *value,
		 struct kt_err *err);

/* The value of key (a C string owned by p, valid until the key is set again,
 * removed or p released), or NULL when absent. */
const char *kt_props_get(const struct kt_props *p, const char *key);
/* The entry of key or NULL. */
const struct kt_prop *kt_props_find(const struct kt_props *p, const char *key);
/* Remove key; returns true when it was there. Later entries move up. */
bool kt_props_remove(struct kt_props *p, const char *key);

/* Copy every entry of src into dst, src winning on equal keys (Java's
 * putAll). Returns 0 or -KT_ENOMEM. */
int kt_props_merge(struct kt_props *dst, const struct kt_props *src,
		   struct kt_err *err);

/* Iterate: for (i = 0; i < p->n; i++) use p->v[i]. */

/*
 * Parse properties text (len bytes at text; it need not be NUL-terminated)
 * into p, adding to what is there. name is used in messages (may be NULL).
 * Returns 0, or -KT_ESYNTAX for a malformed \u escape ("Malformed \uxxxx
 * encoding." as Java says it, with the line), or -KT_ENOMEM. On error p keeps
 * the entries of the lines before the bad one.
 */
int kt_props_load_str(struct kt_props *p, const char *text, size_t len,
		      const char *name, struct kt_err *err);

/*
 * Read the file at path and parse it as kt_props_load_str does. A missing or
 * unreadable file fails with -KT_EIO (or -KT_ENOTFOUND when it does not
 * exist), the message naming the file and the errno text:
 * "cannot read 'x.properties': No such file or directory".
 */
int kt_props_load_file(struct kt_props *p, const char *path,
		       struct kt_err *err);

/*
 * Add one "key=value" token from the command line: split at the first '=';
 * "key" and "key=" give an empty value; nothing is trimmed or unescaped
 * (tools.md §0.4). A later token for the same key wins. Returns 0 or
 * -KT_ENOMEM.
 */
int kt_props_set_kv(struct kt_props *p, const char *token, struct kt_err *err);

#endif
