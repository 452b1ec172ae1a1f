/*
 * test_input.c - kafka-console-producer's input side: the growing input
 * buffer over a pipe (records, the last one without terminator, a record
 * over the limit skipped to its end), the failure lines merged by run,
 * and Apache's --bootstrap-server check.
 */
#include "unit.h"

#include "cli/bootstrap.h"
#include "format/delivery.h"
#include "format/input.h"

#include <unistd.h>

void test_input(void);

/* Everything of text through a pipe, records joined by "|". */
static void read_all(const char *text, size_t cap, size_t max,
		     struct kt_buf *got)
{
	struct kt_input in;
	struct kt_err err;
	int fds[2];
	ssize_t n;

	memset(&in, 0, sizeof(in));
	CHECK_INT(pipe(fds), 0, "pipe");
	CHECK_INT(write(fds[1], text, strlen(text)), (long long)strlen(text),
		  "the input fits the pipe");
	close(fds[1]);
	kt_linesplit_init(&in.split, NULL, 0, NULL);
	CHECK_INT(kt_input_open(&in, fds[0], cap, max, &err), 0, "open");
	for (;;) {
		const uint8_t *rec;
		size_t len;

		if (in.skipping) {
			if (!kt_input_skip_rest(&in))
				goto more;
			kt_buf_printf(got, "<skipped %zu>|", in.skipped);
			continue;
		}
		if (kt_input_next(&in, &rec, &len) == 1) {
			kt_buf_put(got, rec, len);
			kt_buf_puts(got, "|");
			continue;
		}
		if (in.eof)
			break;
	more:
		n = kt_input_fill(&in, &err);
		if (n == -2)
			kt_input_skip_begin(&in);
		CHECK(n != -3, "no read error");
	}
	close(fds[0]);
	kt_input_release(&in);
	kt_buf_puts(got, "");
}

static void test_buffer(void)
{
	struct kt_buf b;

	kt_buf_init(&b, 0);
	read_all("a\nbb\r\nccc", 4, 64, &b);
	CHECK_STR((char *)b.p, "a|bb|ccc|",
		  "Java line ends, the last line without one, buffer grown");
	kt_buf_reset(&b);
	read_all("ok\n0123456789abcdef\nnext\n", 4, 8, &b);
	CHECK_STR((char *)b.p, "ok|<skipped 16>|next|",
		  "a record over the limit is skipped to its end, its whole "
		  "length counted");
	kt_buf_reset(&b);
	read_all("ok\n0123456789abcdefghijklmnopqrstuvwxyz", 4, 8, &b);
	CHECK_STR((char *)b.p, "ok|<skipped 36>|",
		  "an over-long last record without a line end: counted to "
		  "the end of input");
	kt_buf_reset(&b);
	/* a full buffer whose record starts at its middle: compacted, not
	 * called too long (the soak's 1 MB lines under a 1 MiB limit) */
	read_all("abc\n1234567\nxy\n", 8, 8, &b);
	CHECK_STR((char *)b.p, "abc|1234567|xy|",
		  "a record that fits the limit is kept however late in the "
		  "buffer it starts");
	kt_buf_reset(&b);
	read_all("", 4, 8, &b);
	CHECK_STR((char *)b.p, "", "empty input: no record");
	kt_buf_release(&b);
}

static void test_delivery(void)
{
	struct kt_delivery_log l;
	struct kt_buf b;

	kt_buf_init(&b, 0);
	kt_delivery_log_init(&l, "tool");
	kt_delivery_log_add(&l, &b, 3, "t", 0, "boom", false);
	kt_delivery_log_add(&l, &b, 4, "t", 0, "boom", false);
	kt_delivery_log_add(&l, &b, 5, "t", 0, "boom", false);
	CHECK_INT(b.len, 0, "a run stays pending while it grows");
	kt_delivery_log_add(&l, &b, 6, "t", 1, "boom", false);
	kt_delivery_log_add(&l, &b, 8, "t", 1, "boom", false);
	kt_delivery_log_add(&l, &b, 9, "t", -1, "lost", true);
	kt_delivery_log_flush(&l, &b);
	kt_delivery_log_flush(&l, &b);
	kt_buf_puts(&b, "");
	CHECK_STR((char *)b.p,
		  "tool: lines 3-5: not delivered to topic 't' partition 0: "
		  "boom\n"
		  "tool: line 6: not delivered to topic 't' partition 1: "
		  "boom\n"
		  "tool: line 8: not delivered to topic 't' partition 1: "
		  "boom\n"
		  "tool: line 9: delivery not confirmed (the record may have "
		  "been written) to topic 't' partition (none): lost\n",
		  "one line per run of records with one fate");
	CHECK_INT(l.failed, 6, "every failed record counted");
	kt_buf_release(&b);
}

static void test_bootstrap(void)
{
	CHECK(kt_cli_bootstrap_ok("localhost:9092"), "host:port");
	CHECK(kt_cli_bootstrap_ok("a:1,b.example.com:2"), "a list");
	CHECK(kt_cli_bootstrap_ok("SASL_SSL://[::1]:9093"),
	      "a scheme and an IPv6 address");
	CHECK(kt_cli_bootstrap_ok("a:1,"), "an empty element at the end");
	CHECK(!kt_cli_bootstrap_ok("localhost"), "no port");
	CHECK(!kt_cli_bootstrap_ok("a:1,,b:2"), "an empty element inside");
	CHECK(!kt_cli_bootstrap_ok("a b:1"), "a space in the host");
	CHECK(!kt_cli_bootstrap_ok(":x"), "a port that is not a number");
}

void test_input(void)
{
	test_buffer();
	test_delivery();
	test_bootstrap();
}
