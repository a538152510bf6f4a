/**
 * How kserve4j reads, writes and checks KServe YAML; not part of the API.
 *
 * <p>{@link io.kserve4j.core.internal.spec.SpecReader} binds each parsed document by hand, field by
 * field, so that a wrong type names its path; fields KServe's CRD defines but kserve4j does not
 * model are kept, as read, in the nearest record's {@code extra} map. Field names are checked as
 * strictly as KServe's CRDs: {@link io.kserve4j.core.internal.spec.FieldTable} holds every object's
 * fields (generated from KServe 0.20's CRDs, and tested against them), and {@link
 * io.kserve4j.core.internal.spec.FieldNameCheck} reports an unknown one with the field it likely
 * meant. {@link io.kserve4j.core.internal.spec.SpecWriter} writes the records back with KServe's
 * field names and merges those extras in their place. {@link
 * io.kserve4j.core.internal.spec.SpecRules} holds KServe's admission rules (and the few kserve4j
 * adds because it routes in-process), each reported as {@code path = value: rule (fix)}.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.core.internal.spec;
