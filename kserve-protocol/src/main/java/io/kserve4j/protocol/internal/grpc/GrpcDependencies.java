package io.kserve4j.protocol.internal.grpc;

import org.jspecify.annotations.Nullable;

/**
 * Whether gRPC is on the class path. kserve-protocol declares grpc-java and protobuf optional: this
 * class touches none of their types, so it can say which artifact is missing before anything fails
 * with a bare {@link NoClassDefFoundError}.
 */
public final class GrpcDependencies {
  private GrpcDependencies() {}

  private static final String[][] REQUIRED = {
    {"io.grpc.netty.NettyServerBuilder", "io.grpc:grpc-netty"},
    {"io.grpc.protobuf.ProtoUtils", "io.grpc:grpc-protobuf"},
    {"io.grpc.stub.ServerCalls", "io.grpc:grpc-stub"},
    {"com.google.protobuf.Message", "com.google.protobuf:protobuf-java"},
  };

  private static volatile @Nullable String missing;
  private static volatile boolean checked;

  /**
   * Checks that gRPC can be used.
   *
   * @param what what needs it, for the message, e.g. {@code "GrpcServer"}
   * @throws IllegalStateException if a gRPC or protobuf artifact is missing; the message names the
   *     artifacts to add
   */
  public static void check(String what) {
    if (!checked) {
      missing = findMissing();
      checked = true;
    }
    String m = missing;
    if (m != null) {
      throw new IllegalStateException(
          what
              + " needs gRPC, which is not on the class path (missing "
              + m
              + "): add io.grpc:grpc-netty, io.grpc:grpc-protobuf and io.grpc:grpc-stub 1.85.1"
              + " (kserve-protocol declares them optional)");
    }
  }

  private static @Nullable String findMissing() {
    ClassLoader loader = GrpcDependencies.class.getClassLoader();
    StringBuilder out = new StringBuilder();
    for (String[] r : REQUIRED) {
      try {
        Class.forName(r[0], false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        out.append(out.length() == 0 ? "" : ", ").append(r[1]);
      }
    }
    return out.length() == 0 ? null : out.toString();
  }
}
