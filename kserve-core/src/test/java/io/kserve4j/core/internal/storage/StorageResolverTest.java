package io.kserve4j.core.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.core.StorageOptions;
import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.core.storage.StorageException;
import io.kserve4j.core.storage.StorageProvider;
import io.kserve4j.core.storage.StorageRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageResolverTest {
  private static final String FIELD = "spec.predictor.model.storageUri";

  @TempDir Path tmp;
  private Path base;
  private Path pvcRoot;

  @BeforeEach
  void layout() throws IOException {
    base = Files.createDirectories(tmp.resolve("app"));
    Files.createDirectories(base.resolve("models/iris"));
    Files.write(base.resolve("models/iris/model.onnx"), new byte[] {1});
    pvcRoot = Files.createDirectories(tmp.resolve("pvc"));
    Files.createDirectories(pvcRoot.resolve("claim-a/iris"));
    Files.write(pvcRoot.resolve("claim-a/iris/model.onnx"), new byte[] {2});
    Files.write(tmp.resolve("secret.onnx"), new byte[] {3});
  }

  private StorageResolver resolver() {
    return new StorageResolver(
        StorageOptions.ofDefaults().withBaseDir(base).withPvcRoot(pvcRoot),
        "x",
        "InferenceService 'x'",
        FIELD);
  }

  @Test
  void relativePath_andFileUri_resolveAgainstTheBaseDir() throws IOException {
    Path expected = base.resolve("models/iris").toRealPath();
    assertThat(resolver().resolve("models/iris")).isEqualTo(expected);
    assertThat(resolver().resolve("file://models/iris")).isEqualTo(expected);
    assertThat(resolver().resolve("./models/../models/iris/model.onnx"))
        .isEqualTo(expected.resolve("model.onnx"));
  }

  @Test
  void absolutePath_isAllowed() {
    Path abs = tmp.resolve("secret.onnx");
    assertThat(resolver().resolve(abs.toString())).isEqualTo(abs);
    assertThat(resolver().resolve("file://" + abs)).isEqualTo(abs);
  }

  @Test
  void relativePath_escapingTheBaseDir_isRefused() {
    assertThatThrownBy(() -> resolver().resolve("../secret.onnx"))
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining(
            FIELD + " = ../secret.onnx: the path escapes the base directory " + base)
        .hasMessageContaining("(remove the '..' segments)");
  }

  @Test
  void symlinkOutOfTheBaseDir_isRefused() throws IOException {
    Files.createSymbolicLink(base.resolve("models/link.onnx"), tmp.resolve("secret.onnx"));
    assertThatThrownBy(() -> resolver().resolve("models/link.onnx"))
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("the path leads out of the base directory")
        .hasMessageContaining("through a symbolic link");
  }

  @Test
  void pvc_mapsTheClaimUnderThePvcRoot() throws IOException {
    assertThat(resolver().resolve("pvc://claim-a/iris/model.onnx"))
        .isEqualTo(pvcRoot.resolve("claim-a/iris/model.onnx").toRealPath());
    assertThat(resolver().resolve("pvc://claim-a"))
        .isEqualTo(pvcRoot.resolve("claim-a").toRealPath());
  }

  @Test
  void pvc_escapingTheClaim_orUnmountedClaim_isRefused() throws IOException {
    assertThatThrownBy(() -> resolver().resolve("pvc://claim-a/../../secret.onnx"))
        .hasMessageContaining("the path escapes claim 'claim-a'");
    assertThatThrownBy(() -> resolver().resolve("pvc://claim-b/iris"))
        .hasMessageContaining("claim 'claim-b' is not mounted");
    assertThatThrownBy(() -> resolver().resolve("pvc://../secret.onnx"))
        .hasMessageContaining("the claim name is missing");
    Files.createSymbolicLink(pvcRoot.resolve("claim-a/out"), tmp);
    assertThatThrownBy(() -> resolver().resolve("pvc://claim-a/out/secret.onnx"))
        .hasMessageContaining("through a symbolic link");
  }

  @Test
  void missingFile_saysNothingExistsThere() {
    assertThatThrownBy(() -> resolver().resolve("models/none"))
        .hasMessageContaining(
            FIELD + " = models/none: nothing exists at " + base.resolve("models/none"));
  }

  @Test
  void remoteSchemes_withoutAProvider_sayWhichIsMissing() {
    for (String scheme : new String[] {"s3", "gs", "https", "http", "hf"}) {
      String uri = scheme + "://bucket/model";
      assertThatThrownBy(() -> resolver().resolve(uri))
          .isInstanceOf(SpecValidationException.class)
          .hasMessageContaining(
              FIELD
                  + " = "
                  + uri
                  + ": no storage provider reads "
                  + scheme
                  + ":// here (remote storage needs one)")
          .hasMessageContaining("add a StorageProvider for " + scheme);
    }
    assertThatThrownBy(() -> resolver().resolve("ftp://h/m"))
        .hasMessageContaining(
            "unknown storage scheme 'ftp' (schemes read here: [classpath, file, kserve4j-test,"
                + " pvc])");
  }

  @Test
  void aProviderFoundByServiceLoader_readsItsScheme() {
    assertThat(resolver().resolve("kserve4j-test://iris"))
        .isEqualTo(Path.of("/fetched/by/test/provider/iris"));
  }

  @Test
  void aProviderGivenInTheOptions_winsForItsScheme_andItsFailureIsAViolation() {
    StorageProvider mine =
        new StorageProvider() {
          @Override
          public Set<String> schemes() {
            return Set.of("kserve4j-test", "s3");
          }

          @Override
          public Path fetch(StorageRequest request) {
            if (request.location().startsWith("missing")) {
              throw new StorageException("no such object", "check the bucket");
            }
            return tmp.resolve(request.scheme() + "-" + request.location());
          }
        };
    StorageResolver r =
        new StorageResolver(StorageOptions.ofDefaults().withProvider(mine), "x", "s", FIELD);

    assertThat(r.resolve("kserve4j-test://iris")).isEqualTo(tmp.resolve("kserve4j-test-iris"));
    assertThat(r.resolve("S3://bucket/key")).isEqualTo(tmp.resolve("s3-bucket/key"));
    assertThatThrownBy(() -> r.resolve("s3://missing/key"))
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining(FIELD + " = s3://missing/key: no such object (check the bucket)");
  }

  @Test
  void classpath_inADirectory_andInsideAJar() throws IOException {
    Path classes = Files.createDirectories(tmp.resolve("classes/models"));
    Files.write(classes.resolve("a.onnx"), new byte[] {7});
    Path jar = tmp.resolve("models.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out)) {
      j.putNextEntry(new JarEntry("jarred/b.onnx"));
      j.write(new byte[] {8, 9});
      j.closeEntry();
    }
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {tmp.resolve("classes").toUri().toURL(), jar.toUri().toURL()}, null)) {
      StorageResolver r =
          new StorageResolver(StorageOptions.ofDefaults().withClassLoader(loader), "s", "s", FIELD);
      assertThat(r.resolve("classpath:models/a.onnx")).isEqualTo(classes.resolve("a.onnx"));
      Path extracted = r.resolve("classpath:/jarred/b.onnx");
      assertThat(extracted.getFileName().toString()).isEqualTo("b.onnx");
      assertThat(Files.readAllBytes(extracted)).containsExactly(8, 9);
      assertThatThrownBy(() -> r.resolve("classpath:../x.onnx"))
          .hasMessageContaining("escapes the class path root");
      assertThatThrownBy(() -> r.resolve("classpath:none.onnx"))
          .hasMessageContaining("no such resource on the class path");
    }
  }
}
