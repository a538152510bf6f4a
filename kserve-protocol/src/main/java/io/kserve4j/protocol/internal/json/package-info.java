/**
 * The JSON codec's machinery on Jackson's streaming API: tensor {@code data} read straight into
 * primitive arrays, the binary tensor extension's layout, v1 rows. Not exported; {@link
 * io.kserve4j.protocol.json.JsonCodec} is the public face.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.protocol.internal.json;
