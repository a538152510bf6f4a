package io.kserve4j.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kserve4j.core.testkit.CrdDocuments;
import io.kserve4j.core.testkit.CrdSchemas;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * kserve4j reads KServe YAML as strictly as KServe's CRDs in {@code testdata/kserve-crds}: a
 * document that sets every field a kind's schema defines, at every depth, reads without a problem
 * and writes back whole; the same document with an unknown field in every object gives one
 * violation per object. The documents come from the schemas alone ({@link CrdDocuments}), not from
 * kserve4j's field table.
 */
class CrdFieldsTest {
  static final List<String> KINDS = CrdSchemas.kinds();

  private static final YAMLMapper YAML = new YAMLMapper();

  @ParameterizedTest
  @FieldSource("KINDS")
  void everyFieldTheCrdDefines_isAccepted_andWrittenBackWhole(String kind) throws Exception {
    ObjectNode full = CrdDocuments.full(kind);
    assertThat(CrdSchemas.errors(full)).as("the test document itself").isEmpty();

    KServeDocuments docs = KServeYaml.read(YAML.writeValueAsString(full), kind + ".yaml");
    String written = KServeYaml.write(docs);

    assertThat(CrdSchemas.errors(written)).isEmpty();
    assertThat(YAML.readTree(written)).isEqualTo(full);
    assertThat(KServeYaml.read(written, "export")).isEqualTo(docs);
  }

  @ParameterizedTest
  @FieldSource("KINDS")
  void aFieldTheCrdDoesNotDefine_isAViolation_inEveryObject(String kind) throws Exception {
    ObjectNode doc = CrdDocuments.full(kind);
    List<String> objects = CrdDocuments.addEverywhere(doc, kind, "zzUnknown");
    String yaml = YAML.writeValueAsString(doc);

    assertThat(objects).hasSizeGreaterThan(3);
    assertThatThrownBy(() -> KServeYaml.read(yaml, kind + ".yaml"))
        .isInstanceOfSatisfying(
            SpecValidationException.class,
            e ->
                assertThat(e.violations().stream().map(Violation::toString))
                    .containsExactlyInAnyOrderElementsOf(
                        objects.stream()
                            .map(
                                path ->
                                    (path.isEmpty() ? "" : path + ".")
                                        + "zzUnknown = 1: unknown field (not a field of "
                                        + kind
                                        + (path.isEmpty() ? "" : " " + path)
                                        + ")")
                            .collect(Collectors.toList())));
  }
}
