/*
 * java/jregex.h - java.util.regex.Pattern (Java 17) patterns on POSIX regcomp:
 * the subset the two can share, translated to a POSIX extended regular
 * expression that finds what Java finds, in one of two modes:
 *
 *  - KT_JREGEX_SEARCH: matches anywhere (Matcher.find, String.split;
 *    console producer's headers.separator). Java's leftmost match is the
 *    first one its backtracking finds, so lazy quantifiers (they change
 *    which match that is) are refused;
 *  - KT_JREGEX_WHOLE: the whole text (String.matches; kafka-topics
 *    --topic). Lazy quantifiers are accepted: a whole match accepts the
 *    same texts with them as without.
 *
 * Supported: literals (UTF-8), escaped punctuation, \t \n \r \f \a \e \cX
 * \0oct \xhh \x{h..} \uhhhh (surrogate pairs too), \Q..\E (removed first,
 * as Java does), . ^ $ \A \z \Z, groups and (?:..), |, greedy quantifiers
 * * + ? {m} {m,} {m,n} (also on anchors, and Java's quirk of a {..} on
 * nothing, "x{2}{3}" being "x{2}"), classes with ranges and negation,
 * \d \D \s \S \w \W and the POSIX \p{Lower} .. \p{XDigit} \p{ASCII}
 * (and \P) inside and outside classes, and a leading (?i) (ASCII case
 * folding, as Java without UNICODE_CASE). The text is taken as UTF-8: '.',
 * negated classes and \D-like escapes match one whole character, never
 * half of one; '.' no line terminator (\n \r U+0085 U+2028 U+2029).
 *
 * Refused as syntax errors, where Java's Pattern.compile throws too (the
 * checks follow what Java 17 does, quirks included): dangling or
 * malformed quantifiers, unbalanced groups, unclosed classes, bad ranges,
 * malformed or unknown escapes, unknown inline flags.
 *
 * Refused as unsupported, where Java accepts the pattern: lookaround,
 * atomic and named groups, back-references, inline flags other than a
 * leading (?i), possessive quantifiers, word boundaries and \G, Unicode
 * properties, \h \v \R \X \N{..}, nested classes and intersections,
 * non-ASCII ranges, negated classes naming non-ASCII characters, lone
 * surrogates, counts above RE_DUP_MAX, bytes that are not UTF-8; in
 * search mode also lazy quantifiers and empty alternatives ("a|", which
 * Java takes first). A pattern with both an unsupported construct and a
 * syntax error is a syntax error, as Java rejects it whatever kafkit
 * supports.
 *
 * Known differences that remain (POSIX cannot say them):
 *  - POSIX picks the longest of the matches starting at the leftmost
 *    position, Java the first its backtracking finds: in search mode
 *    "a|ab" finds "ab" in POSIX, "a" in Java (whole mode is unaffected);
 *  - Java's '$' (and \Z) also matches before a line terminator that ends
 *    the text; here only at the very end. And glibc lets a '^' or '$'
 *    with more pattern on the same side match next to a '\n' inside the
 *    text ("a$.b" finds "a\nb"), where Java's never would;
 *  - a byte of the text that is not part of valid UTF-8 (which Java would
 *    have decoded to U+FFFD) is matched only by itself.
 */
#ifndef KT_JAVA_JREGEX_H
#define KT_JAVA_JREGEX_H

#include "base/buf.h"
#include "base/err.h"

#include <regex.h>
#include <stddef.h>

enum kt_jregex_mode {
	KT_JREGEX_SEARCH = 0, /* anywhere: Matcher.find, String.split */
	KT_JREGEX_WHOLE = 1,  /* the whole text: String.matches */
};

/*
 * Translate the Java pattern java (n bytes of UTF-8; it may contain NUL)
 * to a POSIX ERE appended to ere (not NUL-terminated; the caller's buffer,
 * its ceiling applies). In KT_JREGEX_WHOLE mode the ERE is anchored
 * "^(...)$". *cflags is set to the regcomp flags the ERE needs besides
 * REG_EXTENDED (REG_ICASE for a leading (?i)).
 *
 * Returns 0, or on failure fills err with a short reason meant to be put
 * into the caller's own message (no pattern, no position, no full stop:
 * "unclosed character class", "a lookahead or lookbehind group") and
 * returns:
 *  -KT_ESYNTAX       Java's Pattern.compile rejects the pattern as well;
 *  -KT_EUNSUPPORTED  Java accepts it, kafkit cannot say it in POSIX ERE
 *                    (also: the ERE would exceed ere's ceiling);
 *  -KT_ENOMEM        out of memory.
 * On failure ere may hold a partial translation.
 */
int kt_jregex_translate(const char *java, size_t n, enum kt_jregex_mode mode,
			struct kt_buf *ere, int *cflags, struct kt_err *err);

/*
 * Translate java (as kt_jregex_translate) and compile it into the caller's
 * re with regcomp(REG_EXTENDED | the flags the translation needs |
 * extra_cflags, e.g. REG_NOSUB). On success re must be freed with regfree;
 * on failure it needs nothing. Returns 0 or what kt_jregex_translate
 * returns, with err filled the same way; a pattern regcomp refuses after
 * translation (too large, say) is -KT_EUNSUPPORTED, its memory exhaustion
 * -KT_ENOMEM.
 */
int kt_jregex_compile(regex_t *re, const char *java, size_t n,
		      enum kt_jregex_mode mode, int extra_cflags,
		      struct kt_err *err);

#endif
