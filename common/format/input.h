/*
 * format/input.h - kafka-console-producer's input: a buffer over a file
 * descriptor that grows up to a limit, cut into records by a
 * struct kt_linesplit, and the skipping of a record longer than the limit
 * (it is reported, not sent, and reading goes on after its end).
 */
#ifndef KT_FORMAT_INPUT_H
#define KT_FORMAT_INPUT_H

#include "base/err.h"
#include "format/linereader.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct kt_input {
	int fd;
	uint8_t *p;
	size_t start, end; /* the pending input is p[start..end) */
	size_t cap, max;
	bool eof;
	bool skipping;	/* dropping the rest of a record that is too long */
	size_t skipped; /* that record's length so far (all of it once done) */
	struct kt_linesplit split; /* set up by the caller first */
};

/* Read fd into a buffer of cap bytes that may grow to max. in->split
 * must be set up already (kt_linesplit_init); the rest of *in is set
 * here. Returns 0 or -KT_ENOMEM. */
int kt_input_open(struct kt_input *in, int fd, size_t cap, size_t max,
		  struct kt_err *err);

/* Free the buffer and release the splitter. */
void kt_input_release(struct kt_input *in);

/* Read what is there (one read()). Returns the bytes read, 0 at eof, -1
 * on EINTR/EAGAIN, -2 when the buffer is full (a record longer than
 * max), -3 with err filled on a read error or out of memory. */
ssize_t kt_input_fill(struct kt_input *in, struct kt_err *err);

/* The next complete record of the pending input: 1 with *rec and *len
 * (a view valid until the next kt_input_fill), 0 when more input is
 * needed. */
int kt_input_next(struct kt_input *in, const uint8_t **rec, size_t *len);

/* Start dropping the record that kt_input_fill found too long (-2):
 * in->skipping is set and in->skipped counts from 0. */
void kt_input_skip_begin(struct kt_input *in);

/* Drop the rest of a record that is too long (in->skipping); true once
 * its end was found (or the input ended), when in->skipped is the
 * record's whole length without its delimiter; false when more input is
 * needed. */
bool kt_input_skip_rest(struct kt_input *in);

#endif
