/*
 * test_apirange.c - the client's version policy (proto.c's table) must lie
 * inside what each body codec can encode and decode, and both must agree
 * on the first flexible version, so the two cannot drift apart.
 */
#include "unit.h"

#include "wire/proto.h"
#include "proto/configs.h"
#include "proto/fetch.h"
#include "proto/group.h"
#include "proto/groups_admin.h"
#include "proto/produce.h"
#include "proto/topics.h"

void test_apirange(void);

struct codec {
	const char *name;
	int key, min, max, flex;
};

#define ROW(P)                                                                 \
	{                                                                      \
#P, P##_KEY, P##_MIN, P##_MAX, P##_FLEX                        \
	}

static const struct codec codecs[] = {
	ROW(KT_DESCRIBECONFIGS),
	ROW(KT_ALTERCONFIGS),
	ROW(KT_INCREMENTALALTERCONFIGS),
	ROW(KT_FETCH),
	ROW(KT_LIST_OFFSETS),
	ROW(KT_FIND_COORDINATOR),
	ROW(KT_JOIN_GROUP),
	ROW(KT_HEARTBEAT),
	ROW(KT_LEAVE_GROUP),
	ROW(KT_SYNC_GROUP),
	ROW(KT_OFFSET_COMMIT),
	ROW(KT_OFFSET_FETCH),
	ROW(KT_CONSUMER_GROUP_HEARTBEAT),
	ROW(KT_LISTGROUPS),
	ROW(KT_DESCRIBEGROUPS),
	ROW(KT_DELETEGROUPS),
	ROW(KT_OFFSETDELETE),
	ROW(KT_CONSUMERGROUPDESCRIBE),
	ROW(KT_DESCRIBECLUSTER),
	ROW(KT_DELETERECORDS),
	ROW(KT_PRODUCE),
	ROW(KT_INIT_PRODUCER_ID),
	ROW(KT_ADD_PARTITIONS_TO_TXN),
	ROW(KT_END_TXN),
	ROW(KT_CREATETOPICS),
	ROW(KT_DELETETOPICS),
	ROW(KT_CREATEPARTITIONS),
	ROW(KT_DESCRIBETOPICPARTITIONS),
};

void test_apirange(void)
{
	size_t i;

	for (i = 0; i < sizeof(codecs) / sizeof(codecs[0]); i++) {
		const struct codec *c = &codecs[i];
		const struct kt_api_info *a = kt_api_info((int16_t)c->key);
		int flex = c->flex > 1000 ? -1 : c->flex;

		CHECK(a != NULL, "%s: key %d is a known API", c->name, c->key);
		if (!a)
			continue;
		CHECK_INT(a->flex_min, flex, "%s: same first flexible version",
			  c->name);
		if (a->client_min < 0)
			continue; /* the client does not speak it yet */
		CHECK(a->client_min >= c->min && a->client_max <= c->max,
		      "%s: client range v%d..v%d within codec v%d..v%d",
		      c->name, a->client_min, a->client_max, c->min, c->max);
	}
}
