/**
 * The REST server on Netty: the pipeline (HTTP codec, timeouts, body limit), KServe's routes and
 * the hand-off of every model call to an executor. The only package that touches Netty; not
 * exported. {@link io.kserve4j.server.rest.RestServer} is the public face.
 */
@org.jspecify.annotations.NullMarked
package io.kserve4j.server.rest.internal;
