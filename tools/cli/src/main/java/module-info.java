/**
 * The {@code kserve4j} command line: {@code serve}, {@code predict} and {@code validate} over
 * KServe YAML, and {@code condition} for InferenceGraph conditions. Built as one runnable jar,
 * {@code tools/cli/target/kserve4j.jar}, with every runtime and server kserve4j ships.
 */
@org.jspecify.annotations.NullMarked
module io.kserve4j.cli {
  requires static org.jspecify;
  requires io.kserve4j.core;
  requires io.kserve4j.graph;
  requires io.kserve4j.runtime.onnxruntime;
  requires io.kserve4j.server.rest;
  requires io.kserve4j.server.grpc;
  requires info.picocli;
  requires org.knowm.xchart;
  requires java.desktop;
  requires java.logging;

  exports io.kserve4j.cli;

  opens io.kserve4j.cli to
      info.picocli;
}
