/*
 * test_printer.c - kafka-console-consumer's record printers: formatter
 * class names old and new, and what each kind appends for one record.
 */
#include "unit.h"

#include "format/printer.h"

void test_printer(void);

static void test_class(void)
{
	enum kt_printer_kind k = KT_PRINT_JSON;
	const char *cur = "x";

	CHECK_INT(kt_printer_class(KT_PRINTER_DEFAULT_CLASS, &k, &cur), 0,
		  "the default class is known");
	CHECK_INT(k, KT_PRINT_DEFAULT, "as DefaultMessageFormatter");
	CHECK(cur == NULL, "a current name has no replacement");
	CHECK_INT(kt_printer_class("org.apache.kafka.tools.consumer."
				   "NoOpMessageFormatter",
				   &k, &cur),
		  0, "a current name is found");
	CHECK_INT(k, KT_PRINT_NOOP, "NoOpMessageFormatter is known");
	CHECK_INT(kt_printer_class("kafka.coordinator.group."
				   "GroupMetadataManager$"
				   "OffsetsMessageFormatter",
				   &k, &cur),
		  0, "as NoOp");
	CHECK_INT(k, KT_PRINT_OFFSETS, "the old Scala offsets name is known");
	CHECK_STR(cur,
		  "org.apache.kafka.tools.consumer."
		  "OffsetsMessageFormatter",
		  "as the offsets formatter");
	CHECK_INT(kt_printer_class("com.example.Mine", &k, &cur), -1,
		  "with the current name to use instead");
	CHECK_INT(kt_printer_class("", &k, &cur), -1,
		  "an unknown class is refused");
}

static void test_write(void)
{
	static const uint8_t hdr[] = {0x02, 'h', 0x02, 'x'};
	struct kt_printer p;
	struct kt_buf b;
	struct kt_err err;
	struct kt_msg m;

	memset(&m, 0, sizeof(m));
	m.topic = "t";
	m.partition = 1;
	m.offset = 7;
	m.timestamp = 1700000000000LL;
	m.ts_type = KT_TS_CREATE;
	m.leader_epoch = 0;
	m.key.p = (const uint8_t *)"k";
	m.key.len = 1;
	m.value.p = (const uint8_t *)"v";
	m.value.len = 1;
	m.headers.p = hdr;
	m.headers.len = sizeof(hdr);
	m.headers_count = 1;
	CHECK_INT(kt_printer_init(&p), 0, "an empty class is refused");
	kt_buf_init(&b, 0);
	CHECK_INT(kt_printer_write(&p, &m, &b, &err), 0, "init");
	kt_buf_puts(&b, "");
	CHECK_STR((char *)b.p, "v\n", "default: value and newline");
	kt_buf_reset(&b);
	p.kind = KT_PRINT_NOOP;
	CHECK_INT(kt_printer_write(&p, &m, &b, &err), 0, "written");
	CHECK_INT(b.len, 0, "the value only");
	p.kind = KT_PRINT_JSON;
	CHECK_INT(kt_printer_write(&p, &m, &b, &err), 0, "noop writes");
	kt_buf_puts(&b, "");
	CHECK_STR((char *)b.p,
		  "{\"topic\":\"t\",\"partition\":1,\"offset\":7,"
		  "\"timestamp\":1700000000000,\"timestamp_type\":"
		  "\"CreateTime\",\"leader_epoch\":0,\"key\":\"k\","
		  "\"value\":\"v\",\"headers\":[{\"key\":\"h\","
		  "\"value\":\"x\"}]}\n",
		  "nothing");
	/* __consumer_offsets formatter on a key it cannot read */
	kt_buf_reset(&b);
	p.kind = KT_PRINT_OFFSETS;
	CHECK_INT(kt_printer_write(&p, &m, &b, &err), -KT_EPROTO,
		  "the offsets formatter refuses a key it cannot read");
	CHECK_STR(err.msg,
		  "java.lang.RuntimeException: Could not read record at "
		  "offset 7 due to: Could not read version from key's buffer.",
		  "in the words of Apache's tool");
	kt_printer_release(&p);
	kt_buf_release(&b);
}

void test_printer(void)
{
	test_class();
	test_write();
}
