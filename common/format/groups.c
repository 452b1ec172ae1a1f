/*
 * format/groups.c - kafka-consumer-groups' tables as Apache 4.3's
 * ConsumerGroupCommand prints them (tools.md §4.4-§4.8) and kafkit's JSON.
 * Every table cell is pad(s, w): s then spaces up to w, never cut.
 */
#include "format/groups.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void pad(struct kt_buf *out, const char *s, size_t w)
{
	size_t n = strlen(s);

	kt_buf_puts(out, s);
	while (n++ < w)
		kt_buf_put(out, " ", 1);
}

/* pad(s, w) and the one space between cells */
static void cell(struct kt_buf *out, const char *s, size_t w)
{
	pad(out, s, w);
	kt_buf_put(out, " ", 1);
}

static size_t wmax(size_t w, const char *s)
{
	size_t n = s ? strlen(s) : 1;

	return n > w ? n : w;
}

static const char *dash(const char *s)
{
	return s ? s : "-";
}

static const char *num(char *buf, size_t len, int64_t v)
{
	if (v < 0)
		return "-";
	snprintf(buf, len, "%lld", (long long)v);
	return buf;
}

/* ---- names ---------------------------------------------------------------- */

static const char *canonical(const char *s, const char *const *names)
{
	size_t i;

	if (!s || !*s)
		return "Unknown";
	for (i = 0; names[i]; i++)
		if (strcasecmp(s, names[i]) == 0)
			return names[i];
	return "Unknown";
}

const char *kt_cg_type_name(const char *type)
{
	static const char *const types[] = {"Classic", "Consumer", "Share",
					    "Streams", NULL};

	return canonical(type, types);
}

const char *kt_cg_state_name(const char *state)
{
	static const char *const states[] = {
		"PreparingRebalance", "CompletingRebalance", "Stable", "Dead",
		"Empty", "Assigning", "Reconciling", "NotReady", NULL};

	return canonical(state, states);
}

/* ---- --list --------------------------------------------------------------- */

int kt_cg_list_table(const struct kt_group_listing *v, size_t n, bool type,
		     bool state, struct kt_buf *out)
{
	size_t i, w = 15;

	for (i = 0; i < n; i++)
		w = wmax(w, v[i].group_id);
	w = n ? w + 10 : 25;
	for (i = 0; i <= n; i++) {
		const struct kt_group_listing *g = i ? &v[i - 1] : NULL;

		pad(out, g ? g->group_id : "GROUP", w);
		if (type) {
			kt_buf_put(out, " ", 1);
			pad(out, g ? kt_cg_type_name(g->type) : "TYPE", 20);
		}
		if (state) {
			kt_buf_put(out, " ", 1);
			pad(out, g ? kt_cg_state_name(g->state) : "STATE", 20);
		}
		kt_buf_put(out, "\n", 1);
	}
	return out->err;
}

static int put_json(struct kt_buf *out, json_t *o)
{
	char *s;

	if (!o)
		return out->err ? out->err : -KT_ENOMEM;
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (!s)
		return -KT_ENOMEM;
	kt_buf_puts(out, s);
	kt_buf_put(out, "\n", 1);
	free(s);
	return out->err;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *int_or_null(int64_t v)
{
	return v < 0 ? json_null() : json_integer(v);
}

int kt_cg_list_json(const struct kt_group_listing *v, size_t n,
		    struct kt_buf *out)
{
	size_t i;
	int r;

	for (i = 0; i < n; i++) {
		json_t *o = json_object();

		if (!o)
			return -KT_ENOMEM;
		json_object_set_new(o, "group", json_string(v[i].group_id));
		json_object_set_new(o, "type",
				    v[i].type ? json_string(v[i].type)
					      : json_null());
		json_object_set_new(o, "state",
				    v[i].state ? json_string(kt_cg_state_name(
							 v[i].state))
					       : json_null());
		json_object_set_new(o, "protocol_type",
				    json_string(v[i].protocol_type));
		r = put_json(out, o);
		if (r)
			return r;
	}
	return out->err;
}

/* ---- offsets view ---------------------------------------------------------- */

int kt_cg_offsets_text(const struct kt_cg_offset_row *v, size_t n,
		       bool verbose, struct kt_buf *out)
{
	size_t i, g = 15, t = 15, c = 15, h = 15;
	char b1[24], b2[24], b3[24], b4[24], b5[24];

	for (i = 0; i < n; i++) {
		g = wmax(g, v[i].group);
		t = wmax(t, v[i].topic);
		c = wmax(c, dash(v[i].consumer_id));
		h = wmax(h, dash(v[i].host));
	}
	kt_buf_put(out, "\n", 1);
	cell(out, "GROUP", g);
	cell(out, "TOPIC", t);
	cell(out, "PARTITION", 10);
	if (verbose)
		cell(out, "LEADER-EPOCH", 15);
	cell(out, "CURRENT-OFFSET", 15);
	cell(out, "LOG-END-OFFSET", 15);
	cell(out, "LAG", 15);
	cell(out, "CONSUMER-ID", c);
	cell(out, "HOST", h);
	kt_buf_puts(out, "CLIENT-ID\n");
	for (i = 0; i < n; i++) {
		const struct kt_cg_offset_row *r = &v[i];

		cell(out, r->group, g);
		cell(out, r->topic, t);
		cell(out, num(b1, sizeof(b1), r->partition), 10);
		if (verbose)
			cell(out, num(b2, sizeof(b2), r->leader_epoch), 15);
		cell(out, num(b3, sizeof(b3), r->current), 15);
		cell(out, num(b4, sizeof(b4), r->log_end), 15);
		if (r->current >= 0 && r->log_end >= 0)
			snprintf(b5, sizeof(b5), "%lld",
				 (long long)(r->log_end - r->current));
		else
			snprintf(b5, sizeof(b5), "-");
		cell(out, b5, 15);
		cell(out, dash(r->consumer_id), c);
		cell(out, dash(r->host), h);
		kt_buf_puts(out, dash(r->client_id));
		kt_buf_put(out, "\n", 1);
	}
	return out->err;
}

/* ---- members view ---------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "topic:0,1;other:2": pieces sorted as strings, "-" when empty. */
static char *assignment_text(const struct kt_group_tp *v, size_t n)
{
	struct kt_buf b;
	char **pieces;
	size_t i, k;
	uint8_t *p;

	if (!n)
		return strdup("-");
	pieces = calloc(n, sizeof(*pieces));
	if (!pieces)
		return NULL;
	kt_buf_init(&b, 0);
	for (i = 0; i < n; i++) {
		kt_buf_reset(&b);
		kt_buf_printf(&b, "%s:", v[i].topic);
		for (k = 0; k < v[i].n_parts; k++)
			kt_buf_printf(&b, "%s%d", k ? "," : "", v[i].parts[k]);
		kt_buf_put(&b, "", 1);
		pieces[i] = b.err ? NULL : strdup((const char *)b.p);
	}
	qsort(pieces, n, sizeof(*pieces), cmp_str);
	kt_buf_reset(&b);
	for (i = 0; i < n; i++) {
		kt_buf_printf(&b, "%s%s", i ? ";" : "",
			      pieces[i] ? pieces[i] : "");
		free(pieces[i]);
	}
	free(pieces);
	kt_buf_put(&b, "", 1);
	if (b.err) {
		kt_buf_release(&b);
		return NULL;
	}
	p = kt_buf_detach(&b, &k);
	return (char *)p;
}

static size_t count_parts(const struct kt_group_tp *v, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += v[i].n_parts;
	return k;
}

int kt_cg_members_text(const struct kt_group_desc *d, bool verbose,
		       struct kt_buf *out)
{
	size_t i, g, c = 15, ii = 17, h = 15, l = 15, a = 20, t = 20;
	bool instance = false, classic = false, consumer = false;
	char **cur = NULL, **tgt = NULL;
	char b1[24], b2[24], b3[24];

	/* the widths are those of the rows: 15 when there is none */
	g = d->n_members ? wmax(15, d->group_id) : 15;
	if (d->n_members) {
		cur = calloc(d->n_members, sizeof(*cur));
		tgt = calloc(d->n_members, sizeof(*tgt));
		if (!cur || !tgt) {
			free(cur);
			free(tgt);
			return -KT_ENOMEM;
		}
	}
	for (i = 0; i < d->n_members; i++) {
		const struct kt_group_member *m = &d->members[i];

		c = wmax(c, m->member_id);
		h = wmax(h, m->client_host);
		l = wmax(l, m->client_id);
		if (m->instance_id) {
			instance = true;
			ii = wmax(ii, m->instance_id);
		}
		cur[i] = assignment_text(m->assigned, m->n_assigned);
		tgt[i] = d->consumer_protocol
				 ? assignment_text(m->target, m->n_target)
				 : strdup("-");
		a = wmax(a, cur[i] ? cur[i] : "");
		t = wmax(t, tgt[i] ? tgt[i] : "");
		if (m->member_type == 0)
			classic = true;
		else
			consumer = true;
	}
	kt_buf_put(out, "\n", 1);
	for (i = 0; i <= d->n_members; i++) {
		const struct kt_group_member *m = i ? &d->members[i - 1] : NULL;

		cell(out, m ? d->group_id : "GROUP", g);
		cell(out, m ? m->member_id : "CONSUMER-ID", c);
		if (instance)
			cell(out, m ? dash(m->instance_id) : "GROUP-INSTANCE-ID",
			     ii);
		cell(out, m ? m->client_host : "HOST", h);
		cell(out, m ? m->client_id : "CLIENT-ID", l);
		if (m)
			snprintf(b1, sizeof(b1), "%zu",
				 count_parts(m->assigned, m->n_assigned));
		cell(out, m ? b1 : "#PARTITIONS", 15);
		if (verbose) {
			cell(out,
			     m ? (d->consumer_protocol
					  ? num(b2, sizeof(b2), m->member_epoch)
					  : "-")
			       : "CURRENT-EPOCH",
			     15);
			cell(out,
			     m ? (cur[i - 1] ? cur[i - 1] : "")
			       : "CURRENT-ASSIGNMENT",
			     a);
			cell(out,
			     m ? (d->consumer_protocol
					  ? num(b3, sizeof(b3),
						d->assignment_epoch)
					  : "-")
			       : "TARGET-EPOCH",
			     15);
			pad(out,
			    m ? (tgt[i - 1] ? tgt[i - 1] : "")
			      : "TARGET-ASSIGNMENT",
			    t);
			if (d->consumer_protocol && classic && consumer) {
				kt_buf_put(out, " ", 1);
				kt_buf_puts(out,
					    m ? (m->member_type == 0 ? "false"
						 : m->member_type == 1
							 ? "true"
							 : "-")
					      : "UPGRADED");
			}
		}
		kt_buf_put(out, "\n", 1);
	}
	for (i = 0; i < d->n_members; i++) {
		free(cur[i]);
		free(tgt[i]);
	}
	free(cur);
	free(tgt);
	return out->err;
}

/* ---- state view ------------------------------------------------------------ */

static void coordinator_text(const struct kt_group_desc *d, char *buf,
			     size_t len)
{
	snprintf(buf, len, "%s:%d  (%d)",
		 d->coordinator_host ? d->coordinator_host : "",
		 d->coordinator_port, d->coordinator_id);
}

int kt_cg_state_text(const struct kt_group_desc *d, bool verbose,
		     struct kt_buf *out)
{
	char coord[320], b1[24], b2[24], b3[24];
	size_t g = wmax(15, d->group_id), k;

	coordinator_text(d, coord, sizeof(coord));
	k = wmax(25, coord);
	kt_buf_put(out, "\n", 1);
	cell(out, "GROUP", g);
	cell(out, "COORDINATOR (ID)", k);
	cell(out, "ASSIGNMENT-STRATEGY", 20);
	cell(out, "STATE", 20);
	if (verbose) {
		cell(out, "GROUP-EPOCH", 15);
		cell(out, "TARGET-ASSIGNMENT-EPOCH", 25);
	}
	kt_buf_puts(out, "#MEMBERS\n");
	cell(out, d->group_id, g);
	cell(out, coord, k);
	cell(out, d->assignor && *d->assignor ? d->assignor : "-", 20);
	cell(out, kt_cg_state_name(d->state), 20);
	if (verbose) {
		cell(out,
		     d->consumer_protocol
			     ? num(b1, sizeof(b1), d->group_epoch)
			     : "-",
		     15);
		cell(out,
		     d->consumer_protocol
			     ? num(b2, sizeof(b2), d->assignment_epoch)
			     : "-",
		     25);
	}
	snprintf(b3, sizeof(b3), "%zu", d->n_members);
	kt_buf_puts(out, b3);
	kt_buf_put(out, "\n", 1);
	return out->err;
}

/* ---- JSON of --describe ---------------------------------------------------- */

static json_t *tps_json(const struct kt_group_tp *v, size_t n)
{
	json_t *a = json_array();
	size_t i, k;

	for (i = 0; a && i < n; i++) {
		json_t *t = json_object(), *p = json_array();

		for (k = 0; p && k < v[i].n_parts; k++)
			json_array_append_new(p, json_integer(v[i].parts[k]));
		json_object_set_new(t, "topic", json_string(v[i].topic));
		json_object_set_new(t, "partitions", p);
		json_array_append_new(a, t);
	}
	return a;
}

int kt_cg_describe_json(const struct kt_group_desc *d,
			const struct kt_cg_offset_row *rows, size_t n_rows,
			struct kt_buf *out)
{
	json_t *o = json_object(), *ms = json_array(), *co = json_object();
	size_t i;

	if (!o || !ms || !co) {
		json_decref(o);
		json_decref(ms);
		json_decref(co);
		return -KT_ENOMEM;
	}
	json_object_set_new(o, "group", json_string(d->group_id));
	json_object_set_new(o, "error", str_or_null(d->error_code
							    ? d->error_message
							    : NULL));
	json_object_set_new(o, "state",
			    json_string(kt_cg_state_name(d->state)));
	json_object_set_new(o, "protocol",
			    json_string(d->consumer_protocol ? "consumer"
							     : "classic"));
	json_object_set_new(o, "assignment_strategy",
			    d->assignor && *d->assignor
				    ? json_string(d->assignor)
				    : json_null());
	json_object_set_new(co, "id", json_integer(d->coordinator_id));
	json_object_set_new(co, "host", str_or_null(d->coordinator_host));
	json_object_set_new(co, "port", json_integer(d->coordinator_port));
	json_object_set_new(o, "coordinator", co);
	json_object_set_new(o, "group_epoch",
			    d->consumer_protocol ? int_or_null(d->group_epoch)
						 : json_null());
	json_object_set_new(o, "target_assignment_epoch",
			    d->consumer_protocol
				    ? int_or_null(d->assignment_epoch)
				    : json_null());
	for (i = 0; i < d->n_members; i++) {
		const struct kt_group_member *m = &d->members[i];
		json_t *j = json_object();

		json_object_set_new(j, "member_id", json_string(m->member_id));
		json_object_set_new(j, "instance_id",
				    str_or_null(m->instance_id));
		json_object_set_new(j, "client_id", json_string(m->client_id));
		json_object_set_new(j, "host", json_string(m->client_host));
		json_object_set_new(j, "member_epoch",
				    d->consumer_protocol
					    ? int_or_null(m->member_epoch)
					    : json_null());
		json_object_set_new(j, "assignment",
				    tps_json(m->assigned, m->n_assigned));
		json_object_set_new(j, "target_assignment",
				    d->consumer_protocol
					    ? tps_json(m->target, m->n_target)
					    : json_null());
		json_array_append_new(ms, j);
	}
	json_object_set_new(o, "members", ms);
	if (rows) {
		json_t *a = json_array();

		for (i = 0; a && i < n_rows; i++) {
			const struct kt_cg_offset_row *r = &rows[i];
			json_t *j = json_object();

			json_object_set_new(j, "topic", json_string(r->topic));
			json_object_set_new(j, "partition",
					    json_integer(r->partition));
			json_object_set_new(j, "current_offset",
					    int_or_null(r->current));
			json_object_set_new(j, "log_end_offset",
					    int_or_null(r->log_end));
			json_object_set_new(
				j, "lag",
				r->current >= 0 && r->log_end >= 0
					? json_integer(r->log_end - r->current)
					: json_null());
			json_object_set_new(j, "leader_epoch",
					    int_or_null(r->leader_epoch));
			json_object_set_new(j, "member_id",
					    str_or_null(r->consumer_id));
			json_object_set_new(j, "host", str_or_null(r->host));
			json_object_set_new(j, "client_id",
					    str_or_null(r->client_id));
			json_array_append_new(a, j);
		}
		json_object_set_new(o, "offsets", a);
	}
	return put_json(out, o);
}

/* ---- reset-offsets ---------------------------------------------------------- */

int kt_cg_reset_text(const struct kt_cg_reset_row *v, size_t n,
		     const char *const *groups, size_t n_groups,
		     struct kt_buf *out)
{
	size_t i, g = 15, t = 15;
	char b1[24];

	kt_buf_put(out, "\n", 1);
	if (!n_groups)
		return out->err;
	/* GROUP is as wide as the longest group asked for, TOPIC as the
	 * longest topic printed */
	for (i = 0; i < n_groups; i++)
		g = wmax(g, groups[i]);
	for (i = 0; i < n; i++)
		t = wmax(t, v[i].topic);
	cell(out, "GROUP", g);
	cell(out, "TOPIC", t);
	cell(out, "PARTITION", 10);
	kt_buf_puts(out, "NEW-OFFSET\n");
	for (i = 0; i < n; i++) {
		cell(out, v[i].group, g);
		cell(out, v[i].topic, t);
		snprintf(b1, sizeof(b1), "%d", v[i].partition);
		cell(out, b1, 10);
		kt_buf_printf(out, "%lld\n", (long long)v[i].offset);
	}
	return out->err;
}

/* The length of UTF-8 s in UTF-16 code units (Java's String.length). */
static size_t utf16_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c & 0xC0) != 0x80)
			n += c >= 0xF0 ? 2 : 1;
	}
	return n;
}

/* Whether Jackson's CsvEncoder quotes a string value: without its
 * STRICT_CHECK_FOR_QUOTING feature, any value longer than 24 characters
 * is quoted unchecked; a shorter one when it holds the separator, a
 * quote or a control character. */
static bool csv_quoted(const char *s)
{
	const char *p;

	if (utf16_len(s) > 24)
		return true;
	for (p = s; *p; p++)
		if (*p == ',' || *p == '"' || (unsigned char)*p < 0x20)
			return true;
	return false;
}

/* A CSV field as Jackson's CsvMapper writes it, quotes doubled inside. */
static void csv_field(struct kt_buf *out, const char *s)
{
	const char *p;

	if (!csv_quoted(s)) {
		kt_buf_puts(out, s);
		return;
	}
	kt_buf_put(out, "\"", 1);
	for (p = s; *p; p++) {
		if (*p == '"')
			kt_buf_put(out, "\"", 1);
		kt_buf_put(out, p, 1);
	}
	kt_buf_put(out, "\"", 1);
}

int kt_cg_reset_csv(const struct kt_cg_reset_row *v, size_t n,
		    bool with_group, struct kt_buf *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (with_group) {
			csv_field(out, v[i].group);
			kt_buf_put(out, ",", 1);
		}
		csv_field(out, v[i].topic);
		kt_buf_printf(out, ",%d,%lld\n", v[i].partition,
			      (long long)v[i].offset);
	}
	kt_buf_put(out, "\n", 1);
	return out->err;
}

/* ---- delete-offsets ---------------------------------------------------------- */

static int cmp_delete_row(const void *a, const void *b)
{
	const struct kt_cg_delete_row *x = a, *y = b;
	char kx[300], ky[300];

	/* Apache sorts by the string topic + partition */
	snprintf(kx, sizeof(kx), "%s%d", x->topic, x->partition);
	snprintf(ky, sizeof(ky), "%s%d", y->topic, y->partition);
	if (x->partition < 0)
		snprintf(kx, sizeof(kx), "%s-", x->topic);
	if (y->partition < 0)
		snprintf(ky, sizeof(ky), "%s-", y->topic);
	return strcmp(kx, ky);
}

int kt_cg_delete_offsets_text(struct kt_cg_delete_row *v, size_t n,
			      struct kt_buf *out)
{
	size_t i, t = 15;
	char b1[24];

	qsort(v, n, sizeof(*v), cmp_delete_row);
	for (i = 0; i < n; i++)
		t = wmax(t, v[i].topic);
	kt_buf_put(out, "\n", 1);
	cell(out, "TOPIC", t);
	cell(out, "PARTITION", 10);
	pad(out, "STATUS", 15);
	kt_buf_put(out, "\n", 1);
	for (i = 0; i < n; i++) {
		cell(out, v[i].topic, t);
		if (v[i].partition < 0)
			snprintf(b1, sizeof(b1), "-");
		else
			snprintf(b1, sizeof(b1), "%d", v[i].partition);
		cell(out, b1, 10);
		pad(out, v[i].status, 15);
		kt_buf_put(out, "\n", 1);
	}
	return out->err;
}
