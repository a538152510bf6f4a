package io.kserve4j.protocol;

/**
 * What one request may ask of a server, checked while the request is read, before its tensors are
 * built: how many input tensors it carries, how many outputs it names, and how long its id is.
 * KServe and Triton models take and give a handful of tensors; a request with tens of thousands is
 * not a real model's, and every one of them costs the server time and memory.
 *
 * <p>The REST and gRPC servers take these from their builders ({@code maxInputs}, {@code
 * maxOutputs}, {@code maxRequestIdLength}); {@link io.kserve4j.protocol.json.JsonCodec} takes them
 * as an argument. A request over a limit is an {@link InvalidInputException} (400,
 * INVALID_ARGUMENT) that names the limit and the setting.
 *
 * @param maxInputs the most input tensors a request may carry; by default {@value
 *     #DEFAULT_MAX_INPUTS}
 * @param maxOutputs the most outputs a request may name in {@code outputs}; by default {@value
 *     #DEFAULT_MAX_OUTPUTS}
 * @param maxRequestIdLength the longest request id, in characters; by default {@value
 *     #DEFAULT_MAX_REQUEST_ID_LENGTH}
 */
public record RequestLimits(int maxInputs, int maxOutputs, int maxRequestIdLength) {
  /** The default for {@link #maxInputs()}: {@value}, far above any real model's inputs. */
  public static final int DEFAULT_MAX_INPUTS = 256;

  /** The default for {@link #maxOutputs()}: {@value}. */
  public static final int DEFAULT_MAX_OUTPUTS = 256;

  /**
   * The default for {@link #maxRequestIdLength()}: {@value} characters, seven times a UUID (36) and
   * room for any tracing id, yet short enough to echo in the {@code x-request-id} header.
   */
  public static final int DEFAULT_MAX_REQUEST_ID_LENGTH = 256;

  private static final RequestLimits DEFAULTS =
      new RequestLimits(DEFAULT_MAX_INPUTS, DEFAULT_MAX_OUTPUTS, DEFAULT_MAX_REQUEST_ID_LENGTH);

  /**
   * Checks each limit.
   *
   * @throws IllegalArgumentException if a limit is not positive
   */
  public RequestLimits {
    positive("maxInputs", maxInputs);
    positive("maxOutputs", maxOutputs);
    positive("maxRequestIdLength", maxRequestIdLength);
  }

  /** The defaults: {@value #DEFAULT_MAX_INPUTS} inputs, {@value #DEFAULT_MAX_OUTPUTS} outputs. */
  public static RequestLimits ofDefaults() {
    return DEFAULTS;
  }

  /** These limits with {@code maxInputs} changed. */
  public RequestLimits withMaxInputs(int maxInputs) {
    return new RequestLimits(maxInputs, maxOutputs, maxRequestIdLength);
  }

  /** These limits with {@code maxOutputs} changed. */
  public RequestLimits withMaxOutputs(int maxOutputs) {
    return new RequestLimits(maxInputs, maxOutputs, maxRequestIdLength);
  }

  /** These limits with {@code maxRequestIdLength} changed. */
  public RequestLimits withMaxRequestIdLength(int maxRequestIdLength) {
    return new RequestLimits(maxInputs, maxOutputs, maxRequestIdLength);
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " = " + value + ": must be > 0");
    }
  }
}
