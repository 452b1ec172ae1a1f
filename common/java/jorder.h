/*
 * java/jorder.h - reproduce the iteration order of Java collections where
 * Apache's tools print in that order (tools.md Appendix B).
 *
 * Apache's kafka-topics --describe prints topics in java.util.HashMap order;
 * consumer-groups prints some tables the same way. HashMap iterates buckets
 * in ascending index, and within a bucket in insertion order (resizes keep
 * the relative order). So the order is a stable sort of the insertion order
 * by bucket index, (h ^ (h >>> 16)) & (capacity - 1), with h the Java
 * String.hashCode of the key.
 */
#ifndef KT_JAVA_JORDER_H
#define KT_JAVA_JORDER_H

#include <stddef.h>
#include <stdint.h>

/* Capacity of `new HashMap<>(n)` after n distinct puts. */
size_t kt_java_hashmap_cap(size_t n);
/* Capacity of `new HashMap<>()` (16, doubled as needed) after n puts. */
size_t kt_java_hashmap_default_cap(size_t n);
/* Capacity of `new HashMap<>(m)` where m holds n entries (copy constructor). */
size_t kt_java_hashmap_copy_cap(size_t n);

/* Reorder keys[0..n) (in insertion order) into the iteration order of a
 * HashMap of capacity cap (a power of two). Stable; allocates nothing when
 * n is small, else returns -KT_ENOMEM on allocation failure. */
int kt_java_hashmap_order(const char **keys, size_t n, size_t cap);

/* The order of kafka-topics --describe: keys sorted ascending go into a
 * HashMap created for n, which is copied, and the copy's iteration fills a
 * third HashMap created for n; the third is printed (Appendix B). keys must
 * be sorted on entry. Returns 0 or -KT_ENOMEM. */
int kt_java_topics_describe_order(const char **keys, size_t n);

#endif
