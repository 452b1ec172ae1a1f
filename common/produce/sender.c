/*
 * produce/sender.c - Java's Sender loop: which partitions may send, one
 * Produce request per broker within max.in.flight, its answer split per
 * batch (answer.c), delivery.timeout.ms expiry, and the metadata and
 * InitProducerId requests (idempotence, KIP-360 epoch bumps) the loop
 * needs first.
 */
#include "produce/producer_int.h"

static void produce_cb(void *arg, struct kt_client *c, int32_t node_id,
		       struct kt_response *resp, const struct kt_err *err)
{
	struct preq *q = arg;
	struct kt_producer *p = q->p;
	struct kt_produce_resp r;
	struct pnode *nd;
	struct kt_err e;
	size_t i, t, k;

	(void)c;
	(void)node_id;
	if (p->closing) {
		for (i = 0; i < q->n; i++)
			if (q->b[i]->abandoned || q->b[i]->expired)
				kt_pr_batch_free(p, q->b[i]);
		free(q);
		return;
	}
	nd = node_get(p, q->node);
	if (nd)
		nd->inflight--;
	p->inflight_reqs--;
	for (i = 0; i < q->n; i++) {
		struct pbatch *b = q->b[i];

		if (b->abandoned)
			continue;
		b->inflight = false;
		p->parts[b->part].n_inflight--;
	}
	if (!err && q->acks == 0) {
		/* acks=0: written is all we learn */
		for (i = 0; i < q->n; i++)
			if (q->b[i]->abandoned || q->b[i]->expired)
				kt_pr_batch_free(p, q->b[i]);
			else
				kt_pr_batch_acked(p, q->b[i]);
		free(q);
		return;
	}
	memset(&r, 0, sizeof(r));
	if (!err && kt_produce_resp_decode(resp->body, resp->body_len,
					   resp->api_version, &r, &e) < 0) {
		kt_err_prefix(&e, "produce response from node %d", q->node);
		err = &e;
	}
	for (i = 0; i < q->n; i++) {
		struct pbatch *b = q->b[i];
		const struct kt_produce_part_resp *pr = NULL;

		if (b->abandoned) {
			kt_pr_batch_free(p, b);
			continue;
		}
		if (!err) {
			for (t = 0; t < r.n_topics && !pr; t++) {
				if (!r.topics[t].name ||
				    strcmp(r.topics[t].name, p->topic))
					continue;
				for (k = 0; k < r.topics[t].n_parts; k++)
					if (r.topics[t].parts[k].index ==
					    b->part)
						pr = &r.topics[t].parts[k];
			}
		}
		if (b->expired) {
			/* reported already; what the broker did with it
			 * still settles the partition's sequences */
			if (pr &&
			    (pr->error_code == 0 || pr->error_code == 46)) {
				struct ppart *pp = &p->parts[b->part];
				int32_t end = seq_move(b->sent_seq, b->n);

				if (p->idem && b->sent_epoch == p->epoch &&
				    kt_pr_seq_after(end, pp->acked_seq))
					pp->acked_seq = end;
			}
			kt_pr_batch_free(p, b);
			continue;
		}
		if (pr) {
			kt_pr_batch_answer(p, b, pr);
			continue;
		}
		if (err) {
			/* no answer: the request may have been written */
			e = *err;
			b->maybe_written = true;
			kt_pr_want_metadata(p);
		} else {
			kt_err_set(&e, KT_EPROTO,
				   "produce response from node %d has no "
				   "answer for %s-%d",
				   q->node, p->topic, b->part);
		}
		kt_pr_batch_retry(p, b, &e);
	}
	kt_produce_resp_release(&r);
	free(q);
}

static int produce_enc(void *arg, struct kt_buf *b, int16_t version,
		       struct kt_err *err)
{
	struct preq *q = arg;
	struct kt_producer *p = q->p;
	struct kt_produce_part_req *parts;
	struct kt_produce_topic_req topic;
	struct kt_produce_req req;
	size_t i;
	int rc;

	parts = calloc(q->n, sizeof(*parts));
	if (!parts)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	for (i = 0; i < q->n; i++) {
		parts[i].index = q->b[i]->part;
		parts[i].records.p = q->b[i]->buf.p;
		parts[i].records.len = q->b[i]->buf.len;
	}
	memset(&topic, 0, sizeof(topic));
	topic.name = p->topic;
	topic.parts = parts;
	topic.n_parts = q->n;
	memset(&req, 0, sizeof(req));
	req.acks = q->acks;
	req.timeout_ms = p->conf.client.request_timeout_ms;
	req.topics = &topic;
	req.n_topics = 1;
	rc = kt_produce_req_encode(b, version, &req);
	free(parts);
	if (rc < 0)
		return kt_err_set(err, -rc, "cannot encode produce request: %s",
				  kt_strerror(rc));
	return 0;
}

int kt_pr_parts_update(struct kt_producer *p, struct kt_err *err)
{
	const struct kt_metadata *md = kt_client_metadata(p->c);
	const struct kt_md_topic *t =
		md ? kt_metadata_topic(md, p->topic) : NULL;
	int32_t i, n;

	if (!t || t->error_code || t->n_partitions == 0)
		return kt_err_set(err, KT_ENOTFOUND,
				  "topic '%s' is not in the metadata",
				  p->topic);
	n = (int32_t)t->n_partitions;
	if (n > p->n_parts) {
		struct ppart *np = realloc(p->parts, (size_t)n * sizeof(*np));

		if (!np)
			return kt_err_set(err, KT_ENOMEM, "out of memory");
		memset(np + p->n_parts, 0,
		       (size_t)(n - p->n_parts) * sizeof(*np));
		for (i = p->n_parts; i < n; i++)
			np[i].leader = -1;
		p->parts = np;
		p->n_parts = n;
	}
	for (i = 0; i < p->n_parts; i++) {
		int32_t leader;

		if (kt_client_leader(p->c, p->topic, i, &leader, NULL) < 0)
			leader = -1;
		p->parts[i].leader = leader;
	}
	return 0;
}

static void metadata_done(void *arg, struct kt_client *c,
			  const struct kt_err *err)
{
	struct kt_producer *p = arg;
	struct kt_err e;
	int64_t now = kt_now_ms();
	int32_t i;

	(void)c;
	if (p->closing)
		return;
	p->md_inflight = false;
	if (err || kt_pr_parts_update(p, &e) < 0) {
		p->md_backoff = p->md_backoff ? p->md_backoff * 2
					      : p->conf.client.retry_backoff_ms;
		if (p->md_backoff > p->conf.retry_backoff_max_ms)
			p->md_backoff = p->conf.retry_backoff_max_ms;
		p->md_due = now + p->md_backoff;
		return;
	}
	p->md_backoff = 0;
	p->md_due = now + p->conf.client.metadata_max_age_ms;
	for (i = 0; i < p->n_parts; i++)
		if (p->parts[i].leader < 0) {
			p->md_due = now + p->conf.client.retry_backoff_ms;
			break;
		}
}

/* Start a metadata refresh on the poll loop (Java's Sender does the same
 * through NetworkClient's MetadataUpdater): answers of other requests keep
 * flowing while it is out; metadata_done applies it. */
static void metadata_refresh(struct kt_producer *p)
{
	const char *topics[1];
	struct kt_err e;

	topics[0] = p->topic;
	p->md_inflight = true;
	p->st.metadata++;
	if (kt_client_metadata_refresh_async(p->c, topics, 1, metadata_done, p,
					     &e) < 0) {
		p->md_inflight = false;
		p->md_due = kt_now_ms() + p->conf.client.retry_backoff_ms;
	}
}

/* A Metadata request that asks the broker to create the topic, as the Java
 * producer's metadata requests do (allowAutoTopicCreation=true). */
int kt_pr_md_create_enc(void *arg, struct kt_buf *b, int16_t version,
			struct kt_err *err)
{
	struct kt_producer *p = arg;
	struct kt_md_req_topic t;
	struct kt_metadata_req req;

	memset(&t, 0, sizeof(t));
	t.name = p->topic;
	memset(&req, 0, sizeof(req));
	req.topics = &t;
	req.n_topics = 1;
	req.allow_auto_topic_creation = version >= 4;
	return kt_metadata_req_encode(b, version, &req, err);
}

static void probe_cb(void *arg, struct kt_client *c, int32_t node_id,
		     struct kt_response *resp, const struct kt_err *err)
{
	struct kt_producer *p = arg;
	struct pnode *n;

	(void)c;
	(void)resp;
	if (p->closing)
		return;
	n = node_get(p, node_id);
	if (!n)
		return;
	n->probing = false;
	if (err) {
		n->probe_fails++;
		n->probe_at = kt_now_ms() + backoff_ms(p, n->probe_fails);
		kt_pr_want_metadata(p);
	} else {
		n->probe_fails = 0;
	}
}

static int init_pid_enc(void *arg, struct kt_buf *b, int16_t version,
			struct kt_err *err)
{
	struct kt_init_producer_id_req *req = arg;

	if (kt_init_producer_id_req_encode(b, version, req) < 0)
		return kt_err_set(err, KT_EINVAL,
				  "cannot encode InitProducerId request");
	return 0;
}

int kt_pr_init_pid(struct kt_producer *p, int64_t deadline, struct kt_err *err)
{
	struct kt_init_producer_id_req req;
	struct kt_init_producer_id_resp r;
	struct kt_response resp;
	struct kt_err e;

	memset(&req, 0, sizeof(req));
	req.transaction_timeout_ms = INT32_MAX;
	req.producer_id = -1;
	req.producer_epoch = -1;
	for (;;) {
		if (kt_client_call(p->c, KT_NODE_ANY, KT_API_INIT_PRODUCER_ID,
				   init_pid_enc, &req, &resp, NULL, &e) == 0) {
			int rc = kt_init_producer_id_resp_decode(
				resp.body, resp.body_len, resp.api_version, &r,
				&e);

			kt_response_release(&resp);
			if (rc == 0 && r.error_code == 0) {
				p->pid = r.producer_id;
				p->epoch = r.producer_epoch;
				p->st.producer_id = p->pid;
				p->st.epoch = p->epoch;
				return 0;
			}
			if (rc == 0) {
				kt_err_kafka(&e, r.error_code,
					     "InitProducerId failed: %s: %s",
					     kt_kerr_name(r.error_code),
					     kt_kerr_message(r.error_code));
				if (!kt_kerr_retriable(r.error_code))
					break;
			}
		}
		if (kt_now_ms() + p->conf.client.retry_backoff_ms >= deadline)
			break;
		usleep((useconds_t)p->conf.client.retry_backoff_ms * 1000);
	}
	if (err)
		*err = e;
	return -(e.code ? e.code : KT_ETIMEDOUT);
}

static void epoch_bump(struct kt_producer *p)
{
	int32_t i;
	struct pbatch *b;

	if (p->epoch >= INT16_MAX) {
		struct kt_err e;

		if (kt_pr_init_pid(p, kt_now_ms() + p->conf.max_block_ms, &e) <
		    0)
			return; /* try again on the next poll */
	} else {
		p->epoch++;
	}
	p->need_bump = false;
	p->st.bumps++;
	p->st.epoch = p->epoch;
	for (i = 0; i < p->n_parts; i++) {
		struct ppart *pp = &p->parts[i];

		pp->next_seq = 0;
		pp->acked_seq = 0;
		pp->hold = false;
		pp->unresolved = false;
		for (b = pp->head; b; b = b->next)
			b->base_seq = -1;
	}
}

/* The next batch of pp that may go now, or NULL. */
static struct pbatch *sendable(struct kt_producer *p, struct ppart *pp,
			       int64_t now)
{
	struct pbatch *b;

	if (pp->hold) {
		if (pp->n_inflight > 0)
			return NULL;
		pp->hold = false;
	}
	if (p->idem && pp->n_inflight >= 5)
		return NULL;
	/* while the oldest batch is a retry or a piece of a split one, one
	 * request at a time: a later batch must not be written before it
	 * (Java's drain: "effectively reduces our in flight request count
	 * to 1"); a broker without state for the producer would even take
	 * a later sequence first */
	if (pp->n_inflight > 0 && pp->head &&
	    (pp->head->attempts > 0 || pp->head->rebuilt))
		return NULL;
	for (b = pp->head; b && b->inflight; b = b->next)
		;
	if (!b || b->retry_at > now)
		return NULL;
	/* no new sequences while earlier ones are in doubt (Java's
	 * RecordAccumulator.shouldStopDrainBatchesForPartition) */
	if (pp->unresolved && b->base_seq < 0)
		return NULL;
	return b;
}

static void send_to(struct kt_producer *p, struct pnode *nd, int64_t now)
{
	int32_t i;

	while (nd->inflight < p->conf.client.max_in_flight) {
		struct preq *q;
		size_t n = 0, bytes = 0;
		struct kt_err e;

		q = malloc(sizeof(*q) +
			   (size_t)p->n_parts * sizeof(struct pbatch *));
		if (!q)
			return;
		q->p = p;
		q->node = nd->id;
		q->acks = p->conf.acks;
		for (i = 0; i < p->n_parts; i++) {
			struct ppart *pp = &p->parts[i];
			struct pbatch *b;

			if (pp->leader != nd->id)
				continue;
			b = sendable(p, pp, now);
			if (!b)
				continue;
			if (n > 0 && bytes + b->buf.len >
					     (size_t)p->conf.max_request_size)
				continue;
			if (p->idem) {
				if (b->base_seq < 0) {
					b->base_seq = pp->next_seq;
					pp->next_seq =
						seq_move(pp->next_seq, b->n);
				}
				if (b->sent_seq != b->base_seq ||
				    b->sent_epoch != p->epoch || !b->was_sent)
					kt_pr_batch_patch(b, p->pid, p->epoch,
							  b->base_seq);
				b->sent_seq = b->base_seq;
				b->sent_epoch = p->epoch;
			}
			b->inflight = true;
			b->was_sent = true;
			pp->n_inflight++;
			q->b[n++] = b;
			bytes += b->buf.len;
		}
		q->n = n;
		if (n == 0) {
			free(q);
			return;
		}
		nd->inflight++;
		p->inflight_reqs++;
		p->st.requests++;
		if (kt_client_send(p->c, nd->id, KT_API_PRODUCE, produce_enc, q,
				   produce_cb, q, &e) < 0) {
			/* unknown node: put the batches back */
			for (i = 0; i < (int32_t)n; i++) {
				q->b[i]->inflight = false;
				p->parts[q->b[i]->part].n_inflight--;
			}
			nd->inflight--;
			p->inflight_reqs--;
			free(q);
			kt_pr_want_metadata(p);
			return;
		}
	}
}

/* Java's Sender.failExpiredBatches: a batch past delivery.timeout.ms fails,
 * whether it waits in the queue, for a retry or for an answer. A batch in
 * flight leaves the queue but stays counted in its partition's requests in
 * flight until the answer (or the request's timeout) comes: that answer
 * still tells whether its sequences were written. */
static void expire(struct kt_producer *p, struct ppart *pp, int64_t now)
{
	struct pbatch *b, *next;

	for (b = pp->head; b; b = next) {
		struct kt_err e;

		next = b->next;
		if (now < b->created + p->conf.delivery_timeout_ms)
			continue;
		kt_err_set(&e, KT_ETIMEDOUT,
			   "Expiring %d record(s) for %s-%d:%lld ms has "
			   "passed since batch creation. The request has not "
			   "been sent, or no server response has been "
			   "received yet.",
			   b->n, p->topic, b->part,
			   (long long)(now - b->created));
		if (!b->inflight) {
			kt_pr_batch_failed(p, b, &e, b->maybe_written);
			continue;
		}
		kt_pr_queue_remove(pp, b);
		kt_pr_report_batch(p, b, &e, 0, b->n, true);
		kt_pr_seq_lost(p, pp, b);
		b->expired = true;
	}
}

/* Close lingering batches, expire old ones, settle partitions whose
 * sequences are in doubt, bump the epoch, refresh metadata and send what is
 * ready. */
void kt_pr_run(struct kt_producer *p)
{
	int64_t now = kt_now_ms();
	int32_t i;

	for (i = 0; i < p->n_parts; i++) {
		struct ppart *pp = &p->parts[i];

		if (pp->open && (p->flushing ||
				 now >= pp->open->created + p->conf.linger_ms))
			kt_pr_batch_close(p, pp);
		expire(p, pp, now);
		/* TransactionManager.maybeResolveSequences */
		if (pp->unresolved && pp->n_inflight == 0) {
			if (pp->acked_seq == pp->next_seq)
				pp->unresolved = false;
			else
				p->need_bump = true;
		}
	}
	/* the bump waits until nothing is in flight, so that no answer for
	 * the old epoch comes after it */
	if (p->need_bump && p->inflight_reqs == 0)
		epoch_bump(p);
	if (now >= p->md_due && !p->md_inflight)
		metadata_refresh(p);
	if (p->need_bump)
		return;
	now = kt_now_ms();
	for (i = 0; i < p->n_parts; i++) {
		struct ppart *pp = &p->parts[i];
		struct pnode *nd;

		if (pp->leader < 0 || !sendable(p, pp, now))
			continue;
		nd = node_get(p, pp->leader);
		if (!nd)
			continue;
		if (kt_client_apivers(p->c, nd->id)) {
			send_to(p, nd, now);
			continue;
		}
		if (!nd->probing && now >= nd->probe_at) {
			/* connect through a cheap Metadata request */
			nd->probing = true;
			if (kt_client_send(p->c, nd->id, KT_API_METADATA,
					   kt_pr_md_create_enc, p, probe_cb, p,
					   NULL) < 0) {
				nd->probing = false;
				nd->probe_at = now + backoff_ms(p, 1);
				kt_pr_want_metadata(p);
			}
		}
	}
}

/* True when b, pp's next batch, waits for an answer, not for a clock: the
 * in-flight windows are full, its broker is being connected, earlier
 * requests must be answered first (see sendable), or an epoch bump waits
 * for the requests in flight. */
bool kt_pr_waits_for_network(const struct kt_producer *p,
			     const struct ppart *pp, const struct pbatch *b)
{
	size_t k;

	if (p->need_bump && p->inflight_reqs > 0)
		return true;
	if (p->idem && pp->n_inflight >= 5)
		return true;
	if (pp->n_inflight > 0 &&
	    (pp->hold || pp->head->attempts > 0 || pp->head->rebuilt))
		return true;
	if (pp->unresolved && b->base_seq < 0)
		return true;
	for (k = 0; k < p->n_nodes; k++) {
		const struct pnode *nd = &p->nodes[k];

		if (nd->id != pp->leader)
			continue;
		if (nd->inflight >= p->conf.client.max_in_flight)
			return true;
		return nd->probing && !kt_client_apivers(p->c, nd->id);
	}
	return false;
}
