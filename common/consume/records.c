/*
 * consume/records.c - handing out records: iteration over the fetched
 * chunks with the batch decoder kafka-dump-log uses, aborted transactions
 * and control records hidden (KIP-98, read_committed), corrupt data
 * reported, and the written positions the group commits.
 */
#include "consume/consumer_int.h"
#include "wire/kerr.h"

#include <inttypes.h>

/* --- iteration ----------------------------------------------------------- */

void kt_consumer_reset_iter(struct kt_consumer *c)
{
	c->it_ch = NULL;
	c->in_batch = false;
	c->in_legacy = false;
	c->single_pending = false;
	c->n_aborted_pids = 0;
	c->aborted_next = 0;
}

static bool pid_aborted(const struct kt_consumer *c, int64_t pid, size_t *at)
{
	size_t i;

	for (i = 0; i < c->n_aborted_pids; i++)
		if (c->aborted_pids[i] == pid) {
			if (at)
				*at = i;
			return true;
		}
	return false;
}

/* Java's CompletedFetch: aborted transactions with a first offset up to
 * last become active; an ABORT marker ends its producer's. */
static bool batch_aborted(struct kt_consumer *c, const struct kt_batch *b)
{
	struct chunk *ch = c->it_ch;
	int64_t last = kt_batch_last_offset(b);
	size_t at;

	while (c->aborted_next < ch->n_aborted &&
	       ch->aborted[c->aborted_next].first_offset <= last) {
		int64_t pid = ch->aborted[c->aborted_next++].producer_id;

		if (pid_aborted(c, pid, NULL))
			continue;
		if (c->n_aborted_pids == c->cap_aborted_pids) {
			size_t cap = c->cap_aborted_pids
					     ? c->cap_aborted_pids * 2
					     : 8;
			int64_t *n = realloc(c->aborted_pids, cap * sizeof(*n));

			if (!n)
				break;
			c->aborted_pids = n;
			c->cap_aborted_pids = cap;
		}
		c->aborted_pids[c->n_aborted_pids++] = pid;
	}
	if (kt_batch_is_control(b)) {
		struct kt_record_iter it;
		struct kt_record rec;
		struct kt_control ctl;
		struct kt_err e;

		kt_record_iter_init(&it, b, b->records);
		if (kt_batch_codec(b) == 0 &&
		    kt_record_iter_next(&it, &rec, &e) > 0 &&
		    kt_control_parse(&rec, &ctl, &e) == 0 &&
		    kt_control_type(&ctl) == KT_CONTROL_ABORT &&
		    pid_aborted(c, b->producer_id, &at))
			c->aborted_pids[at] =
				c->aborted_pids[--c->n_aborted_pids];
		return false;
	}
	return kt_batch_is_transactional(b) &&
	       pid_aborted(c, b->producer_id, NULL);
}

static void skipped_to(struct cpart *p, int64_t next)
{
	if (next > p->returned)
		p->returned = next;
	if (!p->unwritten)
		p->written = p->returned;
}

static void corrupt(struct kt_consumer *c, struct cpart *p, int64_t offset,
		    struct kt_err *e)
{
	kt_err_prefix(e, "corrupt record batch in '%s'-%d at offset %" PRId64,
		      p->topic, p->partition, offset);
	kt_consumer_fail(c, e);
}

static void fill_msg(struct kt_msg *m, struct cpart *p)
{
	m->topic = p->topic;
	m->partition = p->partition;
}

/* Finish the head chunk. */
static void pop_chunk(struct kt_consumer *c)
{
	struct chunk *ch = c->q_head;

	kt_consumer_reset_iter(c);
	if (!ch)
		return;
	c->q_head = ch->next;
	if (!c->q_head)
		c->q_tail = NULL;
	ch->p->nq--;
	kt_consumer_chunk_free(ch);
}

/* 1 with a record in *m, 0 when no record is buffered, < 0 fatal. */
int kt_consumer_iter_next(struct kt_consumer *c, struct kt_msg *m)
{
	struct kt_err e;
	int r;

	for (;;) {
		struct chunk *ch = c->q_head;
		struct cpart *p;

		if (c->fatal)
			return -c->fatal;
		if (!ch)
			return 0;
		p = ch->p;
		if (c->it_ch != ch) {
			kt_consumer_reset_iter(c);
			c->it_ch = ch;
			kt_region_init(&c->rg, ch->records.p, ch->records.len,
				       0, 0, 0);
		}
		kt_err_clear(&e);
		if (c->in_batch) {
			struct kt_record rec;

			r = kt_record_iter_next(&c->ri, &rec, &e);
			if (r < 0) {
				corrupt(c, p, c->ent.batch.base_offset, &e);
				return -c->fatal;
			}
			if (r == 0) {
				c->in_batch = false;
				skipped_to(p,
					   kt_batch_last_offset(&c->ent.batch) +
						   1);
				continue;
			}
			if (rec.offset < ch->fetch_offset)
				continue;
			if (c->opts.stop_at_end && p->end >= 0 &&
			    rec.offset >= p->end) {
				skipped_to(p, p->end);
				pop_chunk(c);
				continue;
			}
			fill_msg(m, p);
			m->offset = rec.offset;
			m->timestamp = rec.timestamp;
			m->ts_type = kt_batch_ts_type(&c->ent.batch);
			m->leader_epoch = c->ent.batch.partition_leader_epoch;
			m->key = rec.key;
			m->value = rec.value;
			m->headers = rec.headers;
			m->headers_count = rec.headers_count;
			p->returned = rec.offset + 1;
			p->unwritten = true;
			return 1;
		}
		if (c->in_legacy || c->single_pending) {
			struct kt_legacy lm;

			if (c->single_pending) {
				lm = c->single;
				c->single_pending = false;
				r = 1;
			} else {
				r = kt_legacy_iter_next(&c->li, &lm, &e);
			}
			if (r < 0) {
				corrupt(c, p, c->ent.legacy.offset, &e);
				return -c->fatal;
			}
			if (r == 0) {
				c->in_legacy = false;
				skipped_to(p, c->ent.legacy.offset + 1);
				continue;
			}
			if (lm.offset < ch->fetch_offset)
				continue;
			if (c->opts.stop_at_end && p->end >= 0 &&
			    lm.offset >= p->end) {
				skipped_to(p, p->end);
				pop_chunk(c);
				continue;
			}
			fill_msg(m, p);
			m->offset = lm.offset;
			m->timestamp = lm.timestamp;
			m->ts_type = kt_legacy_ts_type(&lm);
			m->leader_epoch = -1;
			m->key = lm.key;
			m->value = lm.value;
			m->headers.p = NULL;
			m->headers.len = 0;
			m->headers_count = 0;
			p->returned = lm.offset + 1;
			p->unwritten = true;
			return 1;
		}
		r = kt_region_next(&c->rg, &c->ent, &e);
		if (r < 0) {
			corrupt(c, p, ch->fetch_offset, &e);
			return -c->fatal;
		}
		if (r == 0) {
			pop_chunk(c);
			continue;
		}
		if (c->ent.magic == 2) {
			struct kt_batch *b = &c->ent.batch;
			struct kt_bytes recs;

			if (kt_batch_last_offset(b) < ch->fetch_offset)
				continue;
			if (c->conf.check_crcs && !kt_batch_crc_ok(b)) {
				kt_err_set(&e, KT_ECRC,
					   "record is corrupt (stored crc = "
					   "%" PRIu32
					   ", computed crc = %" PRIu32 ")",
					   b->crc, kt_batch_crc_compute(b));
				corrupt(c, p, b->base_offset, &e);
				return -c->fatal;
			}
			if (c->conf.isolation_level == KT_READ_COMMITTED &&
			    b->producer_id >= 0 && batch_aborted(c, b)) {
				skipped_to(p, kt_batch_last_offset(b) + 1);
				continue;
			}
			if (kt_batch_is_control(b)) {
				skipped_to(p, kt_batch_last_offset(b) + 1);
				continue;
			}
			if (kt_batch_records(b, &c->scratch, &recs, &e) < 0) {
				corrupt(c, p, b->base_offset, &e);
				return -c->fatal;
			}
			kt_record_iter_init(&c->ri, b, recs);
			c->in_batch = true;
			continue;
		}
		/* magic 0/1 */
		if (c->conf.check_crcs && !kt_legacy_crc_ok(&c->ent.legacy)) {
			kt_err_set(&e, KT_ECRC,
				   "record is corrupt (stored crc = %" PRIu32
				   ", computed crc = %" PRIu32 ")",
				   c->ent.legacy.crc,
				   kt_legacy_crc_compute(&c->ent.legacy));
			corrupt(c, p, c->ent.legacy.offset, &e);
			return -c->fatal;
		}
		if (kt_legacy_codec(&c->ent.legacy)) {
			if (kt_legacy_inner(&c->li, &c->ent.legacy, &c->scratch,
					    &e) < 0) {
				corrupt(c, p, c->ent.legacy.offset, &e);
				return -c->fatal;
			}
			c->in_legacy = true;
		} else {
			c->single = c->ent.legacy;
			c->single_pending = true;
			c->in_legacy = true;
		}
	}
}

void kt_consumer_written(struct kt_consumer *c)
{
	size_t i;

	for (i = 0; i < c->n_parts; i++) {
		c->parts[i]->written = c->parts[i]->returned;
		c->parts[i]->unwritten = false;
	}
}
