package io.kserve4j.cli;

import io.kserve4j.core.InferenceService;
import io.kserve4j.protocol.InferRequest;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.json.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kserve4j predict FILE.yaml --input request.json}: runs one v2 request in-process and
 * prints the v2 JSON response.
 */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description =
        "Run one v2 (Open Inference Protocol) JSON request in-process and print the response.")
final class PredictCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE.yaml", description = "a KServe InferenceService YAML")
  @Nullable Path file;

  @Option(
      names = {"-i", "--input"},
      required = true,
      paramLabel = "request.json",
      description = "a v2 inference request in JSON ('-' for standard input)")
  @Nullable Path input;

  @Option(names = "--name", description = "the InferenceService to use when the file holds several")
  @Nullable String name;

  @CommandLine.Mixin StorageMixin storage = new StorageMixin();

  @CommandLine.Spec CommandLine.Model.@Nullable CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = Cli.out(spec);
    byte[] body =
        "-".equals(String.valueOf(input))
            ? System.in.readAllBytes()
            : Files.readAllBytes(Cli.required(input, "--input"));
    InferRequest request = JsonCodec.readInferRequest(ByteBuffer.wrap(body), body.length);
    try (InferenceService service =
        InferenceService.fromYaml(Cli.required(file, "FILE.yaml"), name, storage.options())) {
      InferResponse response = service.predict(request);
      ByteArrayOutputStream json = new ByteArrayOutputStream();
      JsonCodec.writeInferResponse(response, null, json);
      out.println(json.toString(StandardCharsets.UTF_8));
    }
    out.flush();
    return 0;
  }
}
