/*
 * probe.c - kt-probe, a test-only tool that drives the network core of
 * libkafkit (client, conn, proto, proto_metadata) from bats.
 *
 * Usage:
 *   kt-probe --bootstrap-server HOST:PORT[,...] [-X KEY=VALUE]...
 *            [--timeout-ms MS] COMMAND [ARGS]
 * Commands:
 *   api-versions      one line per API the broker offers, in the format
 *                     of Apache's kafka-broker-api-versions:
 *                     "Metadata(3): 0 to 13 [usable: 13]"
 *   metadata [TOPIC]  cluster id, controller, brokers, then per topic its
 *                     partitions (kafka-topics --describe style) or error
 *   raw KEY HEX       send HEX as the body of API KEY (at the version
 *                     picked for the broker) and print "vN HEX" of the
 *                     response body: how unit tests get golden bytes
 * -X sets a client property by its Java name (request.timeout.ms, ...);
 * --timeout-ms sets default.api.timeout.ms.
 * Exit: 0 ok, 1 failure (one line on stderr), 2 usage, 3 some topic had an
 * error.
 */
#include "net/client.h"
#include "wire/kerr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
	fputs("usage: kt-probe --bootstrap-server HOST:PORT[,...] "
	      "[-X KEY=VALUE]... [--timeout-ms MS]\n"
	      "                api-versions | metadata [TOPIC...] | "
	      "raw KEY HEX\n",
	      f);
}

static int fail(const struct kt_err *e)
{
	fprintf(stderr, "kt-probe: %s\n", e->msg);
	return 1;
}

static void print_ids(const int32_t *ids, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		printf("%s%d", i ? "," : "", ids[i]);
}

static int cmd_api_versions(struct kt_client *c)
{
	int32_t node = kt_client_bootstrap_node(c);
	const struct kt_apivers *av = kt_client_apivers(c, node);
	size_t i;

	if (!av) {
		fprintf(stderr, "kt-probe: no negotiated connection\n");
		return 1;
	}
	for (i = 0; i < av->n_apis; i++) {
		const struct kt_api_range *a = &av->apis[i];
		const struct kt_api_info *info = kt_api_info(a->api_key);
		struct kt_err e;
		int16_t v;

		printf("%s(%d): ", kt_api_name(a->api_key), a->api_key);
		if (a->min_version == a->max_version)
			printf("%d", a->min_version);
		else
			printf("%d to %d", a->min_version, a->max_version);
		if (!info || info->client_min < 0)
			printf(" [not used by kafkit]\n");
		else if (kt_api_pick(av, a->api_key, &v, &e) == 0)
			printf(" [usable: %d]\n", v);
		else
			printf(" [usable: UNSUPPORTED]\n");
	}
	return 0;
}

static int cmd_metadata(struct kt_client *c, char **topics, int n)
{
	const struct kt_metadata *md;
	struct kt_err e;
	size_t i, j;
	int rc = 0;

	kt_err_clear(&e);
	if (kt_client_metadata_refresh(c, (const char *const *)topics,
				       n ? n : -1, &e) < 0)
		return fail(&e);
	md = kt_client_metadata(c);
	printf("Cluster id: %s\n", md->cluster_id ? md->cluster_id : "null");
	printf("Controller: %d\n", md->controller_id);
	for (i = 0; i < md->n_brokers; i++)
		printf("Broker %d: %s:%d rack: %s\n", md->brokers[i].node_id,
		       md->brokers[i].host, md->brokers[i].port,
		       md->brokers[i].rack ? md->brokers[i].rack : "null");
	for (i = 0; i < md->n_topics; i++) {
		const struct kt_md_topic *t = &md->topics[i];
		const char *name = t->name ? t->name : "null";
		char id[23];

		if (t->error_code) {
			printf("Topic: %s\tError: %s: %s\n", name,
			       kt_kerr_name(t->error_code),
			       kt_kerr_message(t->error_code));
			rc = 3;
			continue;
		}
		kt_uuid_str(&t->topic_id, id);
		printf("Topic: %s\tTopicId: %s\tPartitionCount: %zu\t"
		       "Internal: %s\n",
		       name, id, t->n_partitions,
		       t->is_internal ? "true" : "false");
		for (j = 0; j < t->n_partitions; j++) {
			const struct kt_md_partition *p = &t->partitions[j];

			printf("\tTopic: %s\tPartition: %d\tLeader: ", name,
			       p->partition_index);
			if (p->leader_id < 0)
				printf("none");
			else
				printf("%d", p->leader_id);
			printf("\tReplicas: ");
			print_ids(p->replica_nodes, p->n_replica_nodes);
			printf("\tIsr: ");
			print_ids(p->isr_nodes, p->n_isr_nodes);
			printf("\tOffline: ");
			print_ids(p->offline_replicas, p->n_offline_replicas);
			if (p->error_code)
				printf("\tError: %s",
				       kt_kerr_name(p->error_code));
			printf("\n");
		}
	}
	return rc;
}

struct raw_body {
	uint8_t *p;
	size_t len;
	int16_t version;
};

static int raw_encode(void *arg, struct kt_buf *b, int16_t version,
		      struct kt_err *err)
{
	struct raw_body *rb = arg;

	(void)err;
	rb->version = version;
	return kt_buf_put(b, rb->p, rb->len);
}

static int cmd_raw(struct kt_client *c, const char *key, const char *hex)
{
	struct raw_body rb = {0};
	struct kt_response resp;
	struct kt_err e;
	char *end;
	long k = strtol(key, &end, 10);
	size_t i, n = strlen(hex);
	int rc = 1;

	if (!*key || *end || k < 0 || k >= KT_API_KEY_COUNT || n % 2) {
		fprintf(stderr, "kt-probe: raw KEY HEX: bad key or hex\n");
		return 2;
	}
	rb.p = malloc(n / 2 + 1);
	if (!rb.p)
		return 1;
	for (i = 0; i < n / 2; i++) {
		int hi = kt_hex_digit(hex[2 * i]),
		    lo = kt_hex_digit(hex[2 * i + 1]);

		if (hi < 0 || lo < 0) {
			fprintf(stderr, "kt-probe: raw: bad hex\n");
			free(rb.p);
			return 2;
		}
		rb.p[i] = (uint8_t)(hi * 16 + lo);
	}
	rb.len = n / 2;
	if (kt_client_call(c, KT_NODE_ANY, (int16_t)k, raw_encode, &rb, &resp,
			   NULL, &e) < 0) {
		rc = fail(&e);
	} else {
		printf("v%d ", resp.api_version);
		for (i = 0; i < resp.body_len; i++)
			printf("%02x", resp.body[i]);
		printf("\n");
		kt_response_release(&resp);
		rc = 0;
	}
	free(rb.p);
	return rc;
}

int main(int argc, char **argv)
{
	struct kt_client_conf conf;
	struct kt_client *c = NULL;
	struct kt_err e;
	int i, rc = 1;

	kt_err_clear(&e);
	kt_client_conf_init(&conf);
	kt_client_conf_set(&conf, "client.id", "kt-probe", NULL);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = NULL;
		int r;

		if (a[0] != '-')
			break;
		if (strcmp(a, "--help") == 0) {
			usage(stdout);
			rc = 0;
			goto out;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "kt-probe: option %s needs a value\n",
				a);
			rc = 2;
			goto out;
		}
		v = argv[++i];
		if (strcmp(a, "--bootstrap-server") == 0) {
			r = kt_client_conf_set(&conf, "bootstrap.servers", v,
					       &e);
		} else if (strcmp(a, "--timeout-ms") == 0) {
			r = kt_client_conf_set(&conf, "default.api.timeout.ms",
					       v, &e);
		} else if (strcmp(a, "-X") == 0) {
			char key[256];
			const char *eq = strchr(v, '=');

			if (!eq || (size_t)(eq - v) >= sizeof(key)) {
				fprintf(stderr,
					"kt-probe: -X expects KEY=VALUE, got "
					"'%s'\n",
					v);
				rc = 2;
				goto out;
			}
			memcpy(key, v, (size_t)(eq - v));
			key[eq - v] = '\0';
			r = kt_client_conf_set(&conf, key, eq + 1, &e);
			if (r == KT_CONF_IGNORED)
				fprintf(stderr,
					"kt-probe: warning: property '%s' is "
					"not used\n",
					key);
		} else {
			fprintf(stderr, "kt-probe: unknown option %s\n", a);
			usage(stderr);
			rc = 2;
			goto out;
		}
		if (r < 0) {
			rc = fail(&e);
			goto out;
		}
	}
	if (i >= argc) {
		usage(stderr);
		rc = 2;
		goto out;
	}
	c = kt_client_new(&conf, &e);
	if (!c) {
		rc = fail(&e);
		goto out;
	}
	if (kt_client_bootstrap(c, &e) < 0) {
		rc = fail(&e);
		goto out;
	}
	if (strcmp(argv[i], "api-versions") == 0 && i + 1 == argc) {
		rc = cmd_api_versions(c);
	} else if (strcmp(argv[i], "raw") == 0 && i + 3 == argc) {
		rc = cmd_raw(c, argv[i + 1], argv[i + 2]);
	} else if (strcmp(argv[i], "metadata") == 0) {
		rc = cmd_metadata(c, argv + i + 1, argc - i - 1);
	} else {
		usage(stderr);
		rc = 2;
	}
out:
	kt_client_free(c);
	kt_client_conf_release(&conf);
	return rc;
}
