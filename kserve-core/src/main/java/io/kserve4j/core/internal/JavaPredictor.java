package io.kserve4j.core.internal;

import io.kserve4j.core.ModelFunction;
import io.kserve4j.core.runtime.RuntimeOptions;
import io.kserve4j.protocol.ModelMetadata;
import org.jspecify.annotations.Nullable;

/**
 * A predictor written as Java code, handed to the Java runtime as its option.
 *
 * @param function the code
 * @param signature its declared inputs and outputs, or {@code null} for none (unchecked)
 */
public record JavaPredictor(ModelFunction function, @Nullable ModelMetadata signature)
    implements RuntimeOptions {}
