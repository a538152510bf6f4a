package io.kserve4j.protocol.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import io.kserve4j.protocol.InferRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** kserve-protocol without Netty: the codec and client work, the server names the artifact. */
class RestServerWithoutNettyTest {
  @Test
  void withoutNetty_startNamesTheArtifactToAdd_andTheRestStillLoads() throws Exception {
    URL classes = RestServer.class.getProtectionDomain().getCodeSource().getLocation();
    URL jackson = JsonFactory.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader noNetty =
        new URLClassLoader(new URL[] {classes, jackson}, ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> noNetty.loadClass("io.netty.buffer.ByteBuf"))
          .isInstanceOf(ClassNotFoundException.class);
      Class<?> handlerType = noNetty.loadClass("io.kserve4j.protocol.InferenceHandler");
      Object handler =
          Proxy.newProxyInstance(noNetty, new Class<?>[] {handlerType}, (p, m, a) -> null);
      Class<?> serverType = noNetty.loadClass(RestServer.class.getName());
      Object builder = serverType.getMethod("builder", handlerType).invoke(null, handler);
      Object server = builder.getClass().getMethod("build").invoke(builder);
      Method start = serverType.getMethod("start");
      assertThatThrownBy(() -> invoke(start, server))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("add io.netty:netty-codec-http:4.2.17.Final");
      // The client and the codec need no Netty.
      Class<?> client = noNetty.loadClass(RestClient.class.getName());
      assertThat(client.getMethod("builder", java.net.URI.class)).isNotNull();
      Class<?> codec = noNetty.loadClass("io.kserve4j.protocol.json.JsonCodec");
      Class<?> request = noNetty.loadClass(InferRequest.class.getName());
      assertThat(codec.getMethod("readInferRequest", java.nio.ByteBuffer.class, int.class))
          .isNotNull();
      Object parsed =
          codec
              .getMethod("readInferRequest", java.nio.ByteBuffer.class, int.class)
              .invoke(
                  null,
                  java.nio.ByteBuffer.wrap(
                      "{\"inputs\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                  13);
      assertThat(request.isInstance(parsed)).isTrue();
    }
  }

  private static Object invoke(Method m, Object target) throws Throwable {
    try {
      return m.invoke(target);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
