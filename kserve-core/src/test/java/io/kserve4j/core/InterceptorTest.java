package io.kserve4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.InferenceException;
import io.kserve4j.protocol.InvalidInputException;
import io.kserve4j.protocol.Tensor;
import io.kserve4j.protocol.TensorMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** User interceptors around predict and explain, with the call context they see. */
class InterceptorTest {
  private static final CallContext.Key<String> TRACE = CallContext.Key.of("trace", String.class);

  private static Predictor doubler() {
    return Predictor.function(
        request -> {
          float[] x = request.input("x").asFloats();
          float[] y = new float[x.length];
          for (int i = 0; i < x.length; i++) {
            y[i] = 2 * x[i];
          }
          return InferResponse.of("any", List.of(Tensor.of("y", y, request.input("x").shape())));
        },
        List.of(TensorMetadata.of("x", DataType.FP32, -1, 2)),
        List.of(TensorMetadata.of("y", DataType.FP32, -1, 2)));
  }

  private static InferRequest request(float a, float b) {
    return InferRequest.of("x", new float[][] {{a, b}});
  }

  @Test
  void interceptors_runInTheOrderAdded_aroundTheCall_andSeeTheRevisionAfterProceed() {
    List<String> seen = new ArrayList<>();
    Interceptor outer =
        chain -> {
          seen.add("outer before, revision=" + chain.context().revision());
          InferResponse r = chain.proceed(chain.request());
          seen.add("outer after, revision=" + chain.context().revision());
          return r;
        };
    Interceptor inner =
        chain -> {
          seen.add("inner before");
          InferResponse r = chain.proceed(chain.request());
          seen.add("inner after");
          return r;
        };
    try (InferenceService s =
        InferenceService.builder()
            .name("doubler")
            .predictor(doubler())
            .interceptor(outer)
            .interceptor(inner)
            .build()) {
      InferResponse r = s.predict(request(1, 2));

      assertThat(r.output("y").asFloats()).containsExactly(2f, 4f);
      assertThat(seen)
          .containsExactly(
              "outer before, revision=null",
              "inner before",
              "inner after",
              "outer after, revision=doubler-predictor-00001");
    }
  }

  @Test
  void context_carriesService_operation_caseInsensitiveHeaders_tag_deadline_andAttributes() {
    List<CallContext> contexts = new ArrayList<>();
    Interceptor first =
        chain -> {
          chain.context().put(TRACE, "t-1");
          return chain.proceed(chain.request());
        };
    Interceptor second =
        chain -> {
          contexts.add(chain.context());
          return chain.proceed(chain.request());
        };
    try (InferenceService s =
        InferenceService.builder()
            .name("doubler")
            .predictor(doubler())
            .interceptor(first)
            .interceptor(second)
            .build()) {
      s.predict(request(1, 2), Map.of("X-Request-ID", "abc", "Authorization", "Bearer t"));

      CallContext c = contexts.get(0);
      assertThat(c.service()).isEqualTo("doubler");
      assertThat(c.operation()).isEqualTo(CallContext.Operation.PREDICT);
      assertThat(c.headers()).containsOnlyKeys("x-request-id", "authorization");
      assertThat(c.headers().get("X-REQUEST-ID")).isEqualTo("abc");
      assertThat(c.headers().get("authorization")).isEqualTo("Bearer t");
      assertThat(c.tag()).isNull();
      // KServe's default component timeout is 300 s.
      assertThat(c.remaining())
          .isBetween(java.time.Duration.ofSeconds(290), java.time.Duration.ofSeconds(300));
      assertThat(c.get(TRACE)).isEqualTo("t-1");
      assertThat(c.get(CallContext.Key.of("trace", String.class)))
          .as("keys compare by identity")
          .isNull();
    }
  }

  @Test
  void anInterceptor_mayChangeTheRequest_orAnswerWithoutProceeding() {
    Interceptor tripleInput =
        chain -> {
          float[] x = chain.request().input("x").asFloats();
          return chain.proceed(request(3 * x[0], 3 * x[1]));
        };
    Interceptor cache =
        chain ->
            chain.request().id() != null && chain.request().id().equals("cached")
                ? InferResponse.of("cache", List.of(Tensor.of("y", new float[] {42, 42}, 1, 2)))
                : chain.proceed(chain.request());
    try (InferenceService s =
        InferenceService.builder()
            .name("doubler")
            .predictor(doubler())
            .interceptor(cache)
            .interceptor(tripleInput)
            .build()) {
      assertThat(s.predict(request(1, 2)).output("y").asFloats()).containsExactly(6f, 12f);

      InferResponse cached =
          s.predict(
              InferRequest.builder()
                  .id("cached")
                  .input(Tensor.of("x", new float[][] {{1, 2}}))
                  .build());
      assertThat(cached.output("y").asFloats()).containsExactly(42f, 42f);
      assertThat(cached.modelName()).isEqualTo("doubler");
      assertThat(cached.id()).isEqualTo("cached");
    }
  }

  @Test
  void anInterceptorThatThrows_isA500NamingIt_andTheNextCallAnswers() {
    boolean[] fail = {true};
    Interceptor flaky =
        chain -> {
          if (fail[0]) {
            fail[0] = false;
            throw new IllegalStateException("boom");
          }
          return chain.proceed(chain.request());
        };
    try (InferenceService s =
        InferenceService.builder()
            .name("doubler")
            .predictor(doubler())
            .interceptor(flaky)
            .build()) {
      assertThatThrownBy(() -> s.predict(request(1, 2)))
          .isInstanceOf(InferenceException.class)
          .hasMessageContaining("interceptor " + flaky.getClass().getName() + " failed")
          .hasMessageContaining("java.lang.IllegalStateException: boom")
          .satisfies(e -> assertThat(((InferenceException) e).httpStatus()).isEqualTo(500));

      assertThat(s.predict(request(1, 2)).output("y").asFloats()).containsExactly(2f, 4f);
    }
  }

  @Test
  void anInferenceExceptionFromAnInterceptor_reachesTheCallerAsItIs() {
    Interceptor auth =
        chain -> {
          if (chain.context().headers().get("authorization") == null) {
            throw new InvalidInputException("doubler", "no Authorization header");
          }
          return chain.proceed(chain.request());
        };
    try (InferenceService s =
        InferenceService.builder().name("doubler").predictor(doubler()).interceptor(auth).build()) {
      assertThatThrownBy(() -> s.predict(request(1, 2)))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage("model 'doubler': no Authorization header");
      assertThat(s.predict(request(1, 2), Map.of("Authorization", "x")).output("y").asFloats())
          .containsExactly(2f, 4f);
    }
  }

  @Test
  void explain_passesTheInterceptorsToo_asExplain() {
    List<CallContext.Operation> ops = new ArrayList<>();
    Interceptor record =
        chain -> {
          ops.add(chain.context().operation());
          return chain.proceed(chain.request());
        };
    Explainer explainer =
        (request, headers, predictor) -> {
          InferResponse p = predictor.predict(request);
          return InferResponse.of("x", List.of(p.output("y").withName("explanation")));
        };
    try (InferenceService s =
        InferenceService.builder()
            .name("doubler")
            .predictor(doubler())
            .explainer(explainer)
            .interceptor(record)
            .build()) {
      s.predict(request(1, 2));
      InferResponse e = s.explain(request(1, 2));

      assertThat(e.output("explanation").asFloats()).containsExactly(2f, 4f);
      assertThat(ops).containsExactly(CallContext.Operation.PREDICT, CallContext.Operation.EXPLAIN);
    }
  }
}
