package io.kserve4j.core;

import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;

/**
 * Observes, changes or short-circuits the calls to an {@link InferenceService}, in the shape of
 * OkHttp's interceptors: each sees the request and the {@link CallContext} and calls {@link
 * Chain#proceed} to pass the call on, ending at the router, which chooses a revision and runs its
 * transformer, batcher, replica pool and model. Interceptors run in the order they were added,
 * around {@code predict} and {@code explain} alike ({@link CallContext#operation()} tells which).
 *
 * <pre>{@code
 * Interceptor timing = chain -> {
 *   long start = System.nanoTime();
 *   try {
 *     return chain.proceed(chain.request());
 *   } finally {
 *     log(chain.context().revision(), System.nanoTime() - start);
 *   }
 * };
 * InferenceService service = InferenceService.builder()...interceptor(timing).build();
 * }</pre>
 *
 * <p>An interceptor may call {@code proceed} with another request, or return a response without
 * calling it. Implementations are called from many threads at once and must be thread-safe. An
 * {@link io.kserve4j.protocol.InferenceException} thrown by one reaches the caller as it is; any
 * other exception becomes a 500 that names the interceptor.
 */
@FunctionalInterface
public interface Interceptor {
  /**
   * Handles one call, usually by calling {@code chain.proceed(chain.request())}.
   *
   * @return the response for the caller
   */
  InferResponse intercept(Chain chain);

  /** The rest of the call, as one interceptor sees it. */
  interface Chain {
    /** The request as it reaches this interceptor. */
    InferRequest request();

    /** The call: headers, tag, deadline, revision (once chosen) and attributes. */
    CallContext context();

    /**
     * Passes {@code request} to the next interceptor, or to the router after the last.
     *
     * @throws io.kserve4j.protocol.InferenceException as the service's {@code predict} does
     */
    InferResponse proceed(InferRequest request);
  }
}
