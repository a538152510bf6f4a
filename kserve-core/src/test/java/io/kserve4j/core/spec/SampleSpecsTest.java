package io.kserve4j.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.kserve4j.core.testkit.CrdSchemas;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every valid sample under {@code src/test/resources/kserve}: it loads, passes kserve4j's checks of
 * KServe's rules and KServe's own CRD schema (closed against typos), and so does its export, which
 * reads back to equal records.
 */
class SampleSpecsTest {
  static final List<String> SAMPLES = Samples.VALID;

  @Test
  void everySampleOnDisk_isListed() {
    assertThat(Samples.validOnDisk()).containsExactlyInAnyOrderElementsOf(SAMPLES);
  }

  @ParameterizedTest
  @FieldSource("SAMPLES")
  void sample_loadsAndValidates_withoutViolation(String sample) {
    KServeDocuments docs = Samples.read(sample);

    assertThat(docs.isEmpty()).isFalse();
    for (KServeResource resource : docs.all()) {
      assertThat(resource.violations()).as(resource.kind() + " " + resource.name()).isEmpty();
      assertThat(resource.validate()).isSameAs(resource);
    }
  }

  @ParameterizedTest
  @FieldSource("SAMPLES")
  void sample_matchesKServeCrdSchema(String sample) {
    List<String> documents = Samples.documents(Samples.text(sample));

    assertThat(documents).isNotEmpty();
    for (String document : documents) {
      assertThat(CrdSchemas.errors(document)).as(sample).isEmpty();
    }
  }

  @ParameterizedTest
  @FieldSource("SAMPLES")
  void export_matchesKServeCrdSchema_andReadsBackEqual(String sample) {
    KServeDocuments docs = Samples.read(sample);

    String exported = KServeYaml.write(docs);
    List<String> documents = Samples.documents(exported);

    assertThat(documents).hasSize(docs.all().size());
    List<String> errors = new ArrayList<>();
    for (String document : documents) {
      errors.addAll(CrdSchemas.errors(document));
    }
    assertThat(errors).as(exported).isEmpty();
    assertThat(KServeYaml.read(exported, "export of " + sample)).isEqualTo(docs);
  }

  @ParameterizedTest
  @FieldSource("SAMPLES")
  void export_isStable(String sample) {
    String once = KServeYaml.write(Samples.read(sample));
    String twice = KServeYaml.write(KServeYaml.read(once, sample));

    assertThat(twice).isEqualTo(once);
  }
}
