/*
 * format/input.c - kafka-console-producer's input buffer: growing reads
 * of a file descriptor, records cut by the splitter, over-long records
 * skipped to their end.
 */
#include "format/input.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int kt_input_open(struct kt_input *in, int fd, size_t cap, size_t max,
		  struct kt_err *err)
{
	in->fd = fd;
	in->start = in->end = 0;
	in->cap = cap;
	in->max = max < cap ? cap : max;
	in->eof = false;
	in->skipping = false;
	in->skipped = 0;
	in->p = malloc(cap);
	if (!in->p)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	return 0;
}

void kt_input_release(struct kt_input *in)
{
	free(in->p);
	in->p = NULL;
	kt_linesplit_release(&in->split);
}

ssize_t kt_input_fill(struct kt_input *in, struct kt_err *err)
{
	ssize_t n;

	/* compact before a full buffer is grown or its record called too
	 * long: a record that starts late in the buffer may still fit */
	if (in->start > 0 &&
	    (in->start == in->end || in->start > in->cap / 2 ||
	     in->end == in->cap)) {
		/* split.scanned counts from start: it stays valid */
		memmove(in->p, in->p + in->start, in->end - in->start);
		in->end -= in->start;
		in->start = 0;
	}
	if (in->end == in->cap) {
		size_t cap = in->cap * 2;
		uint8_t *np;

		if (cap > in->max)
			cap = in->max;
		if (cap <= in->cap)
			return -2; /* record longer than the limit */
		np = realloc(in->p, cap);
		if (!np) {
			kt_err_set(err, KT_ENOMEM, "out of memory");
			return -3;
		}
		in->p = np;
		in->cap = cap;
	}
	n = read(in->fd, in->p + in->end, in->cap - in->end);
	if (n < 0) {
		if (errno == EINTR || errno == EAGAIN)
			return -1;
		kt_err_set(err, KT_EIO, "cannot read standard input: %s",
			   strerror(errno));
		return -3;
	}
	if (n == 0)
		in->eof = true;
	in->end += (size_t)n;
	return n;
}

int kt_input_next(struct kt_input *in, const uint8_t **rec, size_t *len)
{
	size_t used;

	if (kt_linesplit_next(&in->split, in->p + in->start,
			      in->end - in->start, in->eof, len, &used) != 1)
		return 0;
	*rec = in->p + in->start;
	in->start += used;
	return 1;
}

void kt_input_skip_begin(struct kt_input *in)
{
	in->skipping = true;
	in->skipped = 0;
}

bool kt_input_skip_rest(struct kt_input *in)
{
	size_t len, used, keep = in->split.dlen ? in->split.dlen : 1;

	if (kt_linesplit_next(&in->split, in->p + in->start,
			      in->end - in->start, in->eof, &len, &used) == 1) {
		in->skipped += len;
		in->start += used;
		in->skipping = false;
		return true;
	}
	if (in->eof) {
		in->skipped += in->end - in->start;
		in->start = in->end;
		in->skipping = false;
		return true;
	}
	/* keep what may be the start of a delimiter */
	if (in->end - in->start > keep) {
		in->skipped += in->end - keep - in->start;
		in->start = in->end - keep;
	}
	in->split.scanned = 0;
	return false;
}
