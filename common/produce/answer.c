/*
 * produce/answer.c - the answer to each batch of a Produce request, as
 * Java's Sender.completeBatch and TransactionManager handle it: acknowledged,
 * retried in order, split when too large, records named by RecordErrors
 * (KIP-467) reported and the rest resent, sequences settled or put in doubt
 * (the failure rules at the top of producer.c).
 */
#include "produce/producer_int.h"

/* Write producer id, epoch and base sequence into the batch header and
 * recompute its CRC (the CRC covers them). */
void kt_pr_batch_patch(struct pbatch *b, int64_t pid, int16_t epoch,
		       int32_t seq)
{
	uint8_t *h = b->buf.p;

	kt_store_be32(h + 43, (uint32_t)((uint64_t)pid >> 32));
	kt_store_be32(h + 47, (uint32_t)pid);
	h[51] = (uint8_t)((uint16_t)epoch >> 8);
	h[52] = (uint8_t)epoch;
	kt_store_be32(h + 53, (uint32_t)seq);
	kt_store_be32(h + 17, kt_crc32c(0, h + KT_BATCH_CRC_START,
					b->buf.len - KT_BATCH_CRC_START));
}

/* Whether sequence a comes after b (within half the sequence space, as
 * sequences wrap at INT32_MAX). */
bool kt_pr_seq_after(int32_t a, int32_t b)
{
	int32_t d = seq_move(a, -(int64_t)b);

	return d > 0 && d < INT32_MAX / 2;
}

/*
 * b, which took sequences, leaves without being acknowledged (reported, or
 * re-encoded with fewer records): the broker may or may not have written
 * it, so the sequences of its partition are in doubt. As Java's
 * TransactionManager (markSequenceUnresolved, maybeResolveSequences), the
 * partition sends no new batch until its requests in flight are answered;
 * then, if the broker acknowledged everything up to the next sequence,
 * nothing was lost; otherwise the epoch is bumped and every batch not yet
 * acknowledged gets new sequences from 0 (for an idempotent producer Java
 * bumps rather than renumbering in place:
 * TransactionManager.handleFailedBatch).
 */
void kt_pr_seq_lost(struct kt_producer *p, struct ppart *pp,
		    const struct pbatch *b)
{
	if (!p->idem || b->base_seq < 0)
		return;
	pp->unresolved = true;
	pp->hold = true;
}

void kt_pr_batch_failed(struct kt_producer *p, struct pbatch *b,
			const struct kt_err *e, bool unknown)
{
	struct ppart *pp = &p->parts[b->part];

	kt_pr_queue_remove(pp, b);
	kt_pr_report_batch(p, b, e, 0, b->n, unknown);
	kt_pr_seq_lost(p, pp, b);
	kt_pr_batch_free(p, b);
}

void kt_pr_batch_acked(struct kt_producer *p, struct pbatch *b)
{
	struct ppart *pp = &p->parts[b->part];

	kt_pr_queue_remove(pp, b);
	if (p->idem && b->sent_seq >= 0 && b->sent_epoch == p->epoch &&
	    kt_pr_seq_after(seq_move(b->sent_seq, b->n), pp->acked_seq))
		pp->acked_seq = seq_move(b->sent_seq, b->n);
	p->st.acked += b->n;
	kt_pr_batch_free(p, b);
}

/* Ask for a metadata refresh now, unless one was made within
 * retry.backoff.ms (Java's Metadata.requestUpdate with its backoff). */
void kt_pr_want_metadata(struct kt_producer *p)
{
	int64_t at = kt_now_ms();

	if (at < p->md_due - p->conf.client.metadata_max_age_ms)
		at = p->md_due - p->conf.client.metadata_max_age_ms;
	if (p->md_due > at)
		p->md_due = at;
}

/* Whether the broker's answer code leaves the write in doubt: a timeout
 * on its side, or written to the leader but not replicated. */
static bool code_maybe_written(int16_t code)
{
	return code == -1 /* UNKNOWN_SERVER_ERROR */ ||
	       code == 7 /* REQUEST_TIMED_OUT */ ||
	       code == 13 /* NETWORK_EXCEPTION */ ||
	       code == 20 /* NOT_ENOUGH_REPLICAS_AFTER_APPEND */;
}

/* The batch goes back to wait for a resend (or fails when out of retries
 * or time). As Java's Sender.canRetry: attempts < retries and
 * delivery.timeout.ms not passed. */
void kt_pr_batch_retry(struct kt_producer *p, struct pbatch *b,
		       const struct kt_err *e)
{
	struct ppart *pp = &p->parts[b->part];
	int64_t now = kt_now_ms();

	b->attempts++;
	if (b->attempts > p->conf.retries ||
	    now >= b->created + p->conf.delivery_timeout_ms) {
		struct kt_err f = *e;

		if (b->attempts > p->conf.retries)
			kt_err_prefix(&f, "gave up after %d attempts",
				      b->attempts);
		else
			kt_err_prefix(&f,
				      "delivery.timeout.ms (%lld ms) "
				      "passed",
				      (long long)p->conf.delivery_timeout_ms);
		kt_pr_batch_failed(p, b, &f, b->maybe_written);
		return;
	}
	b->retry_at = now + backoff_ms(p, b->attempts);
	pp->hold = true;
	p->st.retries++;
}

/* Re-encode the records of b that are not in drop (may be NULL) into
 * batches of at most per records (0: one batch). The new batches replace b
 * in the queue and keep its ids, creation time, attempts and sequences
 * (base_seq of each continues where the previous ended). Returns the number
 * of records kept, or a negative KT_E*. */
static int batch_rebuild(struct kt_producer *p, struct pbatch *b,
			 const bool *drop, int32_t per, struct kt_err *err)
{
	struct ppart *pp = &p->parts[b->part];
	struct kt_batch kb;
	struct kt_buf scratch;
	struct kt_bytes recs;
	struct kt_record_iter it;
	struct kt_record rec;
	struct pbatch *first = NULL, *last = NULL, *cur = NULL, *x;
	struct kt_header *hv = NULL;
	int32_t i = 0, kept = 0;
	int rc;

	kt_buf_init(&scratch, 0);
	if (kt_batch_parse(&kb, b->buf.p, b->buf.len, 0, err) < 0 ||
	    kt_batch_records(&kb, &scratch, &recs, err) < 0) {
		rc = -KT_EPROTO;
		goto out;
	}
	kt_record_iter_init(&it, &kb, recs);
	while ((rc = kt_record_iter_next(&it, &rec, err)) > 0) {
		struct kt_record_spec rs;
		struct kt_header_iter hi;
		size_t nh = 0;

		if (i >= b->n) {
			rc = kt_err_set(err, KT_EPROTO,
					"batch has more "
					"records than ids");
			goto out;
		}
		if (drop && drop[i]) {
			i++;
			continue;
		}
		if (!cur || (per > 0 && cur->n >= per)) {
			if (cur && kt_batch_writer_finish(&cur->w, err) < 0) {
				rc = -KT_ENOMEM;
				goto out;
			}
			if (cur)
				cur->open = false;
			cur = kt_pr_batch_new(p, b->part, 0, err);
			if (!cur) {
				rc = -KT_ENOMEM;
				goto out;
			}
			cur->created = b->created;
			cur->attempts = b->attempts;
			cur->maybe_written = b->maybe_written;
			cur->rebuilt = true;
			if (b->base_seq >= 0)
				cur->base_seq = seq_move(b->base_seq, kept);
			if (last)
				last->next = cur;
			else
				first = cur;
			last = cur;
		}
		free(hv);
		hv = rec.headers_count > 0
			     ? calloc((size_t)rec.headers_count, sizeof(*hv))
			     : NULL;
		if (rec.headers_count > 0 && !hv) {
			rc = kt_err_set(err, KT_ENOMEM, "out of memory");
			goto out;
		}
		kt_header_iter_init(&hi, &rec);
		while (nh < (size_t)rec.headers_count &&
		       kt_header_iter_next(&hi, &hv[nh]) > 0)
			nh++;
		memset(&rs, 0, sizeof(rs));
		rs.timestamp = rec.timestamp;
		rs.offset_delta = KT_OFFSET_NEXT;
		rs.key = rec.key;
		rs.value = rec.value;
		rs.headers = hv;
		rs.headers_count = nh;
		if (kt_batch_writer_add(&cur->w, &rs, err) < 0 ||
		    kt_pr_batch_add_id(cur, b->ids[i]) < 0) {
			rc = -KT_ENOMEM;
			goto out;
		}
		cur->raw += rec.size;
		kept++;
		i++;
	}
	if (rc < 0)
		goto out;
	if (cur && kt_batch_writer_finish(&cur->w, err) < 0) {
		rc = -KT_ENOMEM;
		goto out;
	}
	if (cur)
		cur->open = false;
	/* splice the new batches in place of b */
	for (x = first; x; x = x->next) {
		kt_pr_batch_account(p, x);
		pp->n_batches++;
	}
	if (first) {
		struct pbatch **pb = &pp->head;

		while (*pb && *pb != b)
			pb = &(*pb)->next;
		last->next = b->next;
		*pb = first;
		if (pp->tail == b)
			pp->tail = last;
		b->next = NULL;
		pp->n_batches--;
	} else {
		kt_pr_queue_remove(pp, b);
	}
	rc = kept;
	first = NULL;
out:
	while (first) {
		x = first->next;
		kt_pr_batch_free(p, first);
		first = x;
	}
	free(hv);
	kt_buf_release(&scratch);
	return rc;
}

/* Java's InvalidMetadataException codes: the client's view of the
 * cluster is stale, refresh it before the retry. */
static bool code_invalid_metadata(int16_t code)
{
	return code == 3 /* UNKNOWN_TOPIC_OR_PARTITION */ ||
	       code == 5 /* LEADER_NOT_AVAILABLE */ ||
	       code == 6 /* NOT_LEADER_OR_FOLLOWER */ ||
	       code == 13 /* NETWORK_EXCEPTION */ ||
	       code == 56 /* KAFKA_STORAGE_ERROR */ ||
	       code == 74 /* FENCED_LEADER_EPOCH */ ||
	       code == 100 /* UNKNOWN_TOPIC_ID */ ||
	       code == 103 /* INCONSISTENT_TOPIC_ID */;
}

/* KIP-467: the broker named the records that made it refuse the batch
 * (INVALID_RECORD for a null key on a compacted topic, INVALID_TIMESTAMP,
 * ...). Those are reported with the broker's message; the others are sent
 * again in a batch of their own. Java fails the whole batch (the others with
 * "Failed to append record because it was part of a batch which had one
 * more more invalid records"); kafkit delivers them, as nothing is wrong
 * with them. The rebuilt batch holds fewer records than the sequences it
 * took, so the partition's sequences are in doubt (kt_pr_seq_lost). */
static void batch_record_errors(struct kt_producer *p, struct pbatch *b,
				const struct kt_produce_part_resp *r,
				const struct kt_err *e)
{
	struct ppart *pp = &p->parts[b->part];
	bool *drop = calloc((size_t)b->n, sizeof(*drop));
	struct kt_err re;
	int32_t removed = 0, i;
	size_t k;

	if (!drop) {
		kt_pr_batch_failed(p, b, e, false);
		return;
	}
	for (k = 0; k < r->n_record_errors; k++) {
		int32_t x = r->record_errors[k].batch_index;

		if (x >= 0 && x < b->n && !drop[x]) {
			drop[x] = true;
			removed++;
		}
	}
	if (removed == 0) {
		free(drop);
		kt_pr_batch_failed(p, b, e, false);
		return;
	}
	for (i = 0; i < b->n; i++) {
		const char *m = NULL;
		struct kt_err ke;

		if (!drop[i])
			continue;
		for (k = 0; k < r->n_record_errors && !m; k++)
			if (r->record_errors[k].batch_index == i)
				m = r->record_errors[k].message;
		if (!m)
			m = r->error_message ? r->error_message
					     : kt_kerr_message(r->error_code);
		kt_err_kafka(&ke, r->error_code, "%s: %s",
			     kt_kerr_name(r->error_code), m);
		kt_pr_report_batch(p, b, &ke, i, i + 1, false);
	}
	kt_pr_seq_lost(p, pp, b);
	if (removed == b->n) {
		kt_pr_queue_remove(pp, b);
	} else if (batch_rebuild(p, b, drop, 0, &re) < 0) {
		/* cannot resend the others: they fail too */
		kt_pr_queue_remove(pp, b);
		for (i = 0; i < b->n; i++)
			if (!drop[i])
				kt_pr_report_batch(p, b, e, i, i + 1, false);
	}
	free(drop);
	kt_pr_batch_free(p, b);
	pp->hold = true;
}

/*
 * OUT_OF_ORDER_SEQUENCE_NUMBER: the broker expected another sequence. As
 * Java's TransactionManager.canRetry, for an idempotent producer: when this
 * batch is the one the broker should take next (its sequence is the last
 * acknowledged + 1) there is a real gap and the epoch is bumped; when an
 * earlier batch is still unanswered or failed, this one is just sent again
 * after it. kafkit also bumps when the broker acknowledged sequences after
 * this batch (it accepted a later batch first, which a broker without state
 * for the producer does): waiting could never succeed.
 */
static void batch_out_of_order(struct kt_producer *p, struct pbatch *b)
{
	struct ppart *pp = &p->parts[b->part];

	if (!p->idem || pp->unresolved || b->sent_epoch != p->epoch)
		return;
	if (b->sent_seq == pp->acked_seq ||
	    kt_pr_seq_after(pp->acked_seq, b->sent_seq))
		p->need_bump = true;
}

/* One partition's answer for batch b. */
void kt_pr_batch_answer(struct kt_producer *p, struct pbatch *b,
			const struct kt_produce_part_resp *r)
{
	struct ppart *pp = &p->parts[b->part];
	int16_t code = r->error_code;
	struct kt_err e;

	if (code == 0 || code == 46 /* DUPLICATE_SEQUENCE_NUMBER */) {
		kt_pr_batch_acked(p, b);
		return;
	}
	if (code_maybe_written(code))
		b->maybe_written = true;
	kt_err_kafka(&e, code, "%s: %s", kt_kerr_name(code),
		     r->error_message ? r->error_message
				      : kt_kerr_message(code));
	if ((code == 10 || code == 18) && b->n > 1) {
		/* MESSAGE_TOO_LARGE (and RECORD_LIST_TOO_LARGE, which Java
		 * fails): split in halves, sequences kept, no attempt
		 * counted, as Java's splitAndReenqueue; a record too large
		 * on its own ends alone with the error. Java splits into
		 * batch.size pieces, which repeats forever when batch.size
		 * is above the topic's max.message.bytes. */
		struct kt_err re;
		int32_t n = b->n;

		if (batch_rebuild(p, b, NULL, (n + 1) / 2, &re) == n) {
			kt_pr_batch_free(p, b);
			pp->hold = true;
			return;
		}
		kt_pr_batch_failed(p, b, &e, false);
		return;
	}
	if (r->n_record_errors > 0 && !kt_kerr_retriable(code)) {
		batch_record_errors(p, b, r, &e);
		return;
	}
	if (code == 45 /* OUT_OF_ORDER_SEQUENCE_NUMBER */) {
		batch_out_of_order(p, b);
		kt_pr_batch_retry(p, b, &e);
		return;
	}
	if (code == 59 /* UNKNOWN_PRODUCER_ID */) {
		/* the broker lost the producer's state (retention removed
		 * its batches); without a log start offset the answer is
		 * not settled yet: retry as is (Java's canRetry) */
		if (p->idem && r->log_start_offset != -1 &&
		    b->sent_epoch == p->epoch)
			p->need_bump = true;
		kt_pr_batch_retry(p, b, &e);
		return;
	}
	if (code == 47 /* INVALID_PRODUCER_EPOCH */ ||
	    code == 90 /* PRODUCER_FENCED */) {
		/* Java fails the batch and bumps; the bump alone lets it
		 * through */
		if (p->idem)
			p->need_bump = true;
		kt_pr_batch_retry(p, b, &e);
		return;
	}
	if (code_invalid_metadata(code))
		kt_pr_want_metadata(p);
	if (kt_kerr_retriable(code)) {
		kt_pr_batch_retry(p, b, &e);
		return;
	}
	kt_pr_batch_failed(p, b, &e, false);
}
