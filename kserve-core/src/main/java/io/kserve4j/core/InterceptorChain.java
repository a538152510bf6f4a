package io.kserve4j.core;

import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.InferenceStatus;
import java.util.function.BiFunction;

/**
 * The chain one interceptor sees: the interceptors after it, then {@code last} (the router). One
 * small object per interceptor per call; none when a service has no interceptors.
 */
final class InterceptorChain implements Interceptor.Chain {
  private final Interceptor[] interceptors;
  private final int index;
  private final InferRequest request;
  private final CallContext context;
  private final BiFunction<InferRequest, CallContext, InferResponse> last;

  InterceptorChain(
      Interceptor[] interceptors,
      int index,
      InferRequest request,
      CallContext context,
      BiFunction<InferRequest, CallContext, InferResponse> last) {
    this.interceptors = interceptors;
    this.index = index;
    this.request = request;
    this.context = context;
    this.last = last;
  }

  @Override
  public InferRequest request() {
    return request;
  }

  @Override
  public CallContext context() {
    return context;
  }

  @Override
  public InferResponse proceed(InferRequest next) {
    if (index >= interceptors.length) {
      return last.apply(next, context);
    }
    Interceptor interceptor = interceptors[index];
    InterceptorChain rest = new InterceptorChain(interceptors, index + 1, next, context, last);
    InferResponse response;
    try {
      response = interceptor.intercept(rest);
    } catch (InferenceException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InferenceException(
          InferenceStatus.INTERNAL,
          context.service(),
          "interceptor " + interceptor.getClass().getName() + " failed: " + e,
          e);
    }
    if (response == null) {
      throw new InferenceException(
          InferenceStatus.INTERNAL,
          context.service(),
          "interceptor " + interceptor.getClass().getName() + " returned no response",
          null);
    }
    return response;
  }
}
