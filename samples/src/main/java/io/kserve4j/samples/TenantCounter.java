package io.kserve4j.samples;

import io.kserve4j.core.Interceptor;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InvalidInputException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts calls per tenant and revision; refuses calls that name no tenant. */
public final class TenantCounter implements Interceptor {
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

  @Override
  public InferResponse intercept(Chain chain) {
    String tenant = chain.context().headers().get("X-Tenant");
    if (tenant == null) {
      throw new InvalidInputException(
          chain.context().service(), "no X-Tenant header (name the tenant making the call)");
    }
    InferResponse response = chain.proceed(chain.request());
    String key = tenant + "@" + chain.context().revision();
    calls.computeIfAbsent(key, k -> new LongAdder()).increment();
    return response;
  }

  /** Calls answered, by {@code tenant@revision}. */
  public long calls(String tenant, String revision) {
    LongAdder n = calls.get(tenant + "@" + revision);
    return n == null ? 0 : n.sum();
  }
}
