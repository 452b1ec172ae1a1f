/*
 * proto/configs.c - DescribeConfigs (32), AlterConfigs (33) and
 * IncrementalAlterConfigs (44, KIP-339) request and response bodies for the
 * versions listed in proto/configs.h (Kafka 4.3.1 message schemas; flexible
 * encoding per KIP-482).
 */
#include "proto/configs.h"

#include <string.h>

/* ---- DescribeConfigs ---- */

int kt_describeconfigs_req_encode(struct kt_buf *b, int16_t version,
				  const struct kt_describeconfigs_req *req)
{
	bool flex = version >= KT_DESCRIBECONFIGS_FLEX;
	size_t i, n = req->resources ? req->n_resources : 0;

	if (kt_body_put_version(b, version, KT_DESCRIBECONFIGS_MIN,
				KT_DESCRIBECONFIGS_MAX))
		return b->err;
	if (version < 3 && req->include_documentation)
		return kt_body_fail(b, KT_EUNSUPPORTED);
	kt_body_put_count(b, flex, false, n);
	for (i = 0; i < n && !b->err; i++) {
		const struct kt_describeconfigs_resource *res =
			&req->resources[i];

		kt_put_i8(b, res->resource_type);
		kt_body_put_str(b, flex, res->resource_name);
		kt_body_put_strs(b, flex, !res->configuration_keys,
				 res->configuration_keys,
				 res->n_configuration_keys);
		kt_put_ftags(b, flex);
	}
	kt_put_bool(b, req->include_synonyms);
	if (version >= 3)
		kt_put_bool(b, req->include_documentation);
	return kt_put_ftags(b, flex);
}

int kt_describeconfigs_resp_decode(const uint8_t *p, size_t len,
				   int16_t version,
				   struct kt_describeconfigs_resp *out,
				   struct kt_err *err)
{
	bool flex = version >= KT_DESCRIBECONFIGS_FLEX;
	struct kt_arena *a = &out->arena;
	struct kt_reader r;
	size_t i, j, k, cmin;
	int rc;

	if (kt_body_begin(&r, p, len, out, sizeof(*out), "DescribeConfigs",
			  version, KT_DESCRIBECONFIGS_MIN,
			  KT_DESCRIBECONFIGS_MAX, err))
		return -KT_EUNSUPPORTED;
	kt_read_i32(&r, &out->throttle_time_ms);
	out->results = kt_body_array(&r, flex, false,
				     2 + 2 * KT_BODY_STR_MIN(flex) + 1 +
					     KT_BODY_ARR_MIN(flex) +
					     KT_BODY_TAGS_MIN(flex),
				     sizeof(*out->results), a, &out->n_results);
	/* name, value, read_only, source, sensitive, synonyms, [type, doc] */
	cmin = 2 * KT_BODY_STR_MIN(flex) + 3 + KT_BODY_ARR_MIN(flex) +
	       (version >= 3 ? 1 + KT_BODY_STR_MIN(flex) : 0) +
	       KT_BODY_TAGS_MIN(flex);
	for (i = 0; i < out->n_results && !r.err; i++) {
		struct kt_describeconfigs_result *res = &out->results[i];

		kt_read_i16(&r, &res->error_code);
		kt_body_str(&r, flex, true, a, &res->error_message);
		kt_read_i8(&r, &res->resource_type);
		kt_body_str(&r, flex, false, a, &res->resource_name);
		res->configs = kt_body_array(&r, flex, false, cmin,
					     sizeof(*res->configs), a,
					     &res->n_configs);
		for (j = 0; j < res->n_configs && !r.err; j++) {
			struct kt_describeconfigs_config *c = &res->configs[j];

			kt_body_str(&r, flex, false, a, &c->name);
			kt_body_str(&r, flex, true, a, &c->value);
			kt_read_bool(&r, &c->read_only);
			kt_read_i8(&r, &c->config_source);
			kt_read_bool(&r, &c->is_sensitive);
			c->synonyms = kt_body_array(
				&r, flex, false,
				2 * KT_BODY_STR_MIN(flex) + 1 +
					KT_BODY_TAGS_MIN(flex),
				sizeof(*c->synonyms), a, &c->n_synonyms);
			for (k = 0; k < c->n_synonyms && !r.err; k++) {
				struct kt_describeconfigs_synonym *s =
					&c->synonyms[k];

				kt_body_str(&r, flex, false, a, &s->name);
				kt_body_str(&r, flex, true, a, &s->value);
				kt_read_i8(&r, &s->source);
				kt_read_ftags(&r, flex);
			}
			if (version >= 3) {
				kt_read_i8(&r, &c->config_type);
				kt_body_str(&r, flex, true, a,
					    &c->documentation);
			}
			kt_read_ftags(&r, flex);
		}
		kt_read_ftags(&r, flex);
	}
	kt_read_ftags(&r, flex);
	rc = kt_body_end(&r, "DescribeConfigs response", version, err);
	if (rc)
		kt_describeconfigs_resp_release(out);
	return rc;
}

void kt_describeconfigs_resp_release(struct kt_describeconfigs_resp *resp)
{
	if (resp)
		kt_body_release(&resp->arena, resp, sizeof(*resp));
}

/* ---- AlterConfigs and IncrementalAlterConfigs ---- */

int kt_alterconfigs_req_encode(struct kt_buf *b, int16_t version,
			       const struct kt_alterconfigs_req *req)
{
	bool flex = version >= KT_ALTERCONFIGS_FLEX;
	size_t i, j, n = req->resources ? req->n_resources : 0;

	if (kt_body_put_version(b, version, KT_ALTERCONFIGS_MIN,
				KT_ALTERCONFIGS_MAX))
		return b->err;
	kt_body_put_count(b, flex, false, n);
	for (i = 0; i < n && !b->err; i++) {
		const struct kt_alterconfigs_resource *res = &req->resources[i];
		size_t nc = res->configs ? res->n_configs : 0;

		kt_put_i8(b, res->resource_type);
		kt_body_put_str(b, flex, res->resource_name);
		kt_body_put_count(b, flex, false, nc);
		for (j = 0; j < nc; j++) {
			kt_body_put_str(b, flex, res->configs[j].name);
			kt_body_put_nstr(b, flex, res->configs[j].value);
			kt_put_ftags(b, flex);
		}
		kt_put_ftags(b, flex);
	}
	kt_put_bool(b, req->validate_only);
	return kt_put_ftags(b, flex);
}

int kt_incrementalalterconfigs_req_encode(
	struct kt_buf *b, int16_t version,
	const struct kt_incrementalalterconfigs_req *req)
{
	bool flex = version >= KT_INCREMENTALALTERCONFIGS_FLEX;
	size_t i, j, n = req->resources ? req->n_resources : 0;

	if (kt_body_put_version(b, version, KT_INCREMENTALALTERCONFIGS_MIN,
				KT_INCREMENTALALTERCONFIGS_MAX))
		return b->err;
	kt_body_put_count(b, flex, false, n);
	for (i = 0; i < n && !b->err; i++) {
		const struct kt_incrementalalterconfigs_resource *res =
			&req->resources[i];
		size_t nc = res->configs ? res->n_configs : 0;

		kt_put_i8(b, res->resource_type);
		kt_body_put_str(b, flex, res->resource_name);
		kt_body_put_count(b, flex, false, nc);
		for (j = 0; j < nc; j++) {
			kt_body_put_str(b, flex, res->configs[j].name);
			kt_put_i8(b, res->configs[j].config_operation);
			kt_body_put_nstr(b, flex, res->configs[j].value);
			kt_put_ftags(b, flex);
		}
		kt_put_ftags(b, flex);
	}
	kt_put_bool(b, req->validate_only);
	return kt_put_ftags(b, flex);
}

static int alter_resp_decode(const char *what, const uint8_t *p, size_t len,
			     int16_t version, bool flex,
			     struct kt_alterconfigs_resp *out,
			     struct kt_err *err)
{
	struct kt_arena *a = &out->arena;
	struct kt_reader r;
	size_t i;
	int rc;

	kt_reader_init(&r, p, len);
	kt_read_i32(&r, &out->throttle_time_ms);
	out->responses = kt_body_array(
		&r, flex, false,
		2 + 2 * KT_BODY_STR_MIN(flex) + 1 + KT_BODY_TAGS_MIN(flex),
		sizeof(*out->responses), a, &out->n_responses);
	for (i = 0; i < out->n_responses && !r.err; i++) {
		struct kt_alterconfigs_result *res = &out->responses[i];

		kt_read_i16(&r, &res->error_code);
		kt_body_str(&r, flex, true, a, &res->error_message);
		kt_read_i8(&r, &res->resource_type);
		kt_body_str(&r, flex, false, a, &res->resource_name);
		kt_read_ftags(&r, flex);
	}
	kt_read_ftags(&r, flex);
	rc = kt_body_end(&r, what, version, err);
	if (rc)
		kt_alterconfigs_resp_release(out);
	return rc;
}

int kt_alterconfigs_resp_decode(const uint8_t *p, size_t len, int16_t version,
				struct kt_alterconfigs_resp *out,
				struct kt_err *err)
{
	memset(out, 0, sizeof(*out));
	if (kt_body_version("AlterConfigs", version, KT_ALTERCONFIGS_MIN,
			    KT_ALTERCONFIGS_MAX, err))
		return -KT_EUNSUPPORTED;
	return alter_resp_decode("AlterConfigs response", p, len, version,
				 version >= KT_ALTERCONFIGS_FLEX, out, err);
}

int kt_incrementalalterconfigs_resp_decode(const uint8_t *p, size_t len,
					   int16_t version,
					   struct kt_alterconfigs_resp *out,
					   struct kt_err *err)
{
	memset(out, 0, sizeof(*out));
	if (kt_body_version("IncrementalAlterConfigs", version,
			    KT_INCREMENTALALTERCONFIGS_MIN,
			    KT_INCREMENTALALTERCONFIGS_MAX, err))
		return -KT_EUNSUPPORTED;
	return alter_resp_decode(
		"IncrementalAlterConfigs response", p, len, version,
		version >= KT_INCREMENTALALTERCONFIGS_FLEX, out, err);
}

void kt_alterconfigs_resp_release(struct kt_alterconfigs_resp *resp)
{
	if (resp)
		kt_body_release(&resp->arena, resp, sizeof(*resp));
}
