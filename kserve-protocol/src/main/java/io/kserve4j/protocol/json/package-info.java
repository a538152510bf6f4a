/**
 * The Open Inference Protocol's JSON bodies, read and written with Jackson's streaming parser and
 * generator (no tree in between): v2 inference requests and responses, with the binary tensor
 * extension; v2 model and server metadata; v1 {@code instances} and {@code predictions}.
 *
 * <p>Tensor {@code data} is read straight into primitive arrays, nested or flat, row-major; binary
 * tensors become tensors over slices of the body, without a copy. Every malformed body is an {@link
 * io.kserve4j.protocol.InvalidInputException} that names the field and the fix.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.protocol.json;
