package io.kserve4j.protocol.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Without gRPC on the class path, the wire says which artifacts to add. */
class GrpcDependenciesTest {

  /** kserve-protocol's own classes, seen by a loader that has no gRPC and no protobuf. */
  private static ClassLoader withoutGrpc() throws Exception {
    URL classes =
        Path.of(GrpcServer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toUri()
            .toURL();
    return new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
  }

  @Test
  void grpcServerBuilder_withoutGrpc_namesTheArtifactsToAdd() throws Exception {
    ClassLoader loader = withoutGrpc();
    Class<?> server = Class.forName(GrpcServer.class.getName(), true, loader);
    Throwable failure = null;
    try {
      server.getMethod("builder").invoke(null);
    } catch (InvocationTargetException e) {
      failure = e.getCause();
    }
    assertThat(failure)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "GrpcServer needs gRPC, which is not on the class path (missing io.grpc:grpc-netty,"
                + " io.grpc:grpc-protobuf, io.grpc:grpc-stub, com.google.protobuf:protobuf-java):"
                + " add io.grpc:grpc-netty, io.grpc:grpc-protobuf and io.grpc:grpc-stub 1.85.1"
                + " (kserve-protocol declares them optional)");
  }

  @Test
  void grpcClientCreate_withoutGrpc_namesTheArtifactsToAdd() throws Exception {
    ClassLoader loader = withoutGrpc();
    Class<?> client = Class.forName(GrpcClient.class.getName(), true, loader);
    Throwable failure = null;
    try {
      client.getMethod("create", String.class, int.class).invoke(null, "localhost", 8081);
    } catch (InvocationTargetException e) {
      failure = e.getCause();
    }
    assertThat(failure)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("GrpcClient needs gRPC, which is not on the class path");
  }

  @Test
  void theInProcessApi_loadsWithoutGrpc() throws Exception {
    ClassLoader loader = withoutGrpc();
    Class<?> tensor = Class.forName("io.kserve4j.protocol.Tensor", true, loader);
    Object t =
        tensor
            .getMethod("of", String.class, float[].class, long[].class)
            .invoke(null, "x", new float[] {1}, new long[] {1});
    assertThat(t.toString()).isEqualTo("Tensor{x FP32[1]}");
  }
}
