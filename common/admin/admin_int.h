/*
 * admin/admin_int.h - what the files of the admin calls share:
 * results and errors as the Java admin client reports them, and the runner
 * of parallel requests (one job per broker or chunk). Included by admin.c,
 * admin_describe.c, admin_configs.c, admin_change.c and groups.c only; the
 * library's interface is admin/admin.h and admin/groups.h.
 */
#ifndef KT_ADMIN_ADMIN_INT_H
#define KT_ADMIN_ADMIN_INT_H

#include "admin/admin.h"
#include "java/jorder.h"
#include "wire/kerr.h"
#include "proto/configs.h"
#include "proto/groups_admin.h"
#include "proto/reassign.h"
#include "proto/topics.h"

#include <time.h>

/* The broker's own time limit for topic changes (CreateTopics etc.): the
 * Java client sends its request timeout, 30 s by default. */
#define ADMIN_TIMEOUT_MS 30000

/* Lookup of a request's topic names: sorted (name, index) pairs. */
struct name_ix {
	const char *name;
	size_t ix;
};

struct job {
	int16_t api;
	kt_encode_fn enc;
	void *enc_arg;
	bool done;
	bool abandoned; /* timed out: the callback frees the job */
	struct kt_response resp;
	struct kt_err err;
	int rc;
};

/* DescribeConfigs for every described topic, one request. */
struct dcfg_enc {
	struct kt_describeconfigs_resource *res;
	size_t n;
};

/* ListPartitionReassignments for every partition of the described topics. */
struct lpr_enc {
	struct kt_listreassign_req req;
};

/* The ListPartitionReassignments request for the given topics, from
 * what is known of their partitions (the descriptions when they have
 * partitions, else the metadata cache). */
struct lpr_build {
	struct lpr_enc e;
	struct kt_listreassign_req_topic *ts;
	int32_t **parts;
	size_t nt;
};

/* Topics per DescribeConfigs request, and the most requests at once. */
#define CONFIGS_PER_REQUEST 64

#define MAX_PARALLEL 8

int kt_adm_result_set(struct kt_admin_result *r, int16_t code, const char *msg);
int kt_adm_oom(struct kt_err *err);
int kt_adm_kafka_fail(struct kt_err *err, int16_t code, const char *msg);
int kt_adm_enc_done(struct kt_buf *b, int r, const char *api, int16_t v,
		    struct kt_err *err);
const struct kt_md_topic **kt_adm_md_sorted(const struct kt_metadata *md,
					    size_t *n);
const struct kt_md_topic *kt_adm_md_find(const struct kt_md_topic **v, size_t n,
					 const char *name);
long kt_adm_find_name(const struct name_ix *ix, size_t n, const char *name);
struct job *kt_adm_job_new(int16_t api, kt_encode_fn enc, void *enc_arg);
void kt_adm_job_free(struct job *j);
int kt_adm_jobs_run(struct kt_client *c, struct job **jobs,
		    const int32_t *nodes, size_t n, int timeout_ms,
		    struct kt_err *err);
int kt_adm_dcfg_encode(void *arg, struct kt_buf *b, int16_t version,
		       struct kt_err *err);
int kt_adm_configs_apply(const struct kt_response *resp,
			 const struct name_ix *ix, size_t n_ix,
			 struct kt_admin_desc *v, struct kt_err *err);
struct dcfg_enc *kt_adm_configs_chunks(const char *const *names, size_t n,
				       size_t k);
void kt_adm_configs_chunks_free(struct dcfg_enc *ch, size_t k);
int kt_adm_lpr_encode(void *arg, struct kt_buf *b, int16_t version,
		      struct kt_err *err);
void kt_adm_lpr_build_free(struct lpr_build *lb);
int kt_adm_lpr_build(struct lpr_build *lb, const struct kt_admin_desc *v,
		     const char *const *names, size_t n,
		     const struct kt_metadata *md);
int kt_adm_lpr_apply(int rc, const struct kt_err *rc_err,
		     const struct kt_response *resp, struct kt_admin_desc *v,
		     size_t n, struct kt_err *err);

#endif
