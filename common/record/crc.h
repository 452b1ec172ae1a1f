/*
 * record/crc.h - the two checksums of Kafka's record formats.
 *
 * CRC-32C (Castagnoli, polynomial 0x1EDC6F41, reflected 0x82F63B78) covers
 * magic-2 record batches (protocol.md §7.1, KIP-98); CRC-32 (IEEE 802.3, the
 * zlib one) covers magic 0/1 messages (§7.5).
 *
 * Both follow zlib's crc32() convention: start with crc = 0 and feed the
 * running value back to continue over more bytes, so
 * kt_crc32c(kt_crc32c(0, a, n), b, m) == CRC-32C of a then b.
 */
#ifndef KT_RECORD_CRC_H
#define KT_RECORD_CRC_H

#include <stddef.h>
#include <stdint.h>

/* CRC-32C of the n bytes at p, continuing from crc (0 to start). Uses the
 * crc32 instruction on three interleaved lanes when the CPU has SSE4.2 and
 * PCLMULQDQ (x86-64), else slice-by-8 tables. p may be NULL when n is 0. */
uint32_t kt_crc32c(uint32_t crc, const void *p, size_t n);

/* The portable slice-by-8 path of kt_crc32c, whatever the CPU. Exported for
 * tests and benchmarks that compare both paths. */
uint32_t kt_crc32c_sw(uint32_t crc, const void *p, size_t n);

/* True when kt_crc32c uses the CPU instructions. */
int kt_crc32c_hw(void);

/* CRC-32 (IEEE) of the n bytes at p, continuing from crc (0 to start);
 * zlib's crc32(), taking a size_t length. */
uint32_t kt_crc32(uint32_t crc, const void *p, size_t n);

#endif
