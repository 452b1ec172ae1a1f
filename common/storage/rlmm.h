/*
 * storage/rlmm.h - the record decoder of kafka-dump-log's
 * --remote-log-metadata-decoder: the records TopicBasedRemoteLogMetadataManager
 * writes to __remote_log_metadata (KIP-405), printed as Apache Kafka 4.3.1's
 * DumpLogSegments prints them, the Java toString() of the decoded
 * RemoteLogSegmentMetadata, RemoteLogSegmentMetadataUpdate,
 * RemotePartitionDeleteMetadata or RemoteLogSegmentMetadataSnapshot.
 */
#ifndef KT_STORAGE_RLMM_H
#define KT_STORAGE_RLMM_H

#include "storage/coord.h"

/*
 * Decode one record value of __remote_log_metadata (p == NULL: null) at
 * offset. The text always goes to out->value (there is never a key):
 * returns 0 with the toString() text, or a negative KT_E* with err filled
 * and out->value set to Apache's "Error at offset <o>, skipping. <message>"
 * for bytes or values Java refuses; -KT_ENOMEM or -KT_ETOOBIG when an
 * output buffer fails (out then holds nothing).
 */
int kt_rlmm_format(struct kt_bytes value, int64_t offset,
		   struct kt_coord_out *out, struct kt_err *err);

#endif
