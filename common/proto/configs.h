/*
 * proto/configs.h - request and response bodies of the config admin APIs:
 * DescribeConfigs (key 32), AlterConfigs (33, the legacy replace-all form)
 * and IncrementalAlterConfigs (44, KIP-339).
 *
 * Versions: from the Kafka 4.x minimum (KIP-896) to the newest of Kafka
 * 4.3, read from the 4.3.1 message schemas and confirmed against a 4.3.1
 * broker's ApiVersions answer; a version >= _FLEX is flexible (KIP-482).
 * Conventions (views in, arena-owned results out, NULL = Kafka null, absent
 * fields hold the schema default) are those of wire/body.h; error and
 * return contracts are those of proto/topics.h: broker error codes are data,
 * decoders fail only on malformed bytes.
 *
 * AlterConfigs and IncrementalAlterConfigs answer with the same shape, so
 * both decoders fill a struct kt_alterconfigs_resp.
 */
#ifndef KT_PROTO_CONFIGS_H
#define KT_PROTO_CONFIGS_H

#include "base/buf.h"
#include "wire/body.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ResourceType (org.apache.kafka.common.config.ConfigResource.Type). */
#define KT_RESOURCE_UNKNOWN 0
#define KT_RESOURCE_TOPIC 2
#define KT_RESOURCE_BROKER 4
#define KT_RESOURCE_BROKER_LOGGER 8
#define KT_RESOURCE_CLIENT_METRICS 16
#define KT_RESOURCE_GROUP 32

/* ConfigSource of DescribeConfigs v1+. */
#define KT_CONFIG_SOURCE_UNKNOWN 0
#define KT_CONFIG_SOURCE_DYNAMIC_TOPIC 1
#define KT_CONFIG_SOURCE_DYNAMIC_BROKER 2
#define KT_CONFIG_SOURCE_DYNAMIC_DEFAULT_BROKER 3
#define KT_CONFIG_SOURCE_STATIC_BROKER 4
#define KT_CONFIG_SOURCE_DEFAULT 5
#define KT_CONFIG_SOURCE_DYNAMIC_BROKER_LOGGER 6
#define KT_CONFIG_SOURCE_CLIENT_METRICS 7
#define KT_CONFIG_SOURCE_GROUP 8

/* ConfigType of DescribeConfigs v3+. */
#define KT_CONFIG_TYPE_UNKNOWN 0
#define KT_CONFIG_TYPE_BOOLEAN 1
#define KT_CONFIG_TYPE_STRING 2
#define KT_CONFIG_TYPE_INT 3
#define KT_CONFIG_TYPE_SHORT 4
#define KT_CONFIG_TYPE_LONG 5
#define KT_CONFIG_TYPE_DOUBLE 6
#define KT_CONFIG_TYPE_LIST 7
#define KT_CONFIG_TYPE_CLASS 8
#define KT_CONFIG_TYPE_PASSWORD 9

/* ConfigOperation of IncrementalAlterConfigs. */
#define KT_CONFIG_OP_SET 0
#define KT_CONFIG_OP_DELETE 1
#define KT_CONFIG_OP_APPEND 2
#define KT_CONFIG_OP_SUBTRACT 3

/* ---- DescribeConfigs (32): 1-4, flexible from 4 ---- */

#define KT_DESCRIBECONFIGS_KEY 32
#define KT_DESCRIBECONFIGS_MIN 1
#define KT_DESCRIBECONFIGS_MAX 4
#define KT_DESCRIBECONFIGS_FLEX 4

struct kt_describeconfigs_resource {
	int8_t resource_type;	   /* KT_RESOURCE_* */
	const char *resource_name; /* "" for the cluster-wide broker default */
	const char *const *configuration_keys; /* NULL: all keys */
	size_t n_configuration_keys;
};

struct kt_describeconfigs_req {
	const struct kt_describeconfigs_resource *resources;
	size_t n_resources;
	bool include_synonyms;
	bool include_documentation; /* v3+ */
};

struct kt_describeconfigs_synonym {
	char *name;
	char *value; /* NULL: null */
	int8_t source;
};

struct kt_describeconfigs_config {
	char *name;
	char *value; /* NULL: null (sensitive values come back null) */
	bool read_only;
	int8_t config_source; /* KT_CONFIG_SOURCE_* */
	bool is_sensitive;
	struct kt_describeconfigs_synonym *synonyms;
	size_t n_synonyms;
	int8_t config_type;  /* v3+, KT_CONFIG_TYPE_*; default 0 */
	char *documentation; /* v3+; NULL: null */
};

struct kt_describeconfigs_result {
	int16_t error_code;
	char *error_message;
	int8_t resource_type;
	char *resource_name;
	struct kt_describeconfigs_config *configs;
	size_t n_configs;
};

struct kt_describeconfigs_resp {
	int32_t throttle_time_ms;
	struct kt_describeconfigs_result *results;
	size_t n_results;
	struct kt_arena arena;
};

/* Append a DescribeConfigs request body; include_documentation before v3
 * fails with KT_EUNSUPPORTED. Contract as kt_createtopics_req_encode. */
int kt_describeconfigs_req_encode(struct kt_buf *b, int16_t version,
				  const struct kt_describeconfigs_req *req);
/* Contract as kt_createtopics_resp_decode. */
int kt_describeconfigs_resp_decode(const uint8_t *p, size_t len,
				   int16_t version,
				   struct kt_describeconfigs_resp *out,
				   struct kt_err *err);
/* Free what a decode put in resp and empty it; safe to call twice. */
void kt_describeconfigs_resp_release(struct kt_describeconfigs_resp *resp);

/* ---- AlterConfigs (33): 0-2, flexible from 2 ---- */

#define KT_ALTERCONFIGS_KEY 33
#define KT_ALTERCONFIGS_MIN 0
#define KT_ALTERCONFIGS_MAX 2
#define KT_ALTERCONFIGS_FLEX 2

struct kt_alterconfigs_config {
	const char *name;
	const char *value; /* NULL: null */
};

/* Every key not listed reverts to its default: this API replaces the whole
 * set of overrides of the resource. */
struct kt_alterconfigs_resource {
	int8_t resource_type;
	const char *resource_name;
	const struct kt_alterconfigs_config *configs;
	size_t n_configs;
};

struct kt_alterconfigs_req {
	const struct kt_alterconfigs_resource *resources;
	size_t n_resources;
	bool validate_only;
};

struct kt_alterconfigs_result {
	int16_t error_code;
	char *error_message;
	int8_t resource_type;
	char *resource_name;
};

/* The response of AlterConfigs and of IncrementalAlterConfigs. */
struct kt_alterconfigs_resp {
	int32_t throttle_time_ms;
	struct kt_alterconfigs_result *responses;
	size_t n_responses;
	struct kt_arena arena;
};

/* Append a request body of this API; contract as kt_createtopics_req_encode
 * (proto/topics.h). */
int kt_alterconfigs_req_encode(struct kt_buf *b, int16_t version,
			       const struct kt_alterconfigs_req *req);
/* Decode a response body of this API into *out (owned; free with the
 * _release function); contract as kt_createtopics_resp_decode. */
int kt_alterconfigs_resp_decode(const uint8_t *p, size_t len, int16_t version,
				struct kt_alterconfigs_resp *out,
				struct kt_err *err);
/* Free what a decode put in resp and empty it; safe to call twice. */
void kt_alterconfigs_resp_release(struct kt_alterconfigs_resp *resp);

/* ---- IncrementalAlterConfigs (44): 0-1, flexible from 1 ---- */

#define KT_INCREMENTALALTERCONFIGS_KEY 44
#define KT_INCREMENTALALTERCONFIGS_MIN 0
#define KT_INCREMENTALALTERCONFIGS_MAX 1
#define KT_INCREMENTALALTERCONFIGS_FLEX 1

struct kt_incrementalalterconfigs_config {
	const char *name;
	int8_t config_operation; /* KT_CONFIG_OP_* */
	const char *value;	 /* NULL: null (as for DELETE) */
};

struct kt_incrementalalterconfigs_resource {
	int8_t resource_type;
	const char *resource_name;
	const struct kt_incrementalalterconfigs_config *configs;
	size_t n_configs;
};

struct kt_incrementalalterconfigs_req {
	const struct kt_incrementalalterconfigs_resource *resources;
	size_t n_resources;
	bool validate_only;
};

/* Append a request body of this API; contract as kt_createtopics_req_encode
 * (proto/topics.h). */
int kt_incrementalalterconfigs_req_encode(
	struct kt_buf *b, int16_t version,
	const struct kt_incrementalalterconfigs_req *req);
/* Fills a struct kt_alterconfigs_resp (same shape as AlterConfigs); free
 * it with kt_alterconfigs_resp_release. */
int kt_incrementalalterconfigs_resp_decode(const uint8_t *p, size_t len,
					   int16_t version,
					   struct kt_alterconfigs_resp *out,
					   struct kt_err *err);

#endif
