/*
 * test_producer_net.c - the producer against a scripted fake cluster on
 * loopback: the idempotent producer's reactions of protocol.md §10 and
 * kafka-clients 4.3 (Sender, TransactionManager, RecordAccumulator), checked
 * on the wire.
 *
 * The fake cluster is a forked child with up to FB_NODES brokers (one
 * listening socket each). It speaks ApiVersions (answering v4 with
 * UNSUPPORTED_VERSION, then v2), Metadata v8, InitProducerId v1 and
 * Produce v8 (KIP-467 record errors), answers one request per connection at
 * a time as a broker does, and keeps a log per partition with the broker's
 * idempotence checks (ProducerAppendInfo: epoch, next sequence, the last
 * five batches for duplicates, any sequence from a producer it has no state
 * for). A script injects errors, delays, dropped answers, closed
 * connections and leader moves for the nth batch of a partition. The child
 * writes one line per request and, at the end, each partition's log to a
 * file the test then compares with what the producer must have sent:
 *
 *   produce node=1 pid=4000 e0 s1 [a,b] -> OUT_OF_ORDER_SEQUENCE_NUMBER
 *   log p0: z,a,b
 */
#include "unit.h"

#include "net/conn.h"
#include "fake_net.h"
#include "wire/kerr.h"
#include "produce/producer.h"
#include "record/record.h"

#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

void test_producer_net(void);

#define FB_NODES 2
#define FB_PARTS 2
#define FB_PID 4000
#define FB_MAX_CONNS 16
#define FB_MAX_RECS 256

/* What the fake does with a matching Produce batch. */
enum fb_act {
	FB_OK,	  /* the broker's normal processing */
	FB_ERROR, /* answer error, write nothing */
	FB_DROP,  /* write nothing, never answer */
	FB_LOST,  /* write, never answer */
	FB_CLOSE, /* write, close the connection instead of answering */
};

struct fb_rule {
	int32_t part;
	int nth; /* the nth Produce batch of part (from 1), 0: every one */
	int act;
	int16_t error;
	int64_t log_start; /* LogStartOffset of an FB_ERROR answer */
	int32_t rec_err;   /* >= 0: a KIP-467 record error at this index */
	int hold_ms;	   /* answer this much later */
	int32_t move_to;   /* > 0: the partition's leader moves there */
};

struct fb_script {
	int32_t n_parts;
	int32_t leader[FB_PARTS];
	int32_t max_message_bytes; /* 0: no limit */
	int16_t first_epoch;
	int pid_errors;	  /* InitProducerId answers COORDINATOR_LOAD_IN_PROGRESS
			     this many times first */
	int md_hold_from; /* Metadata requests from this one (from 1) ... */
	int md_hold_ms;	  /* ... are answered this much later */
	const struct fb_rule *rules;
	size_t n_rules;
};

/* The child ---------------------------------------------------------------- */

struct fb_conn {
	int fd;
	int node;
	uint8_t in[1 << 16];
	size_t len;
	int64_t hold_until; /* the held answer goes out then */
	struct kt_buf held;
	bool silent; /* a dropped request: nothing more is answered */
};

struct fb_batch {
	int16_t epoch;
	int32_t first, last;
	int64_t offset;
};

struct fb_part {
	char *recs[FB_MAX_RECS];
	int n;
	int nth;
	int64_t pid;
	int16_t epoch; /* -1: no state for the producer */
	struct fb_batch kept[5];
	int n_kept;
};

struct fb {
	const struct fb_script *s;
	int lfd[FB_NODES];
	int port[FB_NODES];
	FILE *log;
	struct fb_conn *c[FB_MAX_CONNS];
	struct fb_part part[FB_PARTS];
	int32_t leader[FB_PARTS];
	int64_t pid;
	int16_t epoch;
	int pid_calls;
	int md_calls;
};

static void put_frame(struct kt_buf *b, int32_t corr)
{
	kt_buf_reset(b);
	kt_put_i32(b, 0);
	kt_put_i32(b, corr);
}

static void write_all(int fd, const uint8_t *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

/* Send b (a frame from put_frame) now, or keep it until hold_ms passed. */
static void fb_answer(struct fb_conn *c, struct kt_buf *b, int hold_ms)
{
	kt_buf_patch_i32(b, 0, (int32_t)(b->len - 4));
	if (hold_ms > 0) {
		kt_buf_reset(&c->held);
		kt_buf_put(&c->held, b->p, b->len);
		c->hold_until = kt_now_ms() + hold_ms;
		return;
	}
	write_all(c->fd, b->p, b->len);
}

static void fb_apiversions(struct fb_conn *c, int16_t version, int32_t corr)
{
	struct kt_buf b;
	static const int16_t apis[][3] = {
		{0, 3, 8}, {3, 1, 8}, {18, 0, 2}, {22, 0, 1}};
	size_t i;

	kt_buf_init(&b, 0);
	put_frame(&b, corr);
	if (version > 2) {
		/* v0 layout: UNSUPPORTED_VERSION and our ApiVersions range */
		kt_put_i16(&b, 35);
		kt_put_i32(&b, 1);
		kt_put_i16(&b, 18);
		kt_put_i16(&b, 0);
		kt_put_i16(&b, 2);
	} else {
		kt_put_i16(&b, 0);
		kt_put_i32(&b, 4);
		for (i = 0; i < 4; i++) {
			kt_put_i16(&b, apis[i][0]);
			kt_put_i16(&b, apis[i][1]);
			kt_put_i16(&b, apis[i][2]);
		}
		if (version >= 1)
			kt_put_i32(&b, 0);
	}
	fb_answer(c, &b, 0);
	kt_buf_release(&b);
}

static void fb_metadata(struct fb *f, struct fb_conn *c, int32_t corr)
{
	struct kt_buf b;
	int32_t i;
	int hold = 0;

	f->md_calls++;
	if (f->s->md_hold_from > 0 && f->md_calls >= f->s->md_hold_from)
		hold = f->s->md_hold_ms;
	fprintf(f->log, "metadata node=%d%s\n", c->node,
		hold ? " (answer held)" : "");
	kt_buf_init(&b, 0);
	put_frame(&b, corr);
	kt_put_i32(&b, 0); /* throttle */
	kt_put_i32(&b, FB_NODES);
	for (i = 0; i < FB_NODES; i++) {
		kt_put_i32(&b, i + 1);
		kt_put_str(&b, "127.0.0.1", 9);
		kt_put_i32(&b, f->port[i]);
		kt_put_nstr(&b, NULL, 0);
	}
	kt_put_nstr(&b, "fake", 4);
	kt_put_i32(&b, 1);
	kt_put_i32(&b, 1);
	kt_put_i16(&b, 0);
	kt_put_str(&b, "t", 1);
	kt_put_bool(&b, false);
	kt_put_i32(&b, f->s->n_parts);
	for (i = 0; i < f->s->n_parts; i++) {
		kt_put_i16(&b, 0);
		kt_put_i32(&b, i);
		kt_put_i32(&b, f->leader[i]);
		kt_put_i32(&b, 0);
		kt_put_i32(&b, 1);
		kt_put_i32(&b, f->leader[i]);
		kt_put_i32(&b, 1);
		kt_put_i32(&b, f->leader[i]);
		kt_put_i32(&b, 0);
	}
	kt_put_i32(&b, INT32_MIN); /* topic authorized operations */
	kt_put_i32(&b, INT32_MIN); /* cluster authorized operations */
	fb_answer(c, &b, hold);
	kt_buf_release(&b);
}

static void fb_init_pid(struct fb *f, struct fb_conn *c, int32_t corr)
{
	struct kt_buf b;
	int16_t code = 0;

	kt_buf_init(&b, 0);
	put_frame(&b, corr);
	kt_put_i32(&b, 0);
	if (f->pid_calls++ < f->s->pid_errors) {
		code = 14;
		kt_put_i16(&b, code);
		kt_put_i64(&b, -1);
		kt_put_i16(&b, -1);
		fprintf(f->log, "init -> %s\n", kt_kerr_name(code));
	} else {
		f->pid = f->pid < 0 ? FB_PID : f->pid + 1;
		f->epoch = f->pid == FB_PID ? f->s->first_epoch : 0;
		kt_put_i16(&b, 0);
		kt_put_i64(&b, f->pid);
		kt_put_i16(&b, f->epoch);
		fprintf(f->log, "init -> pid %lld epoch %d\n",
			(long long)f->pid, f->epoch);
	}
	fb_answer(c, &b, 0);
	kt_buf_release(&b);
}

static const struct fb_rule *fb_rule_for(const struct fb *f, int32_t part,
					 int nth)
{
	size_t i;

	for (i = 0; i < f->s->n_rules; i++)
		if (f->s->rules[i].part == part &&
		    (f->s->rules[i].nth == nth || f->s->rules[i].nth == 0))
			return &f->s->rules[i];
	return NULL;
}

/* ProducerAppendInfo.checkSequence and the duplicate check of the last
 * five batches. Returns 0 (append), 1 (duplicate: *off is where it was
 * written) or an error code. */
static int16_t fb_check_seq(struct fb_part *fp, const struct kt_batch *kb,
			    int64_t *off)
{
	int32_t last = kt_batch_last_sequence(kb);
	int i;

	if (kb->producer_id < 0)
		return 0;
	if (kb->producer_id != fp->pid) {
		/* another producer id: no state for it */
		fp->epoch = -1;
		fp->n_kept = 0;
	}
	if (fp->epoch >= 0 && kb->producer_epoch < fp->epoch)
		return 47;
	for (i = 0; i < fp->n_kept; i++)
		if (fp->kept[i].epoch == kb->producer_epoch &&
		    fp->kept[i].first == kb->base_sequence &&
		    fp->kept[i].last == last) {
			*off = fp->kept[i].offset;
			return 1;
		}
	if (fp->epoch < 0)
		return 0; /* no state: any sequence */
	if (kb->producer_epoch != fp->epoch)
		return kb->base_sequence == 0 ? 0 : 45;
	if (fp->n_kept > 0 &&
	    kb->base_sequence !=
		    kt_sequence_add(fp->kept[fp->n_kept - 1].last, 1))
		return 45;
	return 0;
}

static void fb_append(struct fb_part *fp, const struct kt_batch *kb,
		      char **vals, int n, int64_t *off)
{
	int i;

	*off = fp->n;
	for (i = 0; i < n && fp->n < FB_MAX_RECS; i++) {
		fp->recs[fp->n++] = vals[i];
		vals[i] = NULL;
	}
	if (kb->producer_id < 0)
		return;
	if (kb->producer_epoch != fp->epoch)
		fp->n_kept = 0;
	fp->pid = kb->producer_id;
	fp->epoch = kb->producer_epoch;
	if (fp->n_kept == 5) {
		memmove(fp->kept, fp->kept + 1, 4 * sizeof(fp->kept[0]));
		fp->n_kept = 4;
	}
	fp->kept[fp->n_kept].epoch = kb->producer_epoch;
	fp->kept[fp->n_kept].first = kb->base_sequence;
	fp->kept[fp->n_kept].last = kt_batch_last_sequence(kb);
	fp->kept[fp->n_kept].offset = *off;
	fp->n_kept++;
}

/* The values of a batch ("x", or "xxxx*60" for long ones), for the log
 * line and the partition's log. Returns the count, -1 on a bad batch. */
static int fb_values(const struct kt_batch *kb, char **vals, int max,
		     char *line, size_t cap)
{
	struct kt_record_iter it;
	struct kt_record rec;
	struct kt_err e;
	size_t off = 0;
	int n = 0;

	kt_record_iter_init(&it, kb, kb->records);
	line[0] = '\0';
	while (n < max && kt_record_iter_next(&it, &rec, &e) == 1) {
		char v[32];

		if (rec.value.len <= 8)
			snprintf(v, sizeof(v), "%.*s", (int)rec.value.len,
				 (const char *)rec.value.p);
		else
			snprintf(v, sizeof(v), "%.4s*%zu",
				 (const char *)rec.value.p, rec.value.len);
		vals[n++] = strdup(v);
		off += (size_t)snprintf(line + off, cap - off, "%s%s",
					n > 1 ? "," : "", v);
		if (off >= cap)
			off = cap - 1;
	}
	return n;
}

/* One partition of a Produce request: the answer goes into b. Sets *act
 * to the request-level action of a rule (FB_DROP, FB_LOST, FB_CLOSE) and
 * *hold to its delay. */
static void fb_produce_part(struct fb *f, struct fb_conn *c, int32_t idx,
			    struct kt_bytes recs, struct kt_buf *b, int *act,
			    int *hold)
{
	struct fb_part *fp;
	const struct fb_rule *r;
	struct kt_batch kb;
	char *vals[FB_MAX_RECS], line[1024];
	int16_t code = 0;
	int64_t off = -1, log_start = 0;
	int n, i;
	bool recerr = false;

	memset(vals, 0, sizeof(vals));
	if (idx < 0 || idx >= f->s->n_parts ||
	    kt_batch_parse(&kb, recs.p, recs.len, 0, NULL) < 0)
		return;
	fp = &f->part[idx];
	n = fb_values(&kb, vals, FB_MAX_RECS, line, sizeof(line));
	fp->nth++;
	r = fb_rule_for(f, idx, fp->nth);
	fprintf(f->log, "produce node=%d pid=%lld e%d s%d [%s] -> ", c->node,
		(long long)kb.producer_id, kb.producer_epoch, kb.base_sequence,
		line);
	if (r) {
		*hold = r->hold_ms;
		if (r->act != FB_OK && r->act != FB_ERROR)
			*act = r->act;
	}
	if (r && r->act == FB_DROP) {
		fprintf(f->log, "dropped\n");
		goto out;
	}
	if (r && r->act == FB_ERROR) {
		code = r->error;
		log_start = r->log_start;
		recerr = r->rec_err >= 0;
		if (code == 59) {
			/* the broker lost the producer's state */
			fp->epoch = -1;
			fp->n_kept = 0;
		}
	} else if (f->leader[idx] != c->node) {
		code = 6;
	} else if (f->s->max_message_bytes > 0 &&
		   kb.raw.len > (size_t)f->s->max_message_bytes) {
		code = 10;
	} else {
		code = fb_check_seq(fp, &kb, &off);
		if (code == 1) {
			code = 0;
			fprintf(f->log, "duplicate of @%lld", (long long)off);
		} else if (code == 0) {
			fb_append(fp, &kb, vals, n, &off);
			fprintf(f->log, "ok@%lld", (long long)off);
		}
	}
	if (code)
		fprintf(f->log, "%s", kt_kerr_name(code));
	if (r && r->act == FB_LOST)
		fprintf(f->log, ", answer lost");
	if (r && r->act == FB_CLOSE)
		fprintf(f->log, ", connection closed");
	fprintf(f->log, "\n");
	if (r && r->move_to > 0)
		f->leader[idx] = r->move_to;
	kt_put_i32(b, idx);
	kt_put_i16(b, code);
	kt_put_i64(b, code ? -1 : off);
	kt_put_i64(b, -1);
	kt_put_i64(b, code ? log_start : 0);
	if (recerr) {
		kt_put_i32(b, 1);
		kt_put_i32(b, r->rec_err);
		kt_put_nstr(b, "bad record", 10);
	} else {
		kt_put_i32(b, 0);
	}
	kt_put_nstr(b, NULL, 0);
out:
	for (i = 0; i < n; i++)
		free(vals[i]);
}

static void fb_produce(struct fb *f, struct fb_conn *c, struct kt_reader *r,
		       int32_t corr)
{
	struct kt_bytes tid, name, recs;
	struct kt_buf b;
	int16_t acks;
	int32_t timeout, nt, np, idx, t, k;
	int act = FB_OK, hold = 0;

	kt_read_nstr(r, &tid);
	kt_read_i16(r, &acks);
	kt_read_i32(r, &timeout);
	kt_buf_init(&b, 0);
	put_frame(&b, corr);
	kt_read_i32(r, &nt);
	kt_put_i32(&b, nt);
	for (t = 0; t < nt && !r->err; t++) {
		kt_read_str(r, &name);
		kt_put_str(&b, (const char *)name.p, name.len);
		kt_read_i32(r, &np);
		kt_put_i32(&b, np);
		for (k = 0; k < np && !r->err; k++) {
			kt_read_i32(r, &idx);
			kt_read_nbytes(r, &recs);
			if (!r->err)
				fb_produce_part(f, c, idx, recs, &b, &act,
						&hold);
		}
	}
	kt_put_i32(&b, 0); /* throttle */
	if (act == FB_DROP || act == FB_LOST) {
		c->silent = true;
	} else if (act == FB_CLOSE) {
		close(c->fd);
		c->fd = -1;
	} else if (acks != 0) {
		fb_answer(c, &b, hold);
	}
	kt_buf_release(&b);
}

/* Handle the frames in c->in, one at a time while an answer is held. */
static void fb_serve(struct fb *f, struct fb_conn *c)
{
	while (c->fd >= 0 && !c->silent && c->hold_until == 0 && c->len >= 4) {
		size_t sz = kt_be32(c->in);
		struct kt_reader r;
		int16_t key, ver, cl;
		int32_t corr;

		if (c->len < 4 + sz)
			return;
		kt_reader_init(&r, c->in + 4, sz);
		kt_read_i16(&r, &key);
		kt_read_i16(&r, &ver);
		kt_read_i32(&r, &corr);
		kt_read_i16(&r, &cl);
		if (cl > 0)
			kt_read_skip(&r, (size_t)cl);
		if (key == 18)
			fb_apiversions(c, ver, corr);
		else if (key == 3)
			fb_metadata(f, c, corr);
		else if (key == 22)
			fb_init_pid(f, c, corr);
		else if (key == 0)
			fb_produce(f, c, &r, corr);
		fflush(f->log);
		memmove(c->in, c->in + 4 + sz, c->len - 4 - sz);
		c->len -= 4 + sz;
	}
}

static void fb_main(struct fb *f, int ctl)
{
	struct pollfd pf[1 + FB_NODES + FB_MAX_CONNS];
	int i, j;

	for (;;) {
		int64_t now = kt_now_ms(), next = -1;
		int n = 0, timeout;

		pf[n++] = (struct pollfd){ctl, POLLIN, 0};
		for (i = 0; i < FB_NODES; i++)
			pf[n++] = (struct pollfd){f->lfd[i], POLLIN, 0};
		for (i = 0; i < FB_MAX_CONNS; i++) {
			struct fb_conn *c = f->c[i];

			pf[n++] = (struct pollfd){c && c->fd >= 0 ? c->fd : -1,
						  POLLIN, 0};
			if (c && c->hold_until &&
			    (next < 0 || c->hold_until < next))
				next = c->hold_until;
		}
		timeout = next < 0 ? -1 : next <= now ? 0 : (int)(next - now);
		if (poll(pf, (nfds_t)n, timeout) < 0)
			continue;
		if (pf[0].revents)
			break;
		for (i = 0; i < FB_NODES; i++) {
			int fd;

			if (!pf[1 + i].revents)
				continue;
			fd = accept(f->lfd[i], NULL, NULL);
			for (j = 0; j < FB_MAX_CONNS && fd >= 0; j++)
				if (!f->c[j]) {
					f->c[j] = calloc(1, sizeof(*f->c[j]));
					f->c[j]->fd = fd;
					f->c[j]->node = i + 1;
					kt_buf_init(&f->c[j]->held, 0);
					fd = -1;
				}
			if (fd >= 0)
				close(fd);
		}
		now = kt_now_ms();
		for (i = 0; i < FB_MAX_CONNS; i++) {
			struct fb_conn *c = f->c[i];
			struct pollfd *p = &pf[1 + FB_NODES + i];

			if (!c)
				continue;
			if (c->fd >= 0 && p->fd == c->fd && p->revents) {
				ssize_t r = read(c->fd, c->in + c->len,
						 sizeof(c->in) - c->len);

				if (r <= 0) {
					close(c->fd);
					c->fd = -1;
				} else {
					c->len += (size_t)r;
				}
			}
			if (c->hold_until && now >= c->hold_until) {
				if (c->fd >= 0)
					write_all(c->fd, c->held.p,
						  c->held.len);
				fprintf(f->log, "(held answer sent)\n");
				c->hold_until = 0;
			}
			fb_serve(f, c);
			if (c->fd < 0) {
				kt_buf_release(&c->held);
				free(c);
				f->c[i] = NULL;
			}
		}
	}
	for (i = 0; i < f->s->n_parts; i++) {
		fprintf(f->log, "log p%d: ", i);
		for (j = 0; j < f->part[i].n; j++)
			fprintf(f->log, "%s%s", j ? "," : "",
				f->part[i].recs[j]);
		fprintf(f->log, "\n");
	}
	fflush(f->log);
}

/* The test's side ---------------------------------------------------------- */

struct fc {
	pid_t pid;
	int ctl;
	FILE *log;
	int port[FB_NODES];
	char text[16384];
};

static int fc_start(struct fc *fc, const struct fb_script *s)
{
	static struct fb f;
	int ctl[2], i;

	memset(fc, 0, sizeof(*fc));
	memset(&f, 0, sizeof(f));
	f.s = s;
	f.pid = -1;
	for (i = 0; i < FB_NODES; i++) {
		f.lfd[i] = kt_test_listen(AF_INET, 16, &f.port[i]);
		if (f.lfd[i] < 0)
			return -1;
		fc->port[i] = f.port[i];
	}
	for (i = 0; i < FB_PARTS; i++) {
		f.leader[i] = s->leader[i] ? s->leader[i] : 1;
		f.part[i].epoch = -1;
	}
	fc->log = tmpfile();
	if (!fc->log || pipe(ctl) < 0)
		return -1;
	f.log = fc->log;
	fflush(stdout);
	fc->pid = fork();
	if (fc->pid == 0) {
		close(ctl[1]);
		fb_main(&f, ctl[0]);
		_exit(0);
	}
	close(ctl[0]);
	fc->ctl = ctl[1];
	for (i = 0; i < FB_NODES; i++)
		close(f.lfd[i]);
	return fc->pid < 0 ? -1 : 0;
}

/* End the fake and read its log into fc->text. */
static void fc_stop(struct fc *fc)
{
	size_t n;
	int status;

	close(fc->ctl);
	waitpid(fc->pid, &status, 0);
	rewind(fc->log);
	n = fread(fc->text, 1, sizeof(fc->text) - 1, fc->log);
	fc->text[n] = '\0';
	fclose(fc->log);
}

/* The lines of text starting with prefix, joined by '\n', in out. */
static const char *lines(const char *text, const char *prefix, char *out,
			 size_t cap)
{
	const char *p = text;
	size_t off = 0, pl = strlen(prefix);

	out[0] = '\0';
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		if (n >= pl && strncmp(p, prefix, pl) == 0 &&
		    off + n + 2 < cap) {
			if (off)
				out[off++] = '\n';
			memcpy(out + off, p, n);
			off += n;
			out[off] = '\0';
		}
		p += n + (e ? 1 : 0);
	}
	return out;
}

struct reports {
	int n;
	int64_t id[32];
	bool unknown[32];
	char msg[32][300];
};

static void on_report(void *arg, const struct kt_report *r)
{
	struct reports *rs = arg;

	if (rs->n < 32) {
		rs->id[rs->n] = r->id;
		rs->unknown[rs->n] = r->unknown;
		snprintf(rs->msg[rs->n], sizeof(rs->msg[0]), "%s", r->err->msg);
	}
	rs->n++;
}

/* A producer for topic "t" of the fake: linger 0, short backoffs, then
 * the name/value pairs of props (NULL-terminated). */
static struct kt_producer *mk(const struct fc *fc, struct reports *rs,
			      const char *const *props)
{
	struct kt_producer_conf conf;
	struct kt_producer *p;
	struct kt_err e;
	char bs[64];
	size_t i;

	kt_producer_conf_init(&conf);
	snprintf(bs, sizeof(bs), "127.0.0.1:%d", fc->port[0]);
	kt_producer_conf_set(&conf, "bootstrap.servers", bs, &e);
	kt_producer_conf_set(&conf, "linger.ms", "0", &e);
	kt_producer_conf_set(&conf, "retry.backoff.ms", "5", &e);
	kt_producer_conf_set(&conf, "retry.backoff.max.ms", "20", &e);
	kt_producer_conf_set(&conf, "request.timeout.ms", "3000", &e);
	kt_producer_conf_set(&conf, "max.block.ms", "5000", &e);
	for (i = 0; props && props[i]; i += 2)
		kt_producer_conf_set(&conf, props[i], props[i + 1], &e);
	memset(rs, 0, sizeof(*rs));
	p = NULL;
	if (kt_producer_conf_check(&conf, &e) == 0)
		p = kt_producer_new(&conf, "t", on_report, rs, &e);
	kt_producer_conf_release(&conf);
	if (p && kt_producer_start(p, NULL, &e) < 0) {
		kt_producer_free(p);
		p = NULL;
	}
	if (!p)
		fprintf(stderr, "# producer: %s\n", e.msg);
	return p;
}

/* Queue the comma-separated values of vals for part as one batch: the
 * ids go on from *id; a poll closes the batch and sends it. */
static void batch(struct kt_producer *p, int32_t part, const char *vals,
		  int64_t *id)
{
	struct kt_prec rec;
	const char *v = vals;

	while (*v) {
		const char *e = strchr(v, ',');
		size_t n = e ? (size_t)(e - v) : strlen(v);

		memset(&rec, 0, sizeof(rec));
		rec.partition = part;
		rec.value.p = (const uint8_t *)v;
		rec.value.len = n;
		rec.id = ++*id;
		kt_producer_send(p, &rec, NULL);
		v += n + (e ? 1 : 0);
	}
	kt_producer_poll(p, 0, NULL);
}

/* Poll for ms. */
static void spin(struct kt_producer *p, int ms)
{
	int64_t end = kt_now_ms() + ms;

	while (kt_now_ms() < end)
		kt_producer_poll(p, (int)(end - kt_now_ms()), NULL);
}

static int flush(struct kt_producer *p, int ms)
{
	return kt_producer_flush(p, kt_now_ms() + ms, NULL, NULL);
}

/* What a scenario leaves: the fake's log, the reports, the stats. */
struct outcome {
	struct fc fc;
	struct reports rs;
	struct kt_producer_stats st;
};

/* Run a whole scenario: start the fake with s, a producer with props, warm
 * the partition up with "z" when warm (the broker then has state for the
 * producer, as for any producer that ran a while), then queue each batch
 * of batches (NULL-terminated) on partition 0, polling gap_ms between
 * them, and flush. The fake's log is in fc->text. */
static int scenario(struct fc *fc, const struct fb_script *s,
		    const char *const *props, bool warm,
		    const char *const *batches, int gap_ms, struct reports *rs,
		    struct kt_producer_stats *st)
{
	struct kt_producer *p;
	int64_t id = 0;
	int rc = -1;
	size_t i;

	memset(st, 0, sizeof(*st));
	if (fc_start(fc, s) < 0)
		return -1;
	p = mk(fc, rs, props);
	if (p) {
		if (warm) {
			batch(p, 0, "z", &id);
			flush(p, 3000);
		}
		for (i = 0; batches[i]; i++) {
			batch(p, 0, batches[i], &id);
			if (gap_ms)
				spin(p, gap_ms);
		}
		rc = flush(p, 8000);
		kt_producer_stats(p, st);
		kt_producer_free(p);
	}
	fc_stop(fc);
	return rc;
}

static char g_buf[8192];

static const char *produced(const struct fc *fc)
{
	return lines(fc->text, "produce ", g_buf, sizeof(g_buf));
}

static const char *logged(const struct fc *fc)
{
	return lines(fc->text, "log p0: ", g_buf, sizeof(g_buf)) + 8;
}

/* Run scenario() into o and check that it flushed ("NAME: flushed") and,
 * unless want is NULL, that the fake saw exactly the produce lines want
 * (check "WHAT"). */
static void expect(struct outcome *o, const struct fb_script *s,
		   const char *const *props, bool warm,
		   const char *const *batches, int gap_ms, const char *name,
		   const char *want, const char *what)
{
	CHECK_INT(scenario(&o->fc, s, props, warm, batches, gap_ms, &o->rs,
			   &o->st),
		  0, "%s: flushed", name);
	if (want)
		CHECK_STR(produced(&o->fc), want, "%s", what);
}

/* Scenarios ---------------------------------------------------------------- */

static void test_retriable(void)
{
	static const struct fb_rule rules[] = {
		{0, 1, FB_ERROR, 19, 0, -1, 0, 0},
		{0, 2, FB_ERROR, 19, 0, -1, 0, 0},
	};
	struct fb_script s = {1, {1}, 0, 0, 0, 0, 0, rules, 2};
	static const char *const props[] = {"retry.backoff.ms", "100",
					    "retry.backoff.max.ms", "1000",
					    NULL};
	static const char *const b[] = {"a,b", NULL};
	struct outcome o;
	int64_t t0 = kt_now_ms(), took;

	expect(&o, &s, props, false, b, 0, "retriable",
	       "produce node=1 pid=4000 e0 s0 [a,b] -> NOT_ENOUGH_REPLICAS\n"
	       "produce node=1 pid=4000 e0 s0 [a,b] -> NOT_ENOUGH_REPLICAS\n"
	       "produce node=1 pid=4000 e0 s0 [a,b] -> ok@0",
	       "retriable: the same batch, same sequence and epoch, three "
	       "times");
	took = kt_now_ms() - t0;
	CHECK_STR(logged(&o.fc), "a,b", "retriable: written once");
	CHECK(o.rs.n == 0 && o.st.retries == 2 && o.st.bumps == 0 &&
		      o.st.acked == 2,
	      "retriable: no report, 2 retries, no bump");
	/* Java's ExponentialBackoff: 100 then 200 ms, each -20%..+20% */
	CHECK(took >= 240 && took < 2000,
	      "retriable: waited the exponential backoff (%lld ms)",
	      (long long)took);
}

static void test_out_of_order_bump(void)
{
	/* the broker lost "a"'s predecessor state: OUT_OF_ORDER for the
	 * batch it should take next; "b" behind it fails the same way */
	static const struct fb_rule rules[] = {
		{0, 2, FB_ERROR, 45, 0, -1, 150, 0},
	};
	struct fb_script s = {1, {1}, 0, 0, 0, 0, 0, rules, 1};
	static const char *const b[] = {"a", "b", NULL};
	struct outcome o;

	expect(&o, &s, NULL, true, b, 0, "out of order",
	       "produce node=1 pid=4000 e0 s0 [z] -> ok@0\n"
	       "produce node=1 pid=4000 e0 s1 [a] -> "
	       "OUT_OF_ORDER_SEQUENCE_NUMBER\n"
	       "produce node=1 pid=4000 e0 s2 [b] -> "
	       "OUT_OF_ORDER_SEQUENCE_NUMBER\n"
	       "produce node=1 pid=4000 e1 s0 [a] -> ok@1\n"
	       "produce node=1 pid=4000 e1 s1 [b] -> ok@2",
	       "out of order: epoch bumped once nothing was in flight, "
	       "sequences from 0, in order");
	CHECK_STR(logged(&o.fc), "z,a,b", "out of order: each once, in order");
	CHECK(o.rs.n == 0 && o.st.bumps == 1 && o.st.epoch == 1,
	      "out of order: no report, one bump (%lld)",
	      (long long)o.st.bumps);
}

static void test_out_of_order_not_next(void)
{
	/* "a" fails with a retriable error while "b" is in flight: "b" gets
	 * OUT_OF_ORDER and is not the batch the broker expects, so it is
	 * resent after "a", same epoch, no bump */
	static const struct fb_rule rules[] = {
		{0, 2, FB_ERROR, 19, 0, -1, 150, 0},
	};
	struct fb_script s = {1, {1}, 0, 0, 0, 0, 0, rules, 1};
	static const char *const b[] = {"a", "b", NULL};
	struct outcome o;

	expect(&o, &s, NULL, true, b, 0, "not next",
	       "produce node=1 pid=4000 e0 s0 [z] -> ok@0\n"
	       "produce node=1 pid=4000 e0 s1 [a] -> NOT_ENOUGH_REPLICAS\n"
	       "produce node=1 pid=4000 e0 s2 [b] -> "
	       "OUT_OF_ORDER_SEQUENCE_NUMBER\n"
	       "produce node=1 pid=4000 e0 s1 [a] -> ok@1\n"
	       "produce node=1 pid=4000 e0 s2 [b] -> ok@2",
	       "not next: resent in order with their sequences");
	CHECK(o.rs.n == 0 && o.st.bumps == 0 && o.st.retries == 2,
	      "not next: no bump, two retries");
}

static void test_unknown_producer_id(void)
{
	static const struct fb_rule r1[] = {
		{0, 2, FB_ERROR, 59, -1, -1, 0, 0},
	};
	static const struct fb_rule r2[] = {
		{0, 2, FB_ERROR, 59, 0, -1, 0, 0},
	};
	struct fb_script s = {1, {1}, 0, 0, 0, 0, 0, r1, 1};
	static const char *const b[] = {"a", NULL};
	struct outcome o;

	expect(&o, &s, NULL, true, b, 0, "unknown producer id",
	       "produce node=1 pid=4000 e0 s0 [z] -> ok@0\n"
	       "produce node=1 pid=4000 e0 s1 [a] -> UNKNOWN_PRODUCER_ID\n"
	       "produce node=1 pid=4000 e0 s1 [a] -> ok@1",
	       "unknown producer id without log start offset: retried "
	       "as is");
	CHECK(o.st.bumps == 0, "unknown producer id, no log start: no bump");

	s.rules = r2;
	expect(&o, &s, NULL, true, b, 0, "unknown producer id",
	       "produce node=1 pid=4000 e0 s0 [z] -> ok@0\n"
	       "produce node=1 pid=4000 e0 s1 [a] -> UNKNOWN_PRODUCER_ID\n"
	       "produce node=1 pid=4000 e1 s0 [a] -> ok@1",
	       "unknown producer id with a log start offset: epoch "
	       "bumped, sequence 0");
	CHECK(o.st.bumps == 1 && o.rs.n == 0,
	      "unknown producer id: one bump, no report");
}

static void test_epoch_overflow(void)
{
	static const struct fb_rule rules[] = {
		{0, 2, FB_ERROR, 45, 0, -1, 0, 0},
	};
	struct fb_script s = {1, {1}, 0, INT16_MAX, 0, 0, 0, rules, 1};
	static const char *const b[] = {"a", NULL};
	struct outcome o;

	expect(&o, &s, NULL, true, b, 0, "epoch overflow",
	       "produce node=1 pid=4000 e32767 s0 [z] -> ok@0\n"
	       "produce node=1 pid=4000 e32767 s1 [a] -> "
	       "OUT_OF_ORDER_SEQUENCE_NUMBER\n"
	       "produce node=1 pid=4001 e0 s0 [a] -> ok@1",
	       "epoch overflow: a new producer id from InitProducerId");
	CHECK(o.st.producer_id == 4001 && o.st.epoch == 0,
	      "epoch overflow: stats show the new id");
}

static void test_record_errors(void)
{
	/* KIP-467: the broker refuses the batch for record 1 ("b"); "b" is
	 * reported, "a" and "c" are sent again; "d", in flight behind,
	 * fails out of order and follows them */
	static const struct fb_rule rules[] = {
		{0, 2, FB_ERROR, 87, 0, 1, 150, 0},
	};
	struct fb_script s = {1, {1}, 0, 0, 0, 0, 0, rules, 1};
	static const char *const b[] = {"a,b,c", "d", NULL};
	struct outcome o;

	expect(&o, &s, NULL, true, b, 0, "record errors",
	       "produce node=1 pid=4000 e0 s0 [z] -> ok@0\n"
	       "produce node=1 pid=4000 e0 s1 [a,b,c] -> INVALID_RECORD\n"
	       "produce node=1 pid=4000 e0 s4 [d] -> "
	       "OUT_OF_ORDER_SEQUENCE_NUMBER\n"
	       "produce node=1 pid=4000 e1 s0 [a,c] -> ok@1\n"
	       "produce node=1 pid=4000 e1 s2 [d] -> ok@3",
	       "record errors: the others resent after an epoch bump");
	CHECK_STR(logged(&o.fc), "z,a,c,d", "record errors: only b missing");
	CHECK(o.rs.n == 1 && o.rs.id[0] == 3 && !o.rs.unknown[0],
	      "record errors: one report, for b (line 3)");
	CHECK_STR(o.rs.msg[0], "INVALID_RECORD: bad record",
		  "record errors: the broker's message for the record");
}

static void test_split(void)
{
	/* a batch of four 100-byte records is too large for the topic
	 * (max.message.bytes 350): halves are sent one after the other;
	 * a record too large alone fails alone */
	char v[4][128], big[401], all[1024], with_big[1024];
	struct fb_script s = {1, {1}, 0, 0, 0, 0, 0, NULL, 0};
	const char *b[2] = {all, NULL};
	struct outcome o;
	int i;

	for (i = 0; i < 4; i++) {
		memset(v[i], '1' + i, 100);
		v[i][100] = '\0';
	}
	memset(big, 'B', 400);
	big[400] = '\0';
	snprintf(all, sizeof(all), "%s,%s,%s,%s", v[0], v[1], v[2], v[3]);
	s.max_message_bytes = 350;
	expect(&o, &s, NULL, true, b, 0, "split",
	       "produce node=1 pid=4000 e0 s0 [z] -> ok@0\n"
	       "produce node=1 pid=4000 e0 s1 "
	       "[1111*100,2222*100,3333*100,4444*100] -> "
	       "MESSAGE_TOO_LARGE\n"
	       "produce node=1 pid=4000 e0 s1 [1111*100,2222*100] -> ok@1\n"
	       "produce node=1 pid=4000 e0 s3 [3333*100,4444*100] -> ok@3",
	       "split: halves keep the sequences, one at a time");
	CHECK(o.rs.n == 0 && o.st.retries == 0 && o.st.bumps == 0,
	      "split: no report, no retry counted, no bump");

	snprintf(with_big, sizeof(with_big), "%s,%s,%s", v[0], big, v[2]);
	b[0] = with_big;
	expect(&o, &s, NULL, true, b, 0, "split, one record too large",
	       "produce node=1 pid=4000 e0 s0 [z] -> ok@0\n"
	       "produce node=1 pid=4000 e0 s1 [1111*100,BBBB*400,3333*100] "
	       "-> MESSAGE_TOO_LARGE\n"
	       "produce node=1 pid=4000 e0 s1 [1111*100,BBBB*400] -> "
	       "MESSAGE_TOO_LARGE\n"
	       "produce node=1 pid=4000 e0 s1 [1111*100] -> ok@1\n"
	       "produce node=1 pid=4000 e0 s2 [BBBB*400] -> "
	       "MESSAGE_TOO_LARGE\n"
	       "produce node=1 pid=4000 e1 s0 [3333*100] -> ok@2",
	       "split: the big record fails alone, the epoch is bumped "
	       "for the gap it leaves");
	CHECK(o.rs.n == 1 && o.rs.id[0] == 3 &&
		      strncmp(o.rs.msg[0], "MESSAGE_TOO_LARGE", 17) == 0,
	      "split: only the big record (line 3) is reported");
}

static void test_not_leader(void)
{
	/* node 1 refuses the first batch: its leadership moved to node 2 */
	static const struct fb_rule rules[] = {
		{0, 1, FB_ERROR, 6, 0, -1, 0, 2},
	};
	struct fb_script s = {1, {1}, 0, 0, 0, 0, 0, rules, 1};
	static const char *const b[] = {"a", NULL};
	struct outcome o;
	const char *nl;

	expect(&o, &s, NULL, false, b, 0, "not leader",
	       "produce node=1 pid=4000 e0 s0 [a] -> NOT_LEADER_OR_FOLLOWER\n"
	       "produce node=2 pid=4000 e0 s0 [a] -> ok@0",
	       "not leader: resent to the new leader, same sequence");
	nl = strstr(o.fc.text, "NOT_LEADER_OR_FOLLOWER");
	CHECK(nl && strstr(nl, "metadata") && o.st.metadata >= 1,
	      "not leader: metadata refreshed before the resend");
	CHECK(o.rs.n == 0 && o.st.bumps == 0, "not leader: no report, no bump");
}

static void test_metadata_async(void)
{
	/* after a warm-up (Metadata 1 and 2 at the start, 3 and 4 to reach
	 * nodes 1 and 2), partition 0's leader moves; the refresh that
	 * follows (Metadata 5) is answered 1.5 s late, and meanwhile
	 * partition 1 (node 2) must keep sending and being acknowledged */
	static const struct fb_rule rules[] = {
		{0, 2, FB_ERROR, 6, 0, -1, 0, 2},
	};
	struct fb_script s = {2, {1, 2}, 0, 0, 0, 5, 1500, rules, 1};
	struct fc fc;
	struct reports rs;
	struct kt_producer *p;
	int64_t id = 0, t0;
	int i, acked_early = 0;

	if (fc_start(&fc, &s) < 0)
		return;
	p = mk(&fc, &rs, NULL);
	if (!p) {
		fc_stop(&fc);
		CHECK(0, "metadata async: producer started");
		return;
	}
	batch(p, 0, "w", &id);
	batch(p, 1, "w", &id);
	flush(p, 3000);
	batch(p, 0, "a", &id);
	t0 = kt_now_ms();
	spin(p, 100);
	for (i = 0; i < 5; i++) {
		struct kt_producer_stats st;

		batch(p, 1, "x", &id);
		spin(p, 100);
		kt_producer_stats(p, &st);
		if (kt_now_ms() - t0 < 1400 && st.acked == 2 + i + 1)
			acked_early++;
	}
	CHECK_INT(acked_early, 5,
		  "metadata async: partition 1 acknowledged while the "
		  "refresh is out");
	CHECK_INT(flush(p, 5000), 0, "metadata async: flushed");
	kt_producer_free(p);
	fc_stop(&fc);
	CHECK(strstr(fc.text, "(answer held)") != NULL,
	      "metadata async: the refresh was held");
	CHECK_STR(lines(fc.text, "log p", g_buf, sizeof(g_buf)),
		  "log p0: w,a\nlog p1: w,x,x,x,x,x",
		  "metadata async: everything written");
}

static void test_expire_in_flight(void)
{
	/* "a" is retried once, then its answer comes after
	 * delivery.timeout.ms: it is reported at the deadline, "b" waits
	 * (its sequence would depend on a's fate), and a's late answer
	 * settles it: written, so "b" follows with the same epoch */
	static const struct fb_rule rules[] = {
		{0, 2, FB_ERROR, 19, 0, -1, 400, 0},
		{0, 3, FB_OK, 0, 0, -1, 1300, 0},
	};
	static const struct fb_rule lost[] = {
		{0, 2, FB_ERROR, 19, 0, -1, 400, 0},
		{0, 3, FB_DROP, 0, 0, -1, 0, 0},
	};
	static const struct fb_rule lost_ack[] = {
		{0, 2, FB_ERROR, 19, 0, -1, 400, 0},
		{0, 3, FB_LOST, 0, 0, -1, 0, 0},
	};
	static const char *const props[] = {"request.timeout.ms", "1500",
					    "delivery.timeout.ms", "1500",
					    NULL};
	struct fb_script s = {1, {1}, 0, 0, 0, 0, 0, rules, 2};
	static const char *const b[] = {"a", "b", NULL};
	struct outcome o;

	expect(&o, &s, props, true, b, 800, "expire in flight",
	       "produce node=1 pid=4000 e0 s0 [z] -> ok@0\n"
	       "produce node=1 pid=4000 e0 s1 [a] -> NOT_ENOUGH_REPLICAS\n"
	       "produce node=1 pid=4000 e0 s1 [a] -> ok@1\n"
	       "produce node=1 pid=4000 e0 s2 [b] -> ok@2",
	       "expire in flight, late success: b follows, same epoch");
	CHECK(o.rs.n == 1 && o.rs.id[0] == 2 && o.rs.unknown[0] &&
		      strncmp(o.rs.msg[0],
			      "Expiring 1 record(s) for t-0:", 29) == 0 &&
		      strstr(o.rs.msg[0],
			     " ms has passed since batch creation. The request "
			     "has not been sent, or no server response has "
			     "been received yet."),
	      "expire in flight: a reported with Java's message, as maybe "
	      "written (%s)",
	      o.rs.msg[0]);
	CHECK(o.st.bumps == 0, "expire in flight, late success: no bump");

	s.rules = lost;
	expect(&o, &s, props, true, b, 800, "expire in flight, never answered",
	       "produce node=1 pid=4000 e0 s0 [z] -> ok@0\n"
	       "produce node=1 pid=4000 e0 s1 [a] -> NOT_ENOUGH_REPLICAS\n"
	       "produce node=1 pid=4000 e0 s1 [a] -> dropped\n"
	       "produce node=1 pid=4000 e1 s0 [b] -> ok@1",
	       "expire in flight, not written: the epoch is bumped, b "
	       "starts at 0");
	CHECK_STR(logged(&o.fc), "z,b", "expire in flight: a not resent");
	CHECK(o.rs.n == 1 && o.rs.unknown[0] && o.st.bumps == 1,
	      "expire in flight, not written: one report, one bump");

	s.rules = lost_ack;
	expect(&o, &s, props, true, b, 800, "expire in flight, answer lost",
	       NULL, NULL);
	CHECK_STR(logged(&o.fc), "z,a,b",
		  "expire in flight, written but unanswered: no duplicate");
	CHECK(o.rs.n == 1 && o.rs.unknown[0] && o.st.bumps == 1,
	      "expire in flight, answer lost: reported as maybe written");
}

static void test_expire_waiting(void)
{
	static const struct fb_rule rules[] = {
		{0, 0, FB_ERROR, 19, 0, -1, 0, 0},
	};
	/* a retry backoff past the delivery timeout: the record expires
	 * while it waits, never while a retry is in flight, however slow
	 * the machine */
	static const char *const props[] = {"request.timeout.ms",
					    "300",
					    "delivery.timeout.ms",
					    "300",
					    "retry.backoff.ms",
					    "2000",
					    "retry.backoff.max.ms",
					    "2000",
					    NULL};
	struct fb_script s = {1, {1}, 0, 0, 0, 0, 0, rules, 1};
	static const char *const b[] = {"a", NULL};
	struct outcome o;

	expect(&o, &s, props, false, b, 0, "expire waiting", NULL, NULL);
	CHECK(o.rs.n == 1 && !o.rs.unknown[0] &&
		      (strncmp(o.rs.msg[0],
			       "Expiring 1 record(s) for t-0:", 29) == 0 ||
		       strstr(o.rs.msg[0],
			      "delivery.timeout.ms (300 ms) passed: "
			      "NOT_ENOUGH_REPLICAS")),
	      "expire waiting: reported, not written (%s)", o.rs.msg[0]);
	CHECK_STR(logged(&o.fc), "", "expire waiting: nothing written");
}

static void test_retries_exhausted(void)
{
	static const struct fb_rule rules[] = {
		{0, 0, FB_ERROR, 19, 0, -1, 0, 0},
	};
	static const char *const props[] = {"retries", "2", NULL};
	struct fb_script s = {1, {1}, 0, 0, 0, 0, 0, rules, 1};
	static const char *const b[] = {"a", NULL};
	struct outcome o;

	expect(&o, &s, props, false, b, 0, "retries exhausted", NULL, NULL);
	CHECK_INT(o.st.requests, 3, "retries exhausted: first try + 2 retries");
	CHECK(o.rs.n == 1 && !o.rs.unknown[0], "retries exhausted: reported");
	CHECK_STR(o.rs.msg[0],
		  "gave up after 3 attempts: NOT_ENOUGH_REPLICAS: Messages are "
		  "rejected since there are fewer in-sync replicas than "
		  "required.",
		  "retries exhausted: message");
}

static void test_lost_answer(void)
{
	/* written, connection closed before the answer: resent with the
	 * same sequence, the broker finds the duplicate */
	static const struct fb_rule rules[] = {
		{0, 1, FB_CLOSE, 0, 0, -1, 0, 0},
	};
	struct fb_script s = {1, {1}, 0, 0, 0, 0, 0, rules, 1};
	static const char *const b[] = {"a", NULL};
	struct outcome o;

	expect(&o, &s, NULL, false, b, 0, "lost answer",
	       "produce node=1 pid=4000 e0 s0 [a] -> ok@0, connection "
	       "closed\n"
	       "produce node=1 pid=4000 e0 s0 [a] -> duplicate of @0",
	       "lost answer: resent as is, deduplicated");
	CHECK_STR(logged(&o.fc), "a", "lost answer: written once");
	CHECK(o.rs.n == 0 && o.st.bumps == 0, "lost answer: delivered");
}

static void test_not_idempotent(void)
{
	static const struct fb_rule rules[] = {
		{0, 1, FB_ERROR, 6, 0, -1, 0, 2},
	};
	static const char *const props[] = {"acks", "1", NULL};
	struct fb_script s = {1, {1}, 0, 0, 0, 0, 0, rules, 1};
	static const char *const b[] = {"a", NULL};
	struct outcome o;

	expect(&o, &s, props, false, b, 0, "acks=1",
	       "produce node=1 pid=-1 e-1 s-1 [a] -> NOT_LEADER_OR_FOLLOWER\n"
	       "produce node=2 pid=-1 e-1 s-1 [a] -> ok@0",
	       "acks=1: no producer id, resent to the new leader");
	CHECK(strstr(o.fc.text, "init") == NULL, "acks=1: no InitProducerId");
}

static void test_init_retry(void)
{
	struct fb_script s = {1, {1}, 0, 0, 2, 0, 0, NULL, 0};
	static const char *const b[] = {"a", NULL};
	struct outcome o;

	expect(&o, &s, NULL, false, b, 0, "init retry", NULL, NULL);
	CHECK_STR(lines(o.fc.text, "init", g_buf, sizeof(g_buf)),
		  "init -> COORDINATOR_LOAD_IN_PROGRESS\n"
		  "init -> COORDINATOR_LOAD_IN_PROGRESS\n"
		  "init -> pid 4000 epoch 0",
		  "init retry: retriable InitProducerId errors are retried");
}

void test_producer_net(void)
{
	test_retriable();
	test_out_of_order_bump();
	test_out_of_order_not_next();
	test_unknown_producer_id();
	test_epoch_overflow();
	test_record_errors();
	test_split();
	test_not_leader();
	test_metadata_async();
	test_expire_in_flight();
	test_expire_waiting();
	test_retries_exhausted();
	test_lost_answer();
	test_not_idempotent();
	test_init_retry();
}
