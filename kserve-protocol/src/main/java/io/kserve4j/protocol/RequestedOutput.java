package io.kserve4j.protocol;

import java.util.Map;

/**
 * An output the caller asks for by name, with its protocol parameters (for example {@code
 * binary_data}).
 *
 * @param name the output tensor's name
 * @param parameters its parameters (immutable, possibly empty)
 */
public record RequestedOutput(String name, Map<String, Object> parameters) {
  /** Copies and checks the parameters. */
  public RequestedOutput {
    parameters = Parameters.copyOf(parameters);
  }

  /** The output called {@code name}, without parameters. */
  public static RequestedOutput of(String name) {
    return new RequestedOutput(name, Map.of());
  }
}
