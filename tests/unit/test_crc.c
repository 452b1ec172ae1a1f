/*
 * test_crc.c - CRC-32C and CRC-32: the check values of protocol.md §7.4,
 * Kafka's Crc32CTest vector, the slice-by-8 tables against a bit-by-bit
 * reference, the hardware path against the software one for every length
 * and alignment around the 8-byte steps, and chaining; the 3-lane
 * hardware path against slice-by-8 for every length through two long
 * blocks and every alignment mod 8, so each lane size and each joining
 * constant is exercised.
 */
#include "unit.h"

#include "record/crc.h"

#include <stdlib.h>

void test_crc(void);

/* Bit-at-a-time CRC-32C: the definition, nothing clever. */
static uint32_t crc32c_ref(const uint8_t *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0x82F63B78u & (0u - (c & 1)));
	}
	return ~c;
}

static void test_vectors(void)
{
	const char *s = "123456789";

	CHECK_INT(kt_crc32c(0, s, 9), 0xE3069283u, "crc32c check value");
	CHECK_INT(kt_crc32c_sw(0, s, 9), 0xE3069283u,
		  "crc32c check value (slice-by-8)");
	CHECK_INT(kt_crc32c(0, "Some String", 11), 608512271u,
		  "crc32c Kafka Crc32CTest vector");
	CHECK_INT(kt_crc32(0, s, 9), 0xCBF43926u, "crc32 check value");
	CHECK_INT(kt_crc32c(0, NULL, 0), 0, "crc32c of nothing is 0");
	CHECK_INT(kt_crc32c(0x1234, NULL, 0), 0x1234,
		  "crc32c of nothing keeps the running value");
	/* 32 bytes of zeros: RFC 3720 (iSCSI) B.4 */
	{
		uint8_t z[32] = {0}, ff[32], inc[32];
		int i;

		for (i = 0; i < 32; i++) {
			ff[i] = 0xff;
			inc[i] = (uint8_t)i;
		}
		CHECK_INT(kt_crc32c(0, z, 32), 0x8A9136AAu,
			  "crc32c RFC 3720 zeros");
		CHECK_INT(kt_crc32c(0, ff, 32), 0x62A8AB43u,
			  "crc32c RFC 3720 ones");
		CHECK_INT(kt_crc32c(0, inc, 32), 0x46DD794Eu,
			  "crc32c RFC 3720 incrementing");
	}
}

static void test_paths(void)
{
	uint8_t *buf = malloc(4096 + 16);
	size_t len, off;
	int bad_sw = 0, bad_hw = 0, bad_chain = 0;
	uint32_t seed = 12345;

	for (len = 0; len < 4096 + 16; len++) {
		seed = seed * 1103515245u + 12345u;
		buf[len] = (uint8_t)(seed >> 16);
	}
	for (off = 0; off < 16; off++) {
		for (len = 0; len < 300; len++) {
			uint32_t want = crc32c_ref(buf + off, len);

			bad_sw += kt_crc32c_sw(0, buf + off, len) != want;
			bad_hw += kt_crc32c(0, buf + off, len) != want;
			/* split anywhere and chain */
			bad_chain +=
				kt_crc32c(kt_crc32c_sw(0, buf + off, len / 3),
					  buf + off + len / 3,
					  len - len / 3) != want;
		}
	}
	CHECK_INT(bad_sw, 0,
		  "slice-by-8 matches the bitwise reference "
		  "(16 alignments x 300 lengths)");
	CHECK_INT(bad_hw, 0, "kt_crc32c (%s) matches the bitwise reference",
		  kt_crc32c_hw() ? "sse4.2 + pclmul, 3 lanes" : "software");
	CHECK_INT(bad_chain, 0, "chained crc32c equals the one-shot value");
	CHECK_INT(kt_crc32c(0, buf, 4096), crc32c_ref(buf, 4096),
		  "crc32c over 4 KiB");
	CHECK_INT(kt_crc32(kt_crc32(0, buf, 1000), buf + 1000, 3000),
		  kt_crc32(0, buf, 4000), "chained crc32");
	free(buf);
}

/*
 * kt_crc32c cuts inputs into blocks of 3 x 4096 and 3 x 256 bytes (after
 * an 8-byte alignment head) and joins the lanes with constants; compare
 * it with slice-by-8 for every length up to two long blocks, one short
 * block and a tail, at every alignment mod 8. The reference of every
 * prefix comes from one incremental slice-by-8 pass.
 */
static void test_lanes(void)
{
	enum { MAXLEN = 2 * 3 * 4096 + 3 * 256 + 64, ALIGNS = 8 };
	uint8_t *buf = malloc(MAXLEN + ALIGNS);
	uint32_t *ref = malloc((MAXLEN + 1) * sizeof(*ref));
	uint32_t seed = 777;
	size_t len, off;
	int bad = 0, bad_chain = 0;

	for (len = 0; len < MAXLEN + ALIGNS; len++) {
		seed = seed * 1103515245u + 12345u;
		buf[len] = (uint8_t)(seed >> 16);
	}
	for (off = 0; off < ALIGNS; off++) {
		ref[0] = 0;
		for (len = 1; len <= MAXLEN; len++)
			ref[len] = kt_crc32c_sw(ref[len - 1],
						buf + off + len - 1, 1);
		for (len = 0; len <= MAXLEN; len++)
			bad += kt_crc32c(0, buf + off, len) != ref[len];
		/* continuing from a running value goes through lane A */
		for (len = 0; len <= MAXLEN; len += 97)
			bad_chain +=
				kt_crc32c(ref[len / 2], buf + off + len / 2,
					  len - len / 2) != ref[len];
	}
	CHECK_INT(bad, 0,
		  "kt_crc32c matches slice-by-8 for every length to %d at "
		  "%d alignments",
		  MAXLEN, ALIGNS);
	CHECK_INT(bad_chain, 0,
		  "kt_crc32c continues a running value through the lanes");
	free(ref);
	free(buf);
}

void test_crc(void)
{
	test_vectors();
	test_paths();
	test_lanes();
}
