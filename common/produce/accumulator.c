/*
 * produce/accumulator.c - Java's RecordAccumulator and BuiltInPartitioner:
 * records appended to an open batch per partition, batches closed by size or
 * linger.ms and queued in order, the sticky partition for records without a
 * key (KIP-794), and send() with its bounds (max.request.size,
 * buffer.memory).
 */
#include "produce/producer_int.h"

void kt_pr_batch_free(struct kt_producer *p, struct pbatch *b)
{
	if (!b)
		return;
	if (b->open)
		kt_batch_writer_abort(&b->w);
	p->queued -= (int64_t)b->acct;
	kt_buf_release(&b->buf);
	free(b->ids);
	free(b);
}

/* Count what b really holds (buffer capacities, ids, the writer's staging
 * buffer) against buffer.memory, so that the cap bounds the process. */
void kt_pr_batch_account(struct kt_producer *p, struct pbatch *b)
{
	size_t a = sizeof(*b) + b->buf.cap + (size_t)b->cap * sizeof(int64_t);

	if (b->open)
		a += b->w.recs.cap;
	p->queued += (int64_t)a - (int64_t)b->acct;
	b->acct = a;
}

struct pbatch *kt_pr_batch_new(struct kt_producer *p, int32_t part, size_t hint,
			       struct kt_err *err)
{
	struct kt_batch_spec spec;
	struct pbatch *b = calloc(1, sizeof(*b));

	if (!b) {
		kt_err_set(err, KT_ENOMEM, "out of memory");
		return NULL;
	}
	b->part = part;
	b->base_seq = b->sent_seq = -1;
	b->created = kt_now_ms();
	kt_buf_init(&b->buf, 0);
	if (hint && kt_buf_grow(&b->buf, hint) < 0) {
		kt_err_set(err, KT_ENOMEM, "out of memory");
		free(b);
		return NULL;
	}
	kt_batch_spec_init(&spec);
	spec.codec = p->conf.codec;
	spec.level = p->conf.level[p->conf.codec];
	if (p->idem) {
		spec.producer_id = p->pid;
		spec.producer_epoch = p->epoch;
	}
	if (kt_batch_writer_begin(&b->w, &b->buf, &spec, err) < 0) {
		kt_buf_release(&b->buf);
		free(b);
		return NULL;
	}
	b->open = true;
	kt_pr_batch_account(p, b);
	return b;
}

int kt_pr_batch_add_id(struct pbatch *b, int64_t id)
{
	if (b->n == b->cap) {
		int32_t cap = b->cap ? b->cap * 2 : 64;
		int64_t *v = realloc(b->ids, (size_t)cap * sizeof(*v));

		if (!v)
			return -KT_ENOMEM;
		b->ids = v;
		b->cap = cap;
	}
	b->ids[b->n++] = id;
	return 0;
}

/* Java's MemoryRecordsBuilder.estimatedBytesWritten: the header plus the
 * uncompressed records scaled by the estimated ratio and 1.05. */
static size_t batch_estimate(const struct kt_producer *p,
			     const struct pbatch *b)
{
	if (p->conf.codec == KT_CODEC_NONE)
		return kt_batch_writer_size(&b->w);
	return KT_BATCH_HEADER_LEN + (size_t)((double)b->raw * p->ratio * 1.05);
}

/* Java's CompressionRatioEstimator.updateEstimation. */
static void ratio_update(struct kt_producer *p, const struct pbatch *b)
{
	double observed;

	if (p->conf.codec == KT_CODEC_NONE || b->raw == 0)
		return;
	observed = (double)(b->buf.len - KT_BATCH_HEADER_LEN) / (double)b->raw;
	if (observed > p->ratio)
		p->ratio =
			observed > p->ratio + 0.05 ? observed : p->ratio + 0.05;
	else if (observed < p->ratio)
		p->ratio = observed > p->ratio - 0.005 ? observed
						       : p->ratio - 0.005;
	if (p->ratio > 1.0)
		p->ratio = 1.0;
}

static void queue_append(struct ppart *pp, struct pbatch *b)
{
	b->next = NULL;
	if (pp->tail)
		pp->tail->next = b;
	else
		pp->head = b;
	pp->tail = b;
}

void kt_pr_queue_remove(struct ppart *pp, struct pbatch *b)
{
	struct pbatch **pb = &pp->head, *prev = NULL;

	while (*pb && *pb != b) {
		prev = *pb;
		pb = &(*pb)->next;
	}
	if (!*pb)
		return;
	*pb = b->next;
	if (pp->tail == b)
		pp->tail = prev;
	b->next = NULL;
	pp->n_batches--;
}

void kt_pr_report_batch(struct kt_producer *p, struct pbatch *b,
			const struct kt_err *e, int32_t from, int32_t to,
			bool unknown)
{
	struct kt_report r;
	int32_t i;

	for (i = from; i < to; i++) {
		r.id = b->ids[i];
		r.topic = p->topic;
		r.partition = b->part;
		r.err = e;
		r.unknown = unknown;
		p->st.failed++;
		if (p->report)
			p->report(p->report_arg, &r);
	}
}

/* Finish the open batch of pp and queue it for sending. On an encoding
 * failure (out of memory, a codec error) its records are reported. */
void kt_pr_batch_close(struct kt_producer *p, struct ppart *pp)
{
	struct pbatch *b = pp->open;
	struct kt_err e;

	if (!b)
		return;
	pp->open = NULL;
	b->open = false;
	if (kt_batch_writer_finish(&b->w, &e) < 0) {
		kt_err_prefix(&e, "cannot encode batch for %s-%d", p->topic,
			      b->part);
		kt_pr_report_batch(p, b, &e, 0, b->n, false);
		pp->n_batches--;
		kt_pr_batch_free(p, b);
		return;
	}
	ratio_update(p, b);
	kt_pr_batch_account(p, b);
	queue_append(pp, b);
}

/* KIP-794's next sticky partition: a random partition with a leader,
 * weighted by inverse queue depth when adaptive (BuiltInPartitioner). */
static int32_t next_sticky(struct kt_producer *p)
{
	int64_t total = 0, pick;
	int32_t i, max_q = 0, n_avail = 0;

	for (i = 0; i < p->n_parts; i++) {
		if (p->parts[i].leader < 0)
			continue;
		n_avail++;
		if (p->parts[i].n_batches > max_q)
			max_q = p->parts[i].n_batches;
	}
	if (n_avail == 0)
		return (int32_t)(rnd(p) % (uint64_t)p->n_parts);
	for (i = 0; i < p->n_parts; i++)
		if (p->parts[i].leader >= 0)
			total += p->conf.adaptive
					 ? max_q + 1 - p->parts[i].n_batches
					 : 1;
	pick = (int64_t)(rnd(p) % (uint64_t)total);
	for (i = 0; i < p->n_parts; i++) {
		int64_t w;

		if (p->parts[i].leader < 0)
			continue;
		w = p->conf.adaptive ? max_q + 1 - p->parts[i].n_batches : 1;
		if (pick < w)
			return i;
		pick -= w;
	}
	return 0;
}

/* Upper bound of the encoded record, as Java's
 * estimateSizeInBytesUpperBound (without the batch header). */
static size_t record_bound(const struct kt_prec *r)
{
	size_t n = 1 + 10 + 5 + 5 + 5 + 5 + 5, i;

	n += r->key.p ? r->key.len : 0;
	n += r->value.p ? r->value.len : 0;
	for (i = 0; i < r->n_headers; i++)
		n += 10 + r->headers[i].key.len +
		     (r->headers[i].value.p ? r->headers[i].value.len : 0);
	return n;
}

size_t kt_producer_record_size(const struct kt_prec *rec)
{
	return kt_record_size_upper_bound(rec->key, rec->value, rec->headers,
					  rec->n_headers);
}

int kt_producer_send(struct kt_producer *p, const struct kt_prec *rec,
		     struct kt_err *err)
{
	struct kt_record_spec rs;
	struct ppart *pp;
	struct pbatch *b;
	size_t bound = record_bound(rec), before, added, est_before, est;
	int32_t part = rec->partition;
	bool sticky = false;

	/* KafkaProducer.ensureValidRecordSize with Java's estimate, which is
	 * never above bound + the header: only a record past the limit by
	 * that bound needs the estimate */
	if (bound + KT_BATCH_HEADER_LEN > (size_t)p->conf.max_request_size) {
		size_t jsize = kt_producer_record_size(rec);

		if (jsize > (size_t)p->conf.max_request_size)
			return kt_err_set(err, KT_ETOOBIG,
					  "The message is %zu bytes when "
					  "serialized which is larger than %d, "
					  "which is the value of the "
					  "max.request.size configuration.",
					  jsize, p->conf.max_request_size);
	}
	if ((int64_t)(bound + KT_BATCH_HEADER_LEN) > p->conf.buffer_memory)
		return kt_err_set(err, KT_ETOOBIG,
				  "The message is %zu bytes when serialized "
				  "which is larger than the total memory "
				  "buffer you have configured with the "
				  "buffer.memory configuration.",
				  bound + KT_BATCH_HEADER_LEN);
	if (part != KT_PARTITION_ANY) {
		if (part < 0 || part >= p->n_parts)
			return kt_err_set(err, KT_EINVAL,
					  "partition %d of topic '%s' does not "
					  "exist (the topic has %d partitions)",
					  part, p->topic, p->n_parts);
	} else if (rec->key.p && !p->conf.ignore_keys) {
		part = kt_partition_for_key(rec->key.p, rec->key.len,
					    p->n_parts);
	} else {
		if (p->sticky < 0)
			p->sticky = next_sticky(p);
		part = p->sticky;
		sticky = true;
	}
	pp = &p->parts[part];
	b = pp->open;
	if (b && b->n > 0 &&
	    batch_estimate(p, b) + bound > (size_t)p->conf.batch_size)
		kt_pr_batch_close(p, pp);
	if (!pp->open) {
		size_t hint = (size_t)p->conf.batch_size + 256;

		if (hint < bound + KT_BATCH_HEADER_LEN)
			hint = bound + KT_BATCH_HEADER_LEN;
		if (p->conf.codec != KT_CODEC_NONE)
			hint = 0; /* records are staged by the writer */
		pp->open = kt_pr_batch_new(p, part, hint, err);
		if (!pp->open)
			return -KT_ENOMEM;
		pp->n_batches++;
	}
	b = pp->open;
	est_before = b->n > 0 ? batch_estimate(p, b) : 0;
	memset(&rs, 0, sizeof(rs));
	rs.timestamp = rec->timestamp >= 0 ? rec->timestamp : wall_ms();
	rs.offset_delta = KT_OFFSET_NEXT;
	rs.key = rec->key;
	rs.value = rec->value;
	rs.headers = rec->headers;
	rs.headers_count = rec->n_headers;
	before = kt_batch_writer_size(&b->w);
	if (kt_pr_batch_add_id(b, rec->id) < 0)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	if (kt_batch_writer_add(&b->w, &rs, err) < 0) {
		b->n--;
		return -KT_ENOMEM;
	}
	added = kt_batch_writer_size(&b->w) - before;
	b->raw += added;
	kt_pr_batch_account(p, b);
	p->st.sent++;
	est = batch_estimate(p, b);
	if (est >= (size_t)p->conf.batch_size)
		kt_pr_batch_close(p, pp);
	if (sticky) {
		/* BuiltInPartitioner counts the batch's estimated growth
		 * (compressed when compressing), so that the partition
		 * changes when its batch is full, not with an open batch
		 * left to wait for linger.ms */
		pp->produced += (int64_t)(est - est_before);
		if ((pp->produced >= p->conf.batch_size && !pp->open) ||
		    pp->produced >= 2 * (int64_t)p->conf.batch_size) {
			pp->produced = 0;
			if (p->n_parts > 1) {
				int32_t nx = next_sticky(p), tries = 0;

				while (nx == part && tries++ < 8)
					nx = next_sticky(p);
				p->sticky = nx;
			}
		}
	}
	return 0;
}

bool kt_producer_full(const struct kt_producer *p)
{
	return p->queued >= p->conf.buffer_memory;
}

int64_t kt_producer_pending(const struct kt_producer *p)
{
	return p->st.sent - p->st.acked - p->st.failed;
}
